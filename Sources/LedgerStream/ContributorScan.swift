import Diagnostics
import LedgerAudit
import LedgerTape
import RuleLanguage

/// The largest contributing loans of the listed failing groups (a group finding names them).
///
/// Rules keyed by institutions only kept them in the main pass (`ContributorTable`). For rules keyed by
/// a borrower or a borrower group, a second pass reads the loans again, but only tokenises a row and
/// hashes its borrower cell: a row is decoded and evaluated only when that hash is one a listed group
/// can contain (the borrower itself, or a member of the listed borrower group), so the pass costs a
/// scan of the bytes, not a decode of every row.
enum ContributorScan {
    static func fill(
        _ run: inout LedgerRun, listed: [Int: [GroupKeyValue]], tracked: [ContributorTable?], inputs: LoanScanInputs,
        loanTables: [(files: TapeFiles, firstId: Int32)], quoteFree: Set<ChunkKey>, places: TapePlaces, sources: inout SourceTexts
    ) {
        let files = inputs.tapes.files
        var found: [Int: [Int: [Contribution]]] = [:]
        var scanned: [Int: [GroupKeyValue]] = [:]
        for (rule, keys) in listed where !keys.isEmpty {
            guard let table = tracked[rule] else {
                scanned[rule] = keys
                continue
            }
            for (index, key) in keys.enumerated() {
                let contributions = table.contributions(of: key, files: files)
                if !contributions.isEmpty { found[rule, default: [:]][index] = contributions }
            }
        }
        if !scanned.isEmpty {
            for (rule, groups) in scan(scanned, inputs: inputs, loanTables: loanTables, quoteFree: quoteFree) { found[rule] = groups }
        }
        for (rule, groups) in found {
            for (index, contributions) in groups {
                guard index < run.outcomes[rule].items.count, case .group(let snapshot) = run.outcomes[rule].items[index] else { continue }
                let largest = contributions.map { contribution in
                    GroupSnapshot.Contributor(loanId: contribution.loanId.string(in: files), amount: FixedPoint(units: contribution.amount),
                                              location: places.location(contribution.place, offset: contribution.offset, sources: &sources))
                }
                run.outcomes[rule].items[index] = .group(GroupSnapshot(status: snapshot.status, parts: snapshot.parts,
                                                                        actual: snapshot.actual, bound: snapshot.bound,
                                                                        count: snapshot.count, largest: largest))
            }
        }
    }

    /// The hashes of the borrower cells a row must have to contribute to one of the listed groups: the
    /// key text itself, and for a borrower-group key every member of the group (a superset: hashes
    /// only select the rows that are then decoded and matched exactly).
    private static func wantedBorrowers(_ wanted: [Int: [GroupKeyValue]], inputs: LoanScanInputs) -> Set<UInt64> {
        var membersByGroup: [UInt64: [UInt64]] = [:]
        for row in inputs.groups.rows { membersByGroup[row.group.hash, default: []].append(row.borrower.hash) }
        var hashes = Set<UInt64>()
        for keys in wanted.values {
            for key in keys {
                guard let text = key.text else { continue }
                hashes.insert(text.hash)
                for member in membersByGroup[text.hash] ?? [] { hashes.insert(member) }
            }
        }
        return hashes
    }

