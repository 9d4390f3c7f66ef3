import Compliance
import Diagnostics
import FoundationEssentials
import LedgerAudit
import LedgerTape
import RuleLanguage

/// The stream engine's reader in the service of an SQL engine on local CSV: the same strict checks
/// (`validate`), and the rows of the failures the SQL engine listed (`locate`), so that both engines'
/// reports quote the same lines and cells.
public struct StreamLocalTape: LocalTape {
    public let parts: Int

    public init(parts: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.parts = max(1, parts)
    }

    public func validate(_ request: LedgerRequest) throws(LedgerError) -> LocalTapeSummary {
        let tablesOnly = LedgerRequest(schemas: request.schemas, rules: [], documents: request.documents, asOf: request.asOf,
                                       maxFindingsPerRule: 0, waivedKeys: [:], failuresDirectory: nil)
        let run = try StreamEngine(parts: parts).run(tablesOnly)
        return LocalTapeSummary(loans: run.loanCount, fundings: run.fundingCount, groupRows: run.groupRowCount, inputs: run.inputs)
    }

    public func locate(_ request: LedgerRequest, loans: [String: LedgerStatus], cells: Set<String>) throws(LedgerError) -> LocatedRows {
        let tapes = try lift { () throws(DiagnosticList) in try TapeSet(request.schemas, parts: parts) }
        let institutionIndex = IdentifierIndex(request.institutions.map(\.id))
        let productIndex = IdentifierIndex(request.products.map(\.id))
        let side = try lift { () throws(DiagnosticList) in try SideTables(tapes: tapes, institutions: institutionIndex) }
        let dataDate = Int32((request.schemas.map(\.asOf).max() ?? request.asOf).dayNumber)
        let wanted = Set(loans.keys).union(cells)
        let wantedHashes = Set(wanted.map { key in Array(key.utf8).withUnsafeBytes { TapeHash.hash($0) } })
        let loanTables = tapes.tables.filter { entry in tapes.loans.contains { $0 === entry.files } }
        let files = tapes.files
        let output = ChunkRunner.run(loanTables, initial: { [(row: LoanRow, id: String)]() }) {
            table, chunk, _, scanner, found throws(CSVSyntaxError) in
            guard let decoder = try? LoanRowDecoder(table, file: Int(chunk.file), institutions: institutionIndex,
                                                    products: productIndex, dataDate: dataDate) else { return }
            let bytes = table.files[Int(chunk.file)].bytes
            let fileId = loanTables.first { $0.files === table }.map { $0.firstId + chunk.file } ?? chunk.file
            var fields = CSVFields()
            var ignored = TapeErrors()
            while try scanner.next(into: &fields) {
                let place = RowPlace(file: fileId, chunk: chunk.index, line: Int32(fields.line), recordStart: Int64(fields.recordStart))
                guard let row = decoder.decode(fields, bytes: bytes, place: place, errors: &ignored),
                      wantedHashes.contains(row.loanId.hash) else { continue }
                let id = row.loanId.string(in: files)
                if wanted.contains(id) { found.append((row, id)) }
            }
        }
        var lineCounts = side.lineCounts
        for (entry, outputs) in zip(loanTables, output) { lineCounts[ObjectIdentifier(entry.files)] = outputs.map(\.lines) }
        let places = TapePlaces(tapes: tapes, lineCounts: lineCounts)
        let snapshots = SnapshotMaker(request: request, tapes: tapes, places: places, fundings: side.fundings,
                                      institutionIndex: institutionIndex, productIndex: productIndex)
        var located = LocatedRows(loans: [:], cells: [:], sources: SourceTexts())
        for outputs in output {
            for chunkOutput in outputs {
                for (row, id) in chunkOutput.state {
                    if cells.contains(id) {
                        located.cells[id] = places.location(row.place, offset: row.cellOffsets[.loanId], sources: &located.sources)
                        located.records[id] = places.location(row.place, offset: row.place.recordStart, sources: &located.sources)
                    }
                    guard let status = loans[id] else { continue }
                    var fundings: [FundingEntry] = []
                    if let group = side.fundings.group(of: row.loanId, files: files) {
                        side.fundings.appendEntries(of: group, to: &fundings)
                    } else {
                        fundings.append(FundingEntry(institution: row.lender, share: CellParser.ratioUnitsPerOne, row: -1))
                    }
                    let severity: FindingSeverity
                    let cannot: Bool
                    switch status {
                    case .violation(let value): (severity, cannot) = (value, false)
                    case .cannotEvaluate(let value, _): (severity, cannot) = (value, true)
                    }
                    let pending = PendingLoan(row: row, fundings: fundings,
                                              borrowerGroup: side.groups.group(of: row.borrower, files: files) ?? row.borrower,
                                              severity: severity, cannotEvaluate: cannot, waived: false,
                                              idBytes: row.loanId.bytes(in: files))
                    located.loans[id] = snapshots.loan(pending, sources: &located.sources)
                }
            }
        }
        return located
    }
}
