import RuleLanguage

/// The plan of one ledger rule: what the streaming engine evaluates per row and per group, and what
/// the SQL printer turns into a query. Lowered from the rule's type-checked expressions
/// (`LedgerLowering`), so both engines run exactly what the pack says.
public enum LedgerRulePlan: Sendable {
    case loan(LoanRulePlan)
    case group(GroupRulePlan)
}

/// The loan date a Loan rule's regime is read on (DESIGN §8.2: "loans disbursed from …", "contracted
/// from …").
public enum LoanDate: String, Sendable, Hashable, CaseIterable {
    case disbursedOn = "disbursed_on"
    case contractDate = "contract_date"
}

/// A rule checked on each loan.
public struct LoanRulePlan: Sendable {
    public let binds: LoanDate
    public let appliesTo: LedgerCondition?
    public let require: LedgerCondition
    /// The stricter requirement whose failure raises the severity (`escalate:`).
    public let escalate: LedgerCondition?

    public init(binds: LoanDate, appliesTo: LedgerCondition?, require: LedgerCondition, escalate: LedgerCondition?) {
        self.binds = binds
        self.appliesTo = appliesTo
        self.require = require
        self.escalate = escalate
    }
}

/// A rule checked on groups of positions (one funder's part of one loan).
public struct GroupRulePlan: Sendable {
    /// Which positions enter the groups (`where:`).
    public let filter: LedgerCondition?
    public let keys: [GroupKey]
    /// Which groups the rule applies to (`applies_to:` over the key).
    public let appliesTo: LedgerCondition?
    public let aggregate: LedgerAggregate
    /// `aggregate <comparison> bound`.
    public let comparison: BinaryOperator
    /// Over the key and parameters only.
    public let bound: LedgerValue

    public init(filter: LedgerCondition?, keys: [GroupKey], appliesTo: LedgerCondition?, aggregate: LedgerAggregate,
                comparison: BinaryOperator, bound: LedgerValue) {
        self.filter = filter
        self.keys = keys
        self.appliesTo = appliesTo
        self.aggregate = aggregate
        self.comparison = comparison
        self.bound = bound
    }
}

/// One part of a group's key.
public struct GroupKey: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The position's funder (`position.funder`, `position.institution`).
        case funder
        /// The loan's lender.
        case lender
        /// The borrower (`loan.borrower_id`).
        case borrower
        /// The borrower's group of affiliates (`loan.borrower_group`).
        case borrowerGroup
        /// Each affiliate group of the loan's other funders (`each(position.partner_groups)`): a position
        /// counts once in each of its partners' groups.
        case partnerGroup
    }

    /// The name in `key.NAME`.
    public let name: String
    public let kind: Kind

    /// Whether `key.NAME` is an `Institution` record (its fields read like `lender`'s).
    public var isInstitution: Bool { kind == .funder || kind == .lender }
}

/// An aggregate over a group's positions.
public struct LedgerAggregate: Sendable {
    public enum Function: String, Sendable { case sum, count, min, max }
    public let function: Function
    /// The value aggregated (nil for `count`), read on each position.
    public let value: LedgerValue?
    /// `count(loans, p => condition)`: only positions where it holds.
    public let filter: LedgerCondition?
    public let type: ValueType
}

/// A loan column as a ledger expression reads it.
public enum LoanField: String, Sendable, Hashable, CaseIterable {
    case loanId = "loan_id"
    case product
    case borrowerId = "borrower_id"
    case borrowerGroup = "borrower_group"
    case borrowerType = "borrower_type"
    case purpose
    case secured
    case contractDate = "contract_date"
    case disbursedOn = "disbursed_on"
    case principal
    case balance
    case creditLine = "credit_line"
    case apr
    case region
    case isJoint = "is_joint"

    public var type: ValueType {
        switch self {
        case .loanId, .product, .borrowerId, .borrowerGroup: .string
        case .borrowerType: .enumeration(LedgerTypes.borrowerType)
        case .purpose: .enumeration(LedgerTypes.purpose)
        case .secured, .isJoint: .boolean
        case .contractDate, .disbursedOn: .date
        case .principal, .balance, .creditLine: .money
        case .apr: .ratio
        case .region: .province
        }
    }

