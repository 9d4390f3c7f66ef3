import Compliance
import Diagnostics

/// What an SQL engine leaves to loancheck when the tape is local CSV: checking every table exactly as
/// the stream engine does (so errors read the same, at the same `file:line:column`), and finding the
/// rows of the failures the engine lists (so findings quote the same lines).
public protocol LocalTape: Sendable {
    /// Reads every table of the request's schemas strictly, without rules: counts and the input stamps,
    /// or every problem (bounded as the stream engine bounds them).
    func validate(_ request: LedgerRequest) throws(LedgerError) -> LocalTapeSummary

    /// The snapshots of `loans` (listed failures, with their status) and the places of `cells` (the loan
    /// ids of contributing loans), found by loan id.
    func locate(_ request: LedgerRequest, loans: [String: LedgerStatus], cells: Set<String>) throws(LedgerError) -> LocatedRows
}

/// A local tape's size and its files' stamps.
public struct LocalTapeSummary: Sendable {
    public let loans: Int
    public let fundings: Int
    public let groupRows: Int
    public let inputs: [AuditReport.InputStamp]

    public init(loans: Int, fundings: Int, groupRows: Int, inputs: [AuditReport.InputStamp]) {
        self.loans = loans
        self.fundings = fundings
        self.groupRows = groupRows
        self.inputs = inputs
    }
}

/// Rows found by loan id.
public struct LocatedRows: Sendable {
    public var loans: [String: LoanSnapshot]
    /// The `loan_id` cell of each loan asked for in `cells`.
    public var cells: [String: SourceLocation]
    /// Where the row of each loan asked for in `cells` starts.
    public var records: [String: SourceLocation]
    public var sources: SourceTexts

    public init(loans: [String: LoanSnapshot], cells: [String: SourceLocation], records: [String: SourceLocation] = [:],
                sources: SourceTexts) {
        self.loans = loans
        self.cells = cells
        self.records = records
        self.sources = sources
    }
}
