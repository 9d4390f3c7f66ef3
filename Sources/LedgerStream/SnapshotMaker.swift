import Compliance
import Diagnostics
import LedgerAudit
import LedgerTape
import RuleLanguage

/// Turns kept failures into engine-independent snapshots: text out of the mapped files, every cell's
/// `file:line:column`, and the quoted lines recorded for the reports.
struct SnapshotMaker {
    let request: LedgerRequest
    let tapes: TapeSet
    let places: TapePlaces
    let fundings: FundingTable
    let institutionIndex: IdentifierIndex
    let productIndex: IdentifierIndex

    func loan(_ pending: PendingLoan, sources: inout SourceTexts) -> LoanSnapshot {
        let row = pending.row
        let files = tapes.files
        var cells: [TapeColumn: SourceLocation] = [:]
        for column in TapeColumn.loanColumns {
            let offset = row.cellOffsets[column]
            guard offset >= 0 else { continue }
            cells[column] = places.location(row.place, offset: offset, sources: &sources)
        }
        let location = places.location(row.place, offset: row.place.recordStart, sources: &sources)
        let fundingSnapshots = pending.fundings.map { entry -> FundingSnapshot in
            let share = FixedPoint(units: Int128(entry.share) * 100)
            let id = institutionIndex.ids[Int(entry.institution)]
            guard entry.row >= 0 else { return FundingSnapshot(institution: id, share: share, location: nil) }
            let fundingRow = fundings.rows[Int(entry.row)]
            return FundingSnapshot(institution: id, share: share,
                                   location: places.location(fundingRow.place, offset: fundingRow.shareOffset, sources: &sources))
        }
        let status: LedgerStatus = pending.cannotEvaluate ? .cannotEvaluate(pending.severity, reason: "") : .violation(pending.severity)
        return LoanSnapshot(
            status: status, loanId: row.loanId.string(in: files), location: location, cells: cells,
            lender: institutionIndex.ids[Int(row.lender)], product: row.product >= 0 ? productIndex.ids[Int(row.product)] : nil,
            borrowerId: row.borrower.string(in: files), borrowerGroup: pending.borrowerGroup.string(in: files),
            borrowerType: row.borrowerType == 0 ? "individual" : "business", purpose: row.purpose == 0 ? "consumption" : "business",
            secured: row.secured, contractDate: CivilDate(dayNumber: Int(row.contractDate)),
            disbursedOn: CivilDate(dayNumber: Int(row.disbursedOn)), principal: FixedPoint(fen: row.principal),
            balance: FixedPoint(fen: row.balance),
            creditLine: row.creditLine == LoanRow.absent ? nil : FixedPoint(fen: row.creditLine),
            apr: row.apr == LoanRow.absent ? nil : FixedPoint(units: Int128(row.apr) * 100),
            region: Province(tableIndex: row.region) ?? Province.all[0], fundings: fundingSnapshots,
            fundingDefaulted: pending.fundings.count == 1 && pending.fundings[0].row < 0)
    }
}
