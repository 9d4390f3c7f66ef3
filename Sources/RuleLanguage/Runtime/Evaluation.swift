import Diagnostics

/// The outcome of evaluating a compiled expression against one set of bindings.
///
/// Missing data never passes silently: when a needed optional value is absent the result is `unknown`,
/// listing what was missing, and the caller reports "cannot evaluate". `and`/`or` follow CEL: a decided
/// side wins (`false and unknown` is false, `true or unknown` is true), otherwise the result is unknown.
public enum Evaluation: Sendable {
    /// A value. For a `false` boolean, `evidence` says which comparisons made it false (one entry per
    /// offending list element for `all(…)`); otherwise it is empty.
    case value(Value, evidence: [Evidence])
    /// The result depends on values absent from the documents.
    case unknown(missing: [MissingField])
    /// Division by zero, overflow, an index out of range, a missing binding: located in the expression.
    case error(Diagnostic)

    /// The value, if evaluation produced one.
    public var value: Value? {
        if case .value(let value, _) = self { return value }
        return nil
    }

    /// True only for the boolean value `true`.
    public var isTrue: Bool { value == .boolean(true) }

    /// True only for the boolean value `false`.
    public var isFalse: Bool { value == .boolean(false) }

    /// The evidence of a false result (empty otherwise).
    public var evidence: [Evidence] {
        if case .value(_, let evidence) = self { return evidence }
        return []
    }

    /// "cannot evaluate: missing lender.financials.tier1_capital_net" for an unknown result, the
    /// diagnostic's message for an error, nil for a value.
    public var problem: String? {
        switch self {
        case .value: nil
        case .unknown(let missing): "cannot evaluate: missing " + missing.map(\.path).joined(separator: ", ")
        case .error(let diagnostic): diagnostic.message
        }
    }
}

/// A value an expression needed but the document lacks.
public struct MissingField: Sendable, Hashable, CustomStringConvertible {
    /// `lender.financials.tier1_capital_net`, with list indices inside lambdas (`product.pricing.fees[0].collected`).
    public let path: String
    /// The location of the record that lacks the field (the most specific node there is).
    public let location: SourceLocation?

    /// A missing value at `path`, lacking from the record at `location`.
    public init(path: String, location: SourceLocation?) {
        self.path = path
        self.location = location
    }

    /// The path.
    public var description: String { path }
}

/// One reason why a boolean expression was false: an actual value and the bound it missed.
///
/// For `product.funding[1].share >= 30%` with a share of 29.99%: `path` is `product.funding[1].share`,
/// `actual` is `29.99%`, `required` is `≥ 30%`, `text` is `product.funding[1].share = 29.99% < 30%`, and
/// `location` is the YAML node of that share.
public struct Evidence: Sendable, Hashable, CustomStringConvertible {
    /// The document path of the actual value, when it was read from a document.
    public let path: String?
    /// The actual value with its unit.
    public let actual: String
    /// The bound it had to meet, with the operator: `≥ 30%`, `≤ ¥200,000`, `∈ [CN-GD]`, `present`.
    public let required: String
    /// The whole line: `product.funding[1].share = 29.99% < 30%`.
    public let text: String
    /// Where the actual value is in the document (or the list element / record it belongs to).
    public let location: SourceLocation?
    /// Where the failing comparison is in the rule.
    public let ruleLocation: SourceLocation?

    /// Evidence with every part given (the evaluator builds these; tests compare with them).
    public init(
        path: String?, actual: String, required: String, text: String, location: SourceLocation?,
        ruleLocation: SourceLocation?
    ) {
        self.path = path
        self.actual = actual
        self.required = required
        self.text = text
        self.location = location
        self.ruleLocation = ruleLocation
    }

    /// The whole line, `text`.
    public var description: String { text }
}
