import Diagnostics

/// A type-checked, compiled expression: immutable, `Sendable`, evaluated many times without re-parsing.
public struct CompiledExpression: Sendable {
    /// The static type of the result.
    public let resultType: ValueType
    /// The expression as written.
    public let text: String
    /// Where the text sits in its file.
    public let origin: EmbeddedTextOrigin
    /// The variables the expression reads; each must be bound when evaluating.
    public let variables: [String]
    /// The value when the expression involves no variable (folded at compile time).
    public var constantValue: Value? { root.constant }

    let root: Node
    let slotCount: Int

    init(resultType: ValueType, text: String, origin: EmbeddedTextOrigin, variables: [String], root: Node, slotCount: Int) {
        self.resultType = resultType
        self.text = text
        self.origin = origin
        self.variables = variables
        self.root = root
        self.slotCount = slotCount
    }

    /// Evaluates the expression with `bindings` for its variables.
    ///
    /// A `false` boolean comes with evidence; an absent optional value gives `.unknown` with the missing
    /// paths (list indices included); division by zero, overflow and the like give `.error`.
    ///
    /// - Parameters:
    ///   - explaining: whether a `false` result collects its evidence. Callers that only need the
    ///     boolean (an `applies_to` guard) pass false: explaining re-walks the expression.
    ///   - scratch: frames to reuse, for a caller that evaluates many expressions on one thread (an
    ///     audit's worker); without it each evaluation allocates its own.
    public func evaluate(_ bindings: Bindings, explaining: Bool = true, scratch: EvaluationScratch? = nil) -> Evaluation {
        let frame = scratch?.take(slots: slotCount) ?? Frame(roots: [], slots: slotCount)
        defer { scratch?.give(back: frame) }
        frame.roots.reserveCapacity(variables.count)
        for name in variables {
            guard let value = bindings[name] else {
                return .error(Diagnostic.error("no value is bound to '\(name)'", at: origin.location(textLine: 1, textColumn: 1)))
            }
            frame.roots.append(value)
        }
        do {
            let value = try root.evaluate(frame)
            guard explaining, value == .boolean(false) else { return .value(value, evidence: []) }
            frame.tracing = true
            return .value(value, evidence: Explainer.explain(root, frame, wanted: true))
        } catch {
            switch error {
            case .failure(let diagnostic):
                return .error(diagnostic)
            case .unknown(let missing):
                // The fast pass names missing fields by their text (`f.collected`); a tracing pass knows
                // which list element each lambda parameter stood for (`product.pricing.fees[1].collected`).
                let tracer = scratch?.take(slots: slotCount) ?? Frame(roots: [], slots: slotCount)
                defer { scratch?.give(back: tracer) }
                tracer.roots.append(contentsOf: frame.roots)
                tracer.tracing = true
                do {
                    _ = try root.evaluate(tracer)
                } catch {
                    if case .unknown(let precise) = error { return .unknown(missing: precise) }
                }
                return .unknown(missing: missing)
            }
        }
    }
}

/// An expression both compiled (for evaluation with evidence) and kept as its typed tree (for stages
/// that lower it into another form, such as the ledger plan), with the means to locate and quote any
/// part of it.
public struct CheckedExpression: Sendable {
    public let compiled: CompiledExpression
    public let typed: Typed
    let source: ExpressionSource

    /// The file location of an offset into the expression's text (a `Typed.anchor` or span start).
    public func location(_ offset: Int) -> SourceLocation { source.location(offset) }

    /// The text of a span, white space collapsed (`lender.type`).
    public func text(of span: SourceSpan) -> String { source.text(of: span) }
}

/// Compiling rule-language expressions.
public enum RuleExpression {
    /// Parses, type-checks and compiles `text`.
    ///
    /// - Parameters:
    ///   - origin: where `text` sits in its file; every diagnostic and evidence location is mapped through it.
    ///   - environment: the variables, record and enum types the expression may use.
    ///   - expecting: the required result type (e.g. `.boolean` for a rule's `require`), if any.
    /// - Throws: every syntax, type and constant-evaluation error found, located in the file.
    public static func compile(
        _ text: String, origin: EmbeddedTextOrigin, environment: TypeEnvironment, expecting: ValueType? = nil
    ) throws(DiagnosticList) -> CompiledExpression {
        try check(text, origin: origin, environment: environment, expecting: expecting).compiled
    }

    /// Parses, type-checks and compiles `text`, keeping the typed tree too.
    public static func check(
        _ text: String, origin: EmbeddedTextOrigin, environment: TypeEnvironment, expecting: ValueType? = nil
    ) throws(DiagnosticList) -> CheckedExpression {
        let source = ExpressionSource(text, origin: origin)
        let syntax: Syntax
        do {
            syntax = try Parser.parse(source)
        } catch {
            throw DiagnosticList([error])
        }
        var checker = TypeChecker(environment: environment, source: source)
        let checked = checker.check(syntax, [])
        guard let typed = checked, checker.diagnostics.isEmpty else {
            throw DiagnosticList(checker.diagnostics)
        }
        if let expecting, typed.type != expecting {
            throw DiagnosticList([source.error("expected a \(expecting) expression, found \(typed.type)", at: typed.span.start)])
        }
        var compiler = Compiler(source: source, slotCount: checker.slotCount, histories: environment.histories)
        let root = compiler.compile(typed)
        guard compiler.diagnostics.isEmpty else { throw DiagnosticList(compiler.diagnostics) }
        let compiled = CompiledExpression(resultType: typed.type, text: text, origin: origin, variables: compiler.rootNames,
                                          root: root, slotCount: checker.slotCount)
        return CheckedExpression(compiled: compiled, typed: typed, source: source)
    }
}
