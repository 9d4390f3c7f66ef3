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
    }

    /// An input file and its digest.
    public struct InputStamp: Sendable, Hashable {
        public let path: String
        public let sha256: String
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
    public let checks: [RuleCheck]
    /// Every finding (waived ones included), in deterministic order, waiver notices last.
    public let findings: [Finding]
    public let waivers: [WaiverRecord]
    public let baseline: BaselineComparison?
    /// File texts, for source snippets.
    public let sources: SourceTexts

    /// Counts of unwaived findings by severity, and of waived findings.
    public var summary: (error: Int, warning: Int, info: Int, waived: Int) {
        var counts = (error: 0, warning: 0, info: 0, waived: 0)
        for finding in findings {
            if finding.isWaived { counts.waived += 1; continue }
            switch finding.severity {
            case .error: counts.error += 1
            case .warning: counts.warning += 1
            case .info: counts.info += 1
            }
        }
        return counts
    }

    /// The findings that count for the exit code: unwaived, at or above `threshold`, and new against the
    /// baseline when there is one.
    public func failing(at threshold: FindingSeverity?) -> [Finding] {
        guard let threshold else { return [] }
        return findings.filter { finding in
            !finding.isWaived && finding.severity >= threshold
                && (baseline.map { $0.state(of: finding) == "new" } ?? true)
        }
    }
}
