import Diagnostics
import RuleLanguage
import YAML

/// A test case of a rule, written in its pack: documents, an as-of date and the expected findings.
public struct PackTestCase: Sendable {
    /// What a case expects of its rule.
    public enum Expectation: Sendable {
        /// No finding of the rule.
        case pass
        /// Exactly these findings of the rule (in any order).
        case findings([ExpectedFinding])
    }

    public let name: String
    public let asOf: CivilDate
    /// The documents, fixtures already resolved and patched.
    public let documents: [Node]
    public let expectation: Expectation
    public let location: SourceLocation
    /// A ledger rule's small loan tape (`tape:`), nil for document rules.
    public let tape: PackTestTape?

    /// A case that expects no finding proves the rule can pass; one that expects a finding proves it can fail.
    public var expectsViolation: Bool {
        if case .findings(let expected) = expectation { return !expected.isEmpty }
        return false
    }
}

/// The tables of a pack test's loan tape, written inline as CSV text.
public struct PackTestTape: Sendable {
    /// The data date of the balances (`tape.as_of`, else the case's `as_of`).
    public let asOf: CivilDate
    /// CSV text per table (`loans`, `fundings`, `borrower_groups`), with where it is written.
    public let tables: [String: (text: String, location: SourceLocation)]

    public init(asOf: CivilDate, tables: [String: (text: String, location: SourceLocation)]) {
        self.asOf = asOf
        self.tables = tables
    }
}

/// One finding a test case expects; unset fields match anything.
public struct ExpectedFinding: Sendable, Hashable {
    public let severity: FindingSeverity?
    public let subject: String?
    public let path: String?
    /// Expect a "cannot evaluate" finding rather than a violation.
    public let cannotEvaluate: Bool
    /// Expect the finding to be waived.
    public let waived: Bool?
    /// A text the English message must contain.
    public let messageContains: String?

    public func matches(_ finding: Finding) -> Bool {
        if let severity, finding.severity != severity { return false }
        if let subject, finding.subject.id != subject { return false }
        if let path, finding.path != path { return false }
        if cannotEvaluate != finding.cannotEvaluate { return false }
        if let waived, finding.waiver?.applied ?? false != waived { return false }
        if let messageContains, !finding.message.en.contains(messageContains) { return false }
        return true
    }

    /// `error at funding[1].share of p1`.
    public var description: String {
        var parts: [String] = []
        parts.append(cannotEvaluate ? "cannot-evaluate" : (severity?.rawValue ?? "finding"))
        if let path { parts.append("at \(path)") }
        if let subject { parts.append("of \(subject)") }
        return parts.joined(separator: " ")
    }
}
