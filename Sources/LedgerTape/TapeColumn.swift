/// The canonical columns of the three tables of a loan tape (DESIGN §8.1), with what each holds.
///
/// A `LedgerSchema` maps these names to the columns of its files (`columns:`); without a mapping the
/// canonical names are the header.
public enum TapeTable: String, Sendable, Hashable, CaseIterable {
    case loans
    case fundings
    case borrowerGroups = "borrower_groups"

    /// The columns of this table, in the canonical order.
    public var columns: [TapeColumn] { TapeColumn.allCases.filter { $0.table == self } }
}

/// What a cell holds.
public enum CellKind: Sendable, Hashable {
    /// Free text (a borrower key, a group name).
    case text
    /// A document id (`[a-z0-9-]`): an institution or a product.
    case identifier
    /// A calendar date.
    case date
    /// Money in yuan (or fen with `format: fen`), at most 2 decimals.
    case money
    /// A percentage (`23.5%`), or a fraction (`0.235`) with `format: fraction`.
    case percent
    /// A province, any §2 spelling.
    case province
    /// One of the listed values.
    case choice([String])
    /// `true` / `false`.
    case boolean
}

/// A canonical column: its table, name, kind and whether every row must have it.
public enum TapeColumn: String, Sendable, Hashable, CaseIterable {
    // loans
    case loanId = "loan_id"
    case lender
    case product
    case borrowerId = "borrower_id"
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
    // fundings
    case fundingLoanId = "fundings.loan_id"
    case fundingInstitution = "fundings.institution"
    case fundingShare = "fundings.share"
    // borrower_groups
    case groupBorrowerId = "borrower_groups.borrower_id"
    case groupName = "borrower_groups.group"

    public var table: TapeTable {
        switch self {
        case .fundingLoanId, .fundingInstitution, .fundingShare: .fundings
        case .groupBorrowerId, .groupName: .borrowerGroups
        default: .loans
        }
    }

    /// The name in a header or a `columns:` mapping (`loan_id`, `share`).
    public var name: String {
        guard let dot = rawValue.firstIndex(of: ".") else { return rawValue }
        return String(rawValue[rawValue.index(after: dot)...])
    }

    public var kind: CellKind {
        switch self {
        case .loanId, .borrowerId, .fundingLoanId, .groupBorrowerId, .groupName: .text
        case .lender, .product, .fundingInstitution: .identifier
        case .borrowerType: .choice(["individual", "business"])
        case .purpose: .choice(["consumption", "business"])
        case .secured: .boolean
        case .contractDate, .disbursedOn: .date
        case .principal, .balance, .creditLine: .money
        case .apr, .fundingShare: .percent
        case .region: .province
        }
    }

    /// Whether every row must have a value (a missing required column is an error in the header).
    public var isRequired: Bool {
        switch self {
        case .product, .secured, .creditLine, .apr: false
        default: true
        }
    }

    /// What the column means, for `columns:` errors and the docs.
    public var meaning: String {
        switch self {
        case .loanId: "借据号, unique across the tape"
        case .lender: "the institution that booked the loan"
        case .product: "the LoanProduct it was made under"
        case .borrowerId: "a pseudonymous borrower key"
        case .borrowerType: "individual or business"
        case .purpose: "consumption or business"
        case .secured: "true or false (default false)"
        case .contractDate: "合同成立 date"
        case .disbursedOn: "发放日期"
        case .principal: "the principal lent"
        case .balance: "outstanding on the schema's as_of"
        case .creditLine: "the borrower's credit line"
        case .apr: "the loan's all-in APR"
        case .region: "the borrower's province"
        case .fundingLoanId: "the joint loan"
        case .fundingInstitution: "a funder of it"
        case .fundingShare: "that funder's share"
        case .groupBorrowerId: "a borrower"
        case .groupName: "the borrower's group of affiliates"
        }
    }

    /// The column's position in `allCases`: per-file tables of the hot path are arrays indexed by it
    /// (a dictionary lookup per cell cost a fifth of a 10M-loan audit).
    @inline(__always)
    public var ordinal: Int {
        switch self {
        case .loanId: 0
        case .lender: 1
        case .product: 2
        case .borrowerId: 3
        case .borrowerType: 4
        case .purpose: 5
        case .secured: 6
        case .contractDate: 7
        case .disbursedOn: 8
        case .principal: 9
        case .balance: 10
        case .creditLine: 11
        case .apr: 12
        case .region: 13
        case .fundingLoanId: 14
        case .fundingInstitution: 15
        case .fundingShare: 16
        case .groupBorrowerId: 17
        case .groupName: 18
        }
    }

    /// The number of canonical columns (`ordinal` is below it).
    public static let ordinalCount = 19

    /// The column of `table` named `name`.
    public static func named(_ name: String, in table: TapeTable) -> TapeColumn? {
        table.columns.first { $0.name == name }
    }
}
