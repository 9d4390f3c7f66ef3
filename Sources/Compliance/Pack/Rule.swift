import LedgerPlan
import Diagnostics
import RuleLanguage

/// How serious a finding is.
public enum FindingSeverity: String, Sendable, Hashable, Comparable, CaseIterable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// Whether a pack states law in force, a draft, or a superseded text.
public enum PackStatus: String, Sendable, Hashable {
    case inForce = "in-force"
    case draft
    case superseded
}

/// The document kind a rule is checked on.
public enum RuleSubject: String, Sendable, Hashable {
    case loanProduct = "LoanProduct"
    case institution = "Institution"
    /// Each loan of a tape (DESIGN §8.2).
    case loan = "Loan"
    /// Groups of positions of a tape (one funder's part of one loan), by `group_by`.
    case loanGroup = "LoanGroup"

    /// The variable the subject is bound to in expressions.
    public var variable: String {
        switch self {
        case .loanProduct: "product"
        case .institution: "institution"
        case .loan: "loan"
        case .loanGroup: "key"
        }
    }

    /// Whether the rule reads loan tapes rather than documents.
    public var isLedger: Bool { self == .loan || self == .loanGroup }
}

/// The ledger side of a Loan or LoanGroup rule: its plan, and the texts the reports show.
public struct LedgerRule: Sendable {
    public let plan: LedgerRulePlan
    /// `where:` of a group rule.
    public let whereText: String?
    /// `group_by:` of a group rule, as written: (name, expression).
    public let groupBy: [(name: String, text: String)]
}

/// A requirement checked again when the main one fails, raising the severity (e.g. 24% is a warning,
/// 36% an error).
public struct Escalation: Sendable {
    public let requirement: CompiledExpression
    public let requirementText: String
    public let severity: FindingSeverity
}

/// A ceiling on a rule's severity for the subjects a condition selects, where the regulation binds them
/// less (PBOC 公告〔2021〕第3号 五 only *encourages* private lenders to disclose the APR: their findings
/// are at most `info`). It lowers violations and "cannot evaluate" findings alike.
public struct SeverityCap: Sendable {
    public let condition: CompiledExpression
    public let conditionText: String
    public let severity: FindingSeverity
    /// Why the severity is lowered, shown with the finding.
    public let note: LocalizedText
}

/// A compiled rule: what it applies to, what it requires, when, and how bad a violation is.
public struct Rule: Sendable {
    public let id: String
    public let title: LocalizedText
    public let subject: RuleSubject
    /// nil = every document of the subject kind.
    public let appliesTo: CompiledExpression?
    public let appliesToText: String?
    public let requirement: CompiledExpression
    public let requirementText: String
    public let escalation: Escalation?
    public let severity: FindingSeverity
    /// Ceilings on the severity for some subjects (`at_most:`), applied after escalation and regime.
    public let severityCaps: [SeverityCap]
    /// In force from this day.
    public let effective: CivilDate
    /// End of the transition: before it a violation is only a warning.
    public let enforced: CivilDate?
    /// No longer in force from this day.
    public let repealed: CivilDate?
    /// The day from which the rule binds new business when the regulation lets existing business run
    /// off until then (24号 六: "自2022年1月1日起执行，存量业务自然结清"); nil = from `effective`.
    public let newBusinessFrom: CivilDate?
    public let citation: Citation
    /// Templates with `{actual}`, `{required}`, `{path}`, `{subject}`, `{evidence}` placeholders.
    public let message: LocalizedText
    /// Parameters the rule reads (`param.NAME`), for evidence and `explain`.
    public let parameters: [String]
    public let location: SourceLocation
    public let tests: [PackTestCase]
    /// For Loan and LoanGroup rules: the plan the ledger engines run.
    public let ledger: LedgerRule?

    /// The first day on which new business must comply: `new_business_from`, else `effective`. A
    /// product closed before it is not subject to the rule (DESIGN §4).
    public var bindsNewBusinessFrom: CivilDate { newBusinessFrom ?? effective }
}

/// A rule pack: one instrument (or family) of regulation, as data.
public struct RulePack: Sendable {
    public let id: String
    public let version: String
    public let status: PackStatus
    public let title: LocalizedText
    public let authority: LocalizedText
    public let instrument: String
    public let source: String?
    public let parameters: [Parameter]
    public let rules: [Rule]
    public let file: String
    /// SHA-256 of the pack file, for reproducibility stamps.
    public let sha256: String

    /// The parameter named `name`.
    public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}
