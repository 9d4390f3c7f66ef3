import Diagnostics
import LoanDomain
import RuleLanguage

/// Everything a report needs, in one value: what was checked, under which rules in force on which date,
/// the outcome of every rule on every subject, the findings and the reproducibility stamp.
public struct AuditReport: Sendable {
    /// A pack used by the audit.
    public struct PackStamp: Sendable, Hashable {
        public let id: String
        public let version: String
        public let sha256: String
        public let status: PackStatus
        public let title: LocalizedText
        public let instrument: String
        public let file: String
        /// The official text of the pack's instrument (the pack's `source`), if the pack gives one.
        public var source: String? = nil
        /// True for a pack of the shipped rules directory, false for a `--rules` pack.
        public var shipped: Bool = true
    }

    /// An input file and its digest.
    public struct InputStamp: Sendable, Hashable {
        public let path: String
        public let sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// A document audited.
    public struct SubjectSummary: Sendable, Hashable {
        public let kind: String
        public let id: String
        public let name: String
        public let file: String
        /// For products: the lender; for institutions: the type.
        public let detail: String
    }

    /// A rule as checked in this audit, for rule tables and appendices.
    public struct RuleSummary: Sendable {
        public let id: String
        public let packId: String
        public let title: LocalizedText
        public let subject: RuleSubject
        public let severity: FindingSeverity
        public let citation: Citation
        public let effective: CivilDate
        public let enforced: CivilDate?
        public let repealed: CivilDate?
        /// The day from which new business must comply, when later than `effective` (DESIGN §4).
        public let newBusinessFrom: CivilDate?
        public let inForce: Bool
        public let requirement: String
        public let appliesTo: String?
        /// Parameters read by the rule, with the value in force at the as-of date.
        public let parameters: [ParameterUse]
    }

    public let toolName: String
    public let toolVersion: String
    public let asOf: CivilDate
    public let language: ReportLanguage
    public let packs: [PackStamp]
    public let inputs: [InputStamp]
    public let subjects: [SubjectSummary]
    public let rules: [RuleSummary]
    /// Shipped packs replaced and rules disabled for this run (empty for the shipped rules as they are).
    public let ruleChanges: RuleSetChanges
    public let checks: RuleChecks
    /// Every finding (waived ones included), in deterministic order, waiver notices last. Ledger rules
    /// list at most `--max-findings-per-rule` each; `ledgerTotals` has their true totals.
    public let findings: [Finding]
    /// What the ledger audit read, when there was one.
    public let ledger: LedgerStamp?
    /// Every ledger rule's totals over the whole tape, by rule id.
    public let ledgerTotals: [String: LedgerResults.RuleTotals]
    public let waivers: [WaiverRecord]
    public let baseline: BaselineComparison?
    /// File texts, for source snippets.
    public let sources: SourceTexts
    /// False for the report of a run that audited nothing: `loancheck validate`, or an audit whose
    /// inputs are invalid (`inputErrors` then says why; see `inputCheck`).
    public internal(set) var audited = true
    /// The problems with the inputs that stopped the audit (every one found, in the order reported);
    /// empty when the audit ran. Each has a `kind` (its `LC-INPUT-…` rule in the reports).
    public internal(set) var inputErrors: [Diagnostic] = []

    /// What a ledger audit read: the engine, the rows, the cap on listed findings.
    public struct LedgerStamp: Sendable, Hashable {
        public let engine: String
        public let loans: Int
        public let fundings: Int
        public let maxFindingsPerRule: Int

        public init(_ results: LedgerResults) {
            engine = results.engine
            loans = results.loans
            fundings = results.fundings
            maxFindingsPerRule = results.maxFindingsPerRule
        }
    }

    /// The counts of a report's summary line: unwaived violations by severity, unwaived "cannot
    /// evaluate" findings (a rule that could not be checked is not a violation, and is counted apart
    /// whatever its severity), and waived findings — the true totals: a ledger rule's failures count
    /// whether or not they are listed.
    public struct Summary: Sendable, Hashable {
        public var error = 0
        public var warning = 0
        public var info = 0
        public var cannotEvaluate = 0
        public var waived = 0

        public init(error: Int = 0, warning: Int = 0, info: Int = 0, cannotEvaluate: Int = 0, waived: Int = 0) {
            self.error = error
            self.warning = warning
            self.info = info
            self.cannotEvaluate = cannotEvaluate
            self.waived = waived
        }

        /// Counts one finding.
        mutating func add(_ finding: Finding) {
            if finding.isWaived {
                waived += 1
            } else if finding.cannotEvaluate {
                cannotEvaluate += 1
            } else {
                switch finding.severity {
                case .error: error += 1
                case .warning: warning += 1
                case .info: info += 1
                }
            }
        }

