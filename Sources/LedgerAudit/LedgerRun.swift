import Compliance
import Diagnostics
import LedgerTape
import RuleLanguage

/// What an engine found: every rule's true totals and the failures to list, as engine-independent
/// snapshots, so findings from any engine are built by the same code (`LedgerFindingBuilder`).
public struct LedgerRun: Sendable {
    public var outcomes: [LedgerRuleOutcome]
    /// Rows read per table.
    public var loanCount = 0
    public var fundingCount = 0
    public var groupRowCount = 0
    /// The tape files read, with their SHA-256 (reproducibility stamp).
    public var inputs: [AuditReport.InputStamp] = []
    /// The lines of the tape files that findings quote.
    public var sources = SourceTexts()

    public init(outcomes: [LedgerRuleOutcome]) {
        self.outcomes = outcomes
    }
}

/// One ledger rule's outcome over the whole tape.
public struct LedgerRuleOutcome: Sendable {
    public let rule: String
    /// Subjects (loans or groups) the rule was checked on: passed, failed or could not be evaluated.
    public var checked = 0
    /// Violations by severity (escalation and regime applied), waived ones included.
    public var violations: [FindingSeverity: Int] = [:]
    /// "Cannot evaluate" subjects by severity.
    public var cannotEvaluate: [FindingSeverity: Int] = [:]
    /// The failures listed as findings: the first ones in tape or key order up to the cap, and every
    /// one whose key a waiver names.
    public var items: [LedgerItem] = []
    /// Failures beyond the cap (counted in the totals, not listed), by severity.
    public var unlisted: [FindingSeverity: Int] = [:]
    /// Of the keys waivers name, those the tape has (as a loan or a group).
    public var seenWaivedKeys: Set<String> = []

    public init(rule: String) { self.rule = rule }

    /// Merges the outcome of a later part of the same rule (`items` appended in order).
    public mutating func merge(_ other: LedgerRuleOutcome) {
        checked += other.checked
        for (severity, count) in other.violations { violations[severity, default: 0] += count }
        for (severity, count) in other.cannotEvaluate { cannotEvaluate[severity, default: 0] += count }
        items += other.items
        for (severity, count) in other.unlisted { unlisted[severity, default: 0] += count }
        seenWaivedKeys.formUnion(other.seenWaivedKeys)
    }
}

/// A failure to list.
public enum LedgerItem: Sendable {
    case loan(LoanSnapshot)
    case group(GroupSnapshot)

    /// The subject key (`loan_id`, or the group key).
    public var key: String {
        switch self {
        case .loan(let loan): loan.loanId
        case .group(let group): group.key
        }
    }
}

/// How the engine classified a failing subject.
public enum LedgerStatus: Sendable, Hashable {
    case violation(FindingSeverity)
    /// A value the rule needs is absent (an empty cell, a missing document field), or the arithmetic
    /// could not be done exactly.
    case cannotEvaluate(FindingSeverity, reason: String)
}

/// A loan as read from the tape, with the place of every cell: enough to rebuild it as a rule-language
/// record and explain the failure with the rule's own evidence.
public struct LoanSnapshot: Sendable {
    public let status: LedgerStatus
    public let loanId: String
    /// The row (file and line; column 1).
    public let location: SourceLocation
    /// Each cell's place, by canonical column.
    public let cells: [TapeColumn: SourceLocation]
    public let lender: String
    public let product: String?
    public let borrowerId: String
    public let borrowerGroup: String
    public let borrowerType: String
    public let purpose: String
    public let secured: Bool
    public let contractDate: CivilDate
    public let disbursedOn: CivilDate
    /// Yuan.
    public let principal: FixedPoint
    public let balance: FixedPoint
    public let creditLine: FixedPoint?
    /// Fractions (0.235 for 23.5%).
    public let apr: FixedPoint?
    public let region: Province
    public let fundings: [FundingSnapshot]
    /// True when the tape has no fundings rows for the loan (its lender funds 100%).
    public let fundingDefaulted: Bool

    public init(status: LedgerStatus, loanId: String, location: SourceLocation, cells: [TapeColumn: SourceLocation],
                lender: String, product: String?, borrowerId: String, borrowerGroup: String, borrowerType: String,
                purpose: String, secured: Bool, contractDate: CivilDate, disbursedOn: CivilDate, principal: FixedPoint,
                balance: FixedPoint, creditLine: FixedPoint?, apr: FixedPoint?, region: Province,
                fundings: [FundingSnapshot], fundingDefaulted: Bool) {
        self.status = status
        self.loanId = loanId
        self.location = location
        self.cells = cells
        self.lender = lender
        self.product = product
        self.borrowerId = borrowerId
        self.borrowerGroup = borrowerGroup
        self.borrowerType = borrowerType
        self.purpose = purpose
        self.secured = secured
        self.contractDate = contractDate
        self.disbursedOn = disbursedOn
        self.principal = principal
        self.balance = balance
        self.creditLine = creditLine
        self.apr = apr
        self.region = region
        self.fundings = fundings
        self.fundingDefaulted = fundingDefaulted
    }
}

/// One funder of a listed loan.
public struct FundingSnapshot: Sendable {
    public let institution: String
    /// A fraction (0.3 for 30%).
    public let share: FixedPoint
    /// The share cell in the fundings table (nil for a defaulted 100%).
    public let location: SourceLocation?

    public init(institution: String, share: FixedPoint, location: SourceLocation?) {
        self.institution = institution
        self.share = share
        self.location = location
    }
}

/// A failing group: its key, the aggregate, the bound, how many positions and which loans weigh most.
public struct GroupSnapshot: Sendable {
    public struct KeyPart: Sendable, Hashable {
        public let name: String
        /// The institution id, the borrower key or the group name.
        public let value: String
        /// True for a borrower key (shown to people as a short hash).
        public let isBorrower: Bool

        public init(name: String, value: String, isBorrower: Bool) {
            self.name = name
            self.value = value
            self.isBorrower = isBorrower
        }
    }

    /// A loan that contributes to the aggregate, and how much.
    public struct Contributor: Sendable, Hashable {
        public let loanId: String
        public let amount: FixedPoint
        public let location: SourceLocation

        public init(loanId: String, amount: FixedPoint, location: SourceLocation) {
            self.loanId = loanId
            self.amount = amount
            self.location = location
        }
    }

    public let status: LedgerStatus
    public let parts: [KeyPart]
    /// The aggregate (a sum of money, or a count as a whole number).
    public let actual: FixedPoint
    /// Nil when the bound cannot be computed (the status then says why).
    public let bound: FixedPoint?
    /// Positions in the group.
    public let count: Int
    /// The largest contributions, largest first (ties by loan_id).
    public let largest: [Contributor]

    public init(status: LedgerStatus, parts: [KeyPart], actual: FixedPoint, bound: FixedPoint?, count: Int, largest: [Contributor]) {
        self.status = status
        self.parts = parts
        self.actual = actual
        self.bound = bound
        self.count = count
        self.largest = largest
    }

    public var severity: FindingSeverity {
        switch status {
        case .violation(let severity), .cannotEvaluate(let severity, _): severity
        }
    }

    /// The subject id: the parts' values joined by `/` (`jiangnan-city-bank/tenglian-oml`).
    public var key: String { parts.map(\.value).joined(separator: "/") }
}
