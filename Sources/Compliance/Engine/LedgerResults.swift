import Diagnostics

/// What a ledger audit adds to a report: its findings (capped per rule), every ledger rule's true
/// totals, the tape files read and the lines its findings quote.
public struct LedgerResults: Sendable {
    /// One ledger rule's totals over the whole tape.
    public struct RuleTotals: Sendable, Hashable {
        /// Loans or groups the rule was checked on.
        public let checked: Int
        /// Violations by severity (waived ones included).
        public let violations: [FindingSeverity: Int]
        /// "Cannot evaluate" subjects by severity.
        public let cannotEvaluate: [FindingSeverity: Int]
        /// Failures not listed (beyond `--max-findings-per-rule`), by severity.
        public let unlisted: [FindingSeverity: Int]

        public init(checked: Int, violations: [FindingSeverity: Int], cannotEvaluate: [FindingSeverity: Int],
                    unlisted: [FindingSeverity: Int]) {
            self.checked = checked
            self.violations = violations
            self.cannotEvaluate = cannotEvaluate
            self.unlisted = unlisted
        }

        /// Failures (violations and "cannot evaluate") of `severity`.
        public func failures(_ severity: FindingSeverity) -> Int {
            (violations[severity] ?? 0) + (cannotEvaluate[severity] ?? 0)
        }
    }

    /// The engine that ran the ledger rules (`stream`, `duckdb`, …).
    public let engine: String
    public var findings: [Finding]
    public let totals: [String: RuleTotals]
    /// Of the keys waivers name, per rule, those the tape has.
    public let seenWaivedKeys: [String: Set<String>]
    public let inputs: [AuditReport.InputStamp]
    public let sources: SourceTexts
    public let loans: Int
    public let fundings: Int
    public let maxFindingsPerRule: Int

    public init(engine: String, findings: [Finding], totals: [String: RuleTotals], seenWaivedKeys: [String: Set<String>],
                inputs: [AuditReport.InputStamp], sources: SourceTexts, loans: Int, fundings: Int, maxFindingsPerRule: Int) {
        self.engine = engine
        self.findings = findings
        self.totals = totals
        self.seenWaivedKeys = seenWaivedKeys
        self.inputs = inputs
        self.sources = sources
        self.loans = loans
        self.fundings = fundings
        self.maxFindingsPerRule = maxFindingsPerRule
    }
}
