import Diagnostics
import LedgerTape

/// Reads the small tables (fundings, borrower groups) before the loans, on all cores, in file order.
struct SideTables: Sendable {
    let fundings: FundingTable
    let groups: BorrowerGroupTable
    var errors = TapeErrors()
    var lineCounts: [ObjectIdentifier: [Int]] = [:]

    init(tapes: TapeSet, institutions: IdentifierIndex) throws(DiagnosticList) {
        var errors = TapeErrors()
        var lineCounts: [ObjectIdentifier: [Int]] = [:]
        var diagnostics: [Diagnostic] = []
        // Fundings.
        var decoders: [ObjectIdentifier: [FundingRowDecoder]] = [:]
        for table in tapes.fundings {
            do {
                decoders[ObjectIdentifier(table)] = try table.files.indices.map { index throws(DiagnosticList) in
                    try FundingRowDecoder(table, file: index, institutions: institutions)
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var groupDecoders: [ObjectIdentifier: [GroupRowDecoder]] = [:]
        for table in tapes.groups {
            do {
                groupDecoders[ObjectIdentifier(table)] = try table.files.indices.map { index throws(DiagnosticList) in
                    try GroupRowDecoder(table, file: index)
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        let fundingDecoders = decoders
        let fundingTables = tapes.tables.filter { entry in tapes.fundings.contains { $0 === entry.files } }
        let fundingOutput = ChunkRunner.run(fundingTables, initial: { (rows: [FundingRow](), errors: TapeErrors()) }) {
            table, chunk, fileId, scanner, state throws(CSVSyntaxError) in
            guard let decoder = fundingDecoders[ObjectIdentifier(table)]?[Int(chunk.file)] else { return }
            let bytes = table.files[Int(chunk.file)].bytes
            var fields = CSVFields()
            while try scanner.next(into: &fields) {
                let place = RowPlace(file: fileId, chunk: chunk.index, line: Int32(fields.line), recordStart: Int64(fields.recordStart))
                if let row = decoder.decode(fields, bytes: bytes, place: place, errors: &state.errors) { state.rows.append(row) }
            }
        }
        var fundingRows: [FundingRow] = []
        for (entry, outputs) in zip(fundingTables, fundingOutput) {
            lineCounts[ObjectIdentifier(entry.files)] = outputs.map(\.lines)
            for (chunk, output) in zip(entry.files.chunks, outputs) {
                fundingRows += output.state.rows
                errors.merge(output.state.errors)
                if let syntax = output.syntax { errors.append(Self.syntaxError(syntax, chunk: chunk, fileId: entry.firstId + chunk.file)) }
            }
        }
        // Borrower groups.
        let decodersOfGroups = groupDecoders
        let groupTables = tapes.tables.filter { entry in tapes.groups.contains { $0 === entry.files } }
        let groupOutput = ChunkRunner.run(groupTables, initial: { (rows: [GroupRow](), errors: TapeErrors()) }) {
            table, chunk, fileId, scanner, state throws(CSVSyntaxError) in
            guard let decoder = decodersOfGroups[ObjectIdentifier(table)]?[Int(chunk.file)] else { return }
            let bytes = table.files[Int(chunk.file)].bytes
            var fields = CSVFields()
            while try scanner.next(into: &fields) {
                let place = RowPlace(file: fileId, chunk: chunk.index, line: Int32(fields.line), recordStart: Int64(fields.recordStart))
                if let row = decoder.decode(fields, bytes: bytes, place: place, errors: &state.errors) { state.rows.append(row) }
            }
        }
        var groupRows: [GroupRow] = []
        for (entry, outputs) in zip(groupTables, groupOutput) {
            lineCounts[ObjectIdentifier(entry.files)] = outputs.map(\.lines)
            for (chunk, output) in zip(entry.files.chunks, outputs) {
                groupRows += output.state.rows
                errors.merge(output.state.errors)
                if let syntax = output.syntax { errors.append(Self.syntaxError(syntax, chunk: chunk, fileId: entry.firstId + chunk.file)) }
            }
        }
        let files = tapes.files
        fundings = FundingTable(rows: fundingRows, files: files)
        groups = BorrowerGroupTable(rows: groupRows, files: files)
        let problems = fundings.problems()
        for group in problems.shares {
            let row = fundings.rows[Int(fundings.firstRow(of: group))]
            let total = fundings.total(of: group)
            errors.append(TapeError(
                kind: .fundingShares, file: row.place.file, chunk: row.place.chunk, recordLine: row.place.line,
                recordStart: row.place.recordStart, offset: row.shareOffset,
                message: "the shares of loan '\(row.loanId.string(in: files))' add up to \(Self.percent(total)), not exactly 100%",
                hint: "every joint loan's funders' shares add up to exactly 100% (70% + 29.99% is 99.99%)"))
        }
        for duplicate in problems.duplicates {
            let row = fundings.rows[Int(duplicate.row)]
            errors.append(TapeError(
                kind: .duplicateFunding, file: row.place.file, chunk: row.place.chunk, recordLine: row.place.line,
                recordStart: row.place.recordStart, offset: row.place.recordStart,
                message: "loan '\(row.loanId.string(in: files))' lists funder '\(institutions.ids[Int(row.institution)])' twice",
                hint: "give one row per funder of a loan"))
        }
        for conflict in groups.conflicts {
            let row = groups.rows[Int(conflict.row)]
            let first = groups.rows[Int(conflict.first)]
            errors.append(TapeError(
                kind: .duplicateGroup, file: row.place.file, chunk: row.place.chunk, recordLine: row.place.line,
                recordStart: row.place.recordStart, offset: row.place.recordStart,
                message: "borrower '\(row.borrower.string(in: files))' is put in group '\(row.group.string(in: files))' "
                    + "and in group '\(first.group.string(in: files))'",
                hint: "a borrower belongs to one group of affiliates: merge the groups"))
        }
        self.errors = errors
        self.lineCounts = lineCounts
    }

    static func syntaxError(_ error: CSVSyntaxError, chunk: TapeFiles.Chunk, fileId: Int32) -> TapeError {
        // The line is found from the chunk start (syntax errors stop a chunk; their lines are counted
        // from there).
        TapeError(kind: .syntax, file: fileId, chunk: chunk.index, recordLine: 0, recordStart: Int64(chunk.range.lowerBound),
                  offset: Int64(error.offset), message: error.message, hint: error.hint)
    }

    /// `99.99%` from 10^-10 units.
    static func percent(_ units: Int64) -> String {
        let hundredths = FixedPointText.decimal(units, scale: 8)
        return hundredths + "%"
    }
}

/// Fixed-point integers as decimal text, trailing zeros dropped.
enum FixedPointText {
    static func decimal(_ units: Int64, scale: Int) -> String {
        var power: Int64 = 1
        for _ in 0..<scale { power *= 10 }
        let whole = units / power
        var fraction = String(units % power)
        while fraction.count < scale { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }
}