    private static func scan(_ wanted: [Int: [GroupKeyValue]], inputs: LoanScanInputs,
                             loanTables: [(files: TapeFiles, firstId: Int32)], quoteFree: Set<ChunkKey>) -> [Int: [Int: [Contribution]]] {
        let files = inputs.tapes.files
        // An index of the listed keys per rule: key → position in the rule's listed items.
        var indexes: [Int: GroupTable] = [:]
        for (rule, keys) in wanted {
            var table = GroupTable(function: .count)
            for key in keys { _ = table.group(key, files: files) }
            indexes[rule] = table
        }
        let lookups = indexes
        let borrowers = wantedBorrowers(wanted, inputs: inputs)
        let output = ChunkRunner.run(loanTables, threads: inputs.threads, worker: { [Int: [Int: [Contribution]]]() }, local: { () }) {
            table, chunk, fileId, scanner, state, _ throws(CSVSyntaxError) in
            guard let rules = try? CompiledRules(inputs.request),
                  let decoder = try? LoanRowDecoder(table, file: Int(chunk.file), institutions: inputs.institutionIndex,
                                                    products: inputs.productIndex, dataDate: inputs.dataDate) else { return }
            let bytes = table.files[Int(chunk.file)].bytes
            let borrowerField = decoder.positions.fieldIndex(.borrowerId)
            let fieldCount = decoder.positions.fieldCount
            var fields = CSVFields()
            var ignored = TapeErrors()
            let context = RowContext(loan: PlaceholderLoan.placeholder)
            func contribute(_ fields: CSVFields, line: Int) {
                let place = RowPlace(file: fileId, chunk: chunk.index, line: Int32(line), recordStart: Int64(fields.recordStart))
                guard let row = decoder.decode(fields, bytes: bytes, place: place, errors: &ignored) else { return }
                context.loan = row
                context.fundings.removeAll(keepingCapacity: true)
                if let group = inputs.fundings.group(of: row.loanId, files: files) {
                    inputs.fundings.appendEntries(of: group, to: &context.fundings)
                } else {
                    context.fundings.append(FundingEntry(institution: row.lender, share: CellParser.ratioUnitsPerOne, row: -1))
                }
                context.borrowerGroup = inputs.groups.group(of: row.borrower, files: files) ?? row.borrower
                for program in rules.groupRules {
                    guard let lookup = lookups[program.index] else { continue }
                    for position in context.fundings.indices {
                        context.position = position
                        // The positions the main pass put in the group: `where` and the count filter not false.
                        guard (program.filter?(context) ?? .yes) != .no, (program.countFilter?(context) ?? .yes) != .no else { continue }
                        var amount = context.funded(position).units
                        if case .number(let value)? = program.value?(context) { amount = value.units }
                        LoanScan.forEachKey(program, context, inputs: inputs) { key in
                            guard let index = lookup.find(key, files: files) else { return }  // not a listed group
                            let contribution = Contribution(amount: amount, place: place, loanId: row.loanId,
                                                            offset: row.cellOffsets[.loanId])
                            TopContributors.insert(contribution, into: &state[program.index, default: [:]][index, default: []],
                                                   files: files)
                        }
                    }
                }
            }
            guard borrowerField >= 0 else { return }
            if quoteFree.contains(ChunkKey(file: fileId, chunk: chunk.index)) {
                // One line per record: hash the borrower cell, tokenise only the rows that may contribute.
                let delimiter = table.source.delimiter
                try QuoteFreeLines.forEach(bytes, chunk.range, delimiter: delimiter, field: borrowerField) {
                    start, line, cell throws(CSVSyntaxError) in
                    guard borrowers.contains(TapeHash.hash(UnsafeRawBufferPointer(rebasing: bytes[cell]))) else { return }
                    var record = CSVScanner(bytes, range: start..<chunk.range.upperBound, delimiter: delimiter)
                    if try record.next(into: &fields), fields.count == fieldCount { contribute(fields, line: line) }
                }
                return
            }
            while try scanner.next(into: &fields) {
                // Rows of another shape fail to decode (and stop the audit before this pass).
                guard fields.count == fieldCount,
                      borrowers.contains(TapeText(file: fileId, field: fields[borrowerField], in: bytes).hash) else { continue }
                contribute(fields, line: fields.line)
            }
        }
        var merged: [Int: [Int: [Contribution]]] = [:]
        for state in output.workers {
            for (rule, groups) in state {
                for (index, contributions) in groups {
                    for contribution in contributions {
                        TopContributors.insert(contribution, into: &merged[rule, default: [:]][index, default: []], files: files)
                    }
                }
            }
        }
        return merged
    }
}

/// A chunk of a tape file, by tape-wide file id and chunk index.
struct ChunkKey: Sendable, Hashable {
    let file: Int32
    let chunk: Int32
}