    /// Empty cells are allowed (the value may be absent: unknown).
    public var isOptional: Bool { self == .product || self == .creditLine || self == .apr }
}

/// A column of the funding in scope: inside a quantifier over `loan.fundings`, or a group's position.
public enum FundingField: String, Sendable, Hashable {
    case institution
    case share
    case funded

    public var type: ValueType {
        switch self {
        case .institution: .string
        case .share: .ratio
        case .funded: .money
        }
    }
}

/// Which institution an institution field is read from.
public enum InstitutionRef: Sendable, Hashable {
    /// The loan's lender.
    case lender
    /// The funder in scope (a quantifier's funding, a group row's position).
    case funder
    /// An institution key part of the group, by index into `GroupRulePlan.keys`.
    case key(Int)
}

/// A value read per row or per group: exact, possibly absent (an empty cell, a missing document field),
/// which makes the condition around it unknown.
public indirect enum LedgerValue: Sendable {
    /// A folded constant.
    case constant(Value)
    case loan(LoanField)
    case funding(FundingField)
    /// A scalar field of an institution record (`["financials", "net_assets"]`).
    case institution(InstitutionRef, path: [String], type: ValueType)
    /// A pack parameter's value on the as-of date.
    case parameter(String, type: ValueType)
    /// A pack parameter's value on a date read from the row (`on(param.lpr_1y, loan.contract_date)`).
    case parameterOn(String, type: ValueType, date: LedgerValue)
    case asOf
    /// `+ - *` of exact amounts, ratios and numbers.
    case arithmetic(BinaryOperator, LedgerValue, LedgerValue, type: ValueType)
    /// `count(loan.fundings)` or `count(loan.fundings, f => condition)`.
    case fundingCount(LedgerCondition?)
    /// An aggregate over the group (a group rule's `require` only).
    case aggregate(LedgerAggregate)
    /// A text key part (borrower, group) by index.
    case keyText(Int)

    public var type: ValueType {
        switch self {
        case .constant(let value): Self.type(of: value)
        case .loan(let field): field.type
        case .funding(let field): field.type
        case .institution(_, _, let type), .parameter(_, let type), .parameterOn(_, let type, _), .arithmetic(_, _, _, let type):
            type
        case .asOf: .date
        case .fundingCount: .integer
        case .aggregate(let aggregate): aggregate.type
        case .keyText: .string
        }
    }

    static func type(of value: Value) -> ValueType {
        switch value {
        case .boolean: .boolean
        case .integer: .integer
        case .decimal: .decimal
        case .money: .money
        case .ratio: .ratio
        case .rate: .rate
        case .date: .date
        case .duration: .duration
        case .province: .province
        case .string: .string
        case .enumeration(let value): .enumeration(value.typeName)
        case .record(let record): .record(record.typeName)
        case .list: .list(.string)
        }
    }
}

/// A condition with three-valued logic (true, false, unknown), as the rule language has it.
public indirect enum LedgerCondition: Sendable {
    case constant(Bool)
    /// A boolean value (`loan.secured`, `lender.is_bank`).
    case value(LedgerValue)
    /// `== != < <= > >=`.
    case compare(BinaryOperator, LedgerValue, LedgerValue)
    /// `x in [a, b]`, `x not in [...]`.
    case member(LedgerValue, [LedgerValue], negated: Bool)
    /// `has(x)`.
    case present(LedgerValue)
    case not(LedgerCondition)
    case and(LedgerCondition, LedgerCondition)
    case or(LedgerCondition, LedgerCondition)
    case conditional(LedgerCondition, then: LedgerCondition, else: LedgerCondition)
    /// `all` / `any` over `loan.fundings`; inside, `.funding(…)` and `.institution(.funder, …)` read
    /// the element.
    case fundings(all: Bool, LedgerCondition)
}
