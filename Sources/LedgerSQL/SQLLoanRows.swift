import Compliance
import Diagnostics
import LedgerAudit
import LedgerTape
import RuleLanguage

/// The listed loans of a tape loancheck cannot read itself (Parquet, an engine's table), rebuilt from
/// the engine's `loanrow` rows: the same values, placed by file and record number instead of line and
/// column.
enum SQLLoanRows {
    /// Snapshots by loan id (status set by the caller), and each loan's place.
    static func located(_ rows: [SQLResult.Row], sources: [SQLSource], statuses: [String: LedgerStatus]) -> LocatedRows? {
        var located = LocatedRows(loans: [:], cells: [:], sources: SourceTexts())
        for row in rows {
            guard let id = row.key, let fields = row.c?.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init),
                  fields.count == 14 else { return nil }
            func value(_ index: Int) -> String? { fields[index] == SQLResult.null ? nil : fields[index] }
            let source = Int(row.a ?? "").flatMap { number in sources.first { $0.fileNumber == number } }
            let location = SourceLocation(file: source?.label ?? "the tape", line: Int(row.b ?? "") ?? 1, column: 1)
            located.cells[id] = location
            located.records[id] = location
            guard let lender = value(0), let borrower = value(2), let group = value(3), let type = value(4), let purpose = value(5),
                  let contract = value(7).flatMap(Int.init), let disbursed = value(8).flatMap(Int.init),
                  let principal = value(9).flatMap(SQLNumber.fixedPoint), let balance = value(10).flatMap(SQLNumber.fixedPoint),
                  let region = value(13).flatMap(Province.init(code:)) else { return nil }
            var fundings: [FundingSnapshot] = []
            for entry in (row.d ?? "").split(separator: "\u{1C}") {
                let parts = entry.split(separator: "\u{1D}", omittingEmptySubsequences: false)
                guard parts.count == 2, let share = SQLNumber.fixedPoint(String(parts[1])) else { return nil }
                fundings.append(FundingSnapshot(institution: String(parts[0]), share: share, location: nil))
            }
            let defaulted = fundings.isEmpty
            if defaulted { fundings = [FundingSnapshot(institution: lender, share: FixedPoint(1), location: nil)] }
            located.loans[id] = LoanSnapshot(
                status: statuses[id] ?? .violation(.error), loanId: id, location: location, cells: [:], lender: lender,
                product: value(1), borrowerId: borrower, borrowerGroup: group, borrowerType: type, purpose: purpose,
                secured: value(6) == "true", contractDate: CivilDate(dayNumber: contract), disbursedOn: CivilDate(dayNumber: disbursed),
                principal: principal, balance: balance, creditLine: value(11).flatMap(SQLNumber.fixedPoint),
                apr: value(12).flatMap(SQLNumber.fixedPoint), region: region, fundings: fundings, fundingDefaulted: defaulted)
        }
        return located
    }
}