        /// Adds a ledger rule's unlisted and listed unwaived failures (`waived`: its waived listed
        /// findings by severity; waivers never hide "cannot evaluate").
        mutating func add(_ totals: LedgerResults.RuleTotals, waived: [FindingSeverity: Int]) {
            error += (totals.violations[.error] ?? 0) - (waived[.error] ?? 0)
            warning += (totals.violations[.warning] ?? 0) - (waived[.warning] ?? 0)
            info += (totals.violations[.info] ?? 0) - (waived[.info] ?? 0)
            cannotEvaluate += totals.cannotEvaluate.values.reduce(0, +)
        }
    }

    /// The report's counts (see `Summary`).
    public var summary: Summary {
        var counts = Summary()
        for finding in findings {
            // A ledger rule's listed failures are counted through its totals below (waived ones here).
            if finding.ledger != nil && !finding.isWaived { continue }
            counts.add(finding)
        }
        for (rule, totals) in ledgerTotals {
            counts.add(totals, waived: waivedLedgerFindings(rule))
        }
        return counts
    }

    /// The waived listed failures of a ledger rule, by severity.
    func waivedLedgerFindings(_ rule: String) -> [FindingSeverity: Int] {
        var waived: [FindingSeverity: Int] = [:]
        for finding in findings where finding.rule == rule && finding.ledger != nil && finding.isWaived {
            waived[finding.severity, default: 0] += 1
        }
        return waived
    }

    /// The findings that count for the exit code: unwaived, at or above `threshold`, and new or worsened
    /// against the baseline when there is one.
    public func failing(at threshold: FindingSeverity?) -> [Finding] {
        guard let threshold else { return [] }
        return findings.filter { finding in
            !finding.isWaived && finding.severity >= threshold
                && (baseline.map { $0.counts(finding) } ?? true)
        }
    }

    /// Whether the audit fails at `threshold`: a listed finding that counts, or a ledger failure that is
    /// not listed (beyond the cap: it cannot be waived or matched to a baseline, so it counts).
    public func fails(at threshold: FindingSeverity?) -> Bool {
        guard let threshold else { return false }
        if !failing(at: threshold).isEmpty { return true }
        return ledgerTotals.values.contains { totals in
            totals.unlisted.contains { $0.key >= threshold && $0.value > 0 }
        }
    }
}

/// One rule's counts in `summary.byRule`: the true totals, even when the findings list is capped.
/// `error`, `warning` and `info` count unwaived violations, `cannotEvaluate` the unwaived findings that
/// could not be evaluated (apart from the violations, as in `AuditReport.Summary`).
public struct RuleCounts: Sendable, Hashable {
    public var error = 0
    public var warning = 0
    public var info = 0
    public var waived = 0
    public var cannotEvaluate = 0
    /// Subjects (documents, loans or groups) the rule was checked on: passed, failed or could not be
    /// evaluated.
    public var checked = 0

    public init(error: Int = 0, warning: Int = 0, info: Int = 0, waived: Int = 0, cannotEvaluate: Int = 0, checked: Int = 0) {
        self.error = error
        self.warning = warning
        self.info = info
        self.waived = waived
        self.cannotEvaluate = cannotEvaluate
        self.checked = checked
    }
}

extension AuditReport {
    /// Every rule checked, in pack order, with its counts: document rules from their checks and
    /// findings, ledger rules from the engine's totals.
    public var byRule: [(rule: String, counts: RuleCounts)] {
        var counts: [String: RuleCounts] = [:]
        // Counted from the checks' rule column, without making 3 million `RuleCheck` values.
        for (rule, checked) in checks.checkedCountByRule { counts[rule, default: RuleCounts()].checked += checked }
        for finding in findings {
            var entry = counts[finding.rule, default: RuleCounts()]
            defer { counts[finding.rule] = entry }
            if finding.isWaived {
                entry.waived += 1
                continue
            }
            if finding.ledger != nil { continue }
            if finding.cannotEvaluate {
                entry.cannotEvaluate += 1
                continue
            }
            switch finding.severity {
            case .error: entry.error += 1
            case .warning: entry.warning += 1
            case .info: entry.info += 1
            }
        }
        for (rule, totals) in ledgerTotals {
            var entry = counts[rule, default: RuleCounts()]
            var summary = AuditReport.Summary()
            summary.add(totals, waived: waivedLedgerFindings(rule))
            entry.error += summary.error
            entry.warning += summary.warning
            entry.info += summary.info
            entry.cannotEvaluate += summary.cannotEvaluate
            entry.checked += totals.checked
            counts[rule] = entry
        }
        return rules.compactMap { rule in
            guard let entry = counts[rule.id] ?? (rule.inForce && !rule.subject.isLedger ? RuleCounts() : nil) else { return nil }
            return (rule.id, entry)
        }
    }
}
