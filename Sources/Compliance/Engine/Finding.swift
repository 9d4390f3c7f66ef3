import Diagnostics
import RuleLanguage

/// The document a finding is about.
public struct SubjectReference: Sendable, Hashable, Comparable {
    public let kind: String
    public let id: String

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func < (lhs: SubjectReference, rhs: SubjectReference) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}

/// The evidence of a finding: the actual value and the bound it had to meet, with units.
public struct FindingEvidence: Sendable, Hashable {
    public let actual: String
    public let required: String
    /// The explanation line, e.g. `product.funding[1].share = 29.99% < 30%`.
    public let detail: String
    /// Parameters in force at the as-of date that the rule read, e.g. `lpr_1y = 3.00% (from 2025-05-20)`.
    public let parameters: [ParameterUse]

    public init(actual: String, required: String, detail: String, parameters: [ParameterUse]) {
        self.actual = actual
        self.required = required
        self.detail = detail
        self.parameters = parameters
    }
}

/// A parameter value used by a finding.
public struct ParameterUse: Sendable, Hashable {
    public let name: String
    public let value: String
    public let from: CivilDate
    public let source: String?

    public var text: String { "\(name) = \(value) (from \(from)\(source.map { ", \($0)" } ?? ""))" }

    public init(name: String, value: String, from: CivilDate, source: String?) {
        self.name = name
        self.value = value
        self.from = from
        self.source = source
    }
}

/// How a waiver bears on a finding.
public struct WaiverState: Sendable, Hashable {
    /// What the waiver did to the finding.
    public enum Outcome: String, Sendable, Hashable {
        /// Valid on the as-of date: the finding is hidden.
        case applied
        /// Past its `expires` day: the finding counts.
        case expired
        /// Valid, but the rule could not be evaluated: a waiver covers the violation it was approved
        /// for, never a check that could not be made, so the finding counts.
        case notApplicable = "not-applicable"
    }

    public let outcome: Outcome
    public let approvedBy: String
    public let reference: String?
    public let reason: String
    public let expires: CivilDate
    public let location: SourceLocation

    public init(outcome: Outcome, approvedBy: String, reference: String?, reason: String, expires: CivilDate, location: SourceLocation) {
        self.outcome = outcome
        self.approvedBy = approvedBy
        self.reference = reference
        self.reason = reason
        self.expires = expires
        self.location = location
    }

    /// True when the waiver hides the finding.
    public var applied: Bool { outcome == .applied }
    public var expired: Bool { outcome == .expired }

    /// This waiver as it bears on a "cannot evaluate" finding: an expired one stays expired, a valid one
    /// does not apply.
    func refused() -> WaiverState {
        guard outcome == .applied else { return self }
        return WaiverState(outcome: .notApplicable, approvedBy: approvedBy, reference: reference, reason: reason,
                           expires: expires, location: location)
    }
}

/// What a ledger finding adds: the loan's product, or the group's key parts, size and largest loans.
public struct LedgerDetail: Sendable, Hashable {
    /// One part of a group's key.
    public struct KeyPart: Sendable, Hashable {
        public let name: String
        public let value: String
        /// A borrower key: shown to people as a short hash, never in full.
        public let isBorrower: Bool

        public init(name: String, value: String, isBorrower: Bool) {
            self.name = name
            self.value = value
            self.isBorrower = isBorrower
        }
    }

    /// A loan that weighs in a group's aggregate.
    public struct Contributor: Sendable, Hashable {
        public let loanId: String
        public let amount: String
        public let location: SourceLocation?

        public init(loanId: String, amount: String, location: SourceLocation?) {
            self.loanId = loanId
            self.amount = amount
            self.location = location
        }
    }

    /// The product a loan was made under (a loan finding), if the tape says.
    public let product: String?
    /// The group's key parts (a group finding).
    public let key: [KeyPart]
    /// Positions in the group.
    public let loanCount: Int?
    public let largest: [Contributor]
    /// The institution that booked the loan (a loan finding): the reports for people count findings per
    /// lender, and a tape need not name a product.
    public let lender: String?
    /// The loan's borrower key (a loan finding). Never rendered: the reports for people show it as a short
    /// hash and mask its cell in the quoted tape row; the JSON report does not carry it.
    public let borrower: String?

    public init(product: String?, key: [KeyPart], loanCount: Int?, largest: [Contributor], lender: String? = nil,
                borrower: String? = nil) {
        self.product = product
        self.key = key
        self.loanCount = loanCount
        self.largest = largest
        self.lender = lender
        self.borrower = borrower
    }
}

/// One result of an audit: a violation, a rule that cannot be evaluated, or a notice.
///
/// What a finding says is held in one shared object, so that the copies a finding goes through on its
/// way to a report (the rule check's list, the audit's flat list, the lender merge, the report) cost a
/// reference count rather than 560 bytes each; the waiver, ledger detail and products, which later
/// stages set, are kept beside it.
public struct Finding: Sendable, Hashable {
    private final class Core: Sendable {
        let rule: String
        let severity: FindingSeverity
        let packId: String
        let packStatus: PackStatus
        let subject: SubjectReference
        let path: String
        let location: SourceLocation?
        let message: LocalizedText
        let evidence: FindingEvidence
        let citation: Citation
        let effective: CivilDate
        let regimeNote: LocalizedText?
        let cannotEvaluate: Bool

        init(rule: String, severity: FindingSeverity, packId: String, packStatus: PackStatus, subject: SubjectReference,
             path: String, location: SourceLocation?, message: LocalizedText, evidence: FindingEvidence, citation: Citation,
             effective: CivilDate, regimeNote: LocalizedText?, cannotEvaluate: Bool) {
            self.rule = rule
            self.severity = severity
            self.packId = packId
            self.packStatus = packStatus
            self.subject = subject
            self.path = path
            self.location = location
            self.message = message
            self.evidence = evidence
            self.citation = citation
            self.effective = effective
            self.regimeNote = regimeNote
            self.cannotEvaluate = cannotEvaluate
        }
    }

    private let core: Core

    public var rule: String { core.rule }
    public var severity: FindingSeverity { core.severity }
    public var packId: String { core.packId }
    public var packStatus: PackStatus { core.packStatus }
    public var subject: SubjectReference { core.subject }
    /// The field path inside the subject document (`funding[1].share`), or "" for the whole document.
    public var path: String { core.path }
    /// The most specific YAML node involved.
    public var location: SourceLocation? { core.location }
    public var message: LocalizedText { core.message }
    public var evidence: FindingEvidence { core.evidence }
    public var citation: Citation { core.citation }
    public var effective: CivilDate { core.effective }
    /// Why the severity is lowered: a transition period or a draft pack.
    public var regimeNote: LocalizedText? { core.regimeNote }
    /// True when a needed value is missing or evaluation failed.
    public var cannotEvaluate: Bool { core.cannotEvaluate }
    public internal(set) var waiver: WaiverState?
    /// For a Loan or LoanGroup finding: the loan's product, the group's key, count and largest loans.
    public var ledger: LedgerDetail?
    /// For a finding about an institution reached through the products it lends (a product rule whose
    /// evidence is a field of the lender, `LenderFindings`): the ids of those products, in load order.
    /// Empty for every other finding.
    public internal(set) var products: [String] = []

    public init(rule: String, severity: FindingSeverity, packId: String, packStatus: PackStatus, subject: SubjectReference,
                path: String, location: SourceLocation?, message: LocalizedText, evidence: FindingEvidence, citation: Citation,
                effective: CivilDate, regimeNote: LocalizedText?, cannotEvaluate: Bool, waiver: WaiverState? = nil,
                ledger: LedgerDetail? = nil) {
        core = Core(rule: rule, severity: severity, packId: packId, packStatus: packStatus, subject: subject, path: path,
                    location: location, message: message, evidence: evidence, citation: citation, effective: effective,
                    regimeNote: regimeNote, cannotEvaluate: cannotEvaluate)
        self.waiver = waiver
        self.ledger = ledger
    }

    /// Whether the finding is hidden by a valid waiver.
    public var isWaived: Bool { waiver?.applied ?? false }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.rule == rhs.rule && lhs.subject == rhs.subject && lhs.path == rhs.path && lhs.location == rhs.location
            && lhs.severity == rhs.severity && lhs.message == rhs.message && lhs.waiver == rhs.waiver
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(subject)
        hasher.combine(path)
    }
}
