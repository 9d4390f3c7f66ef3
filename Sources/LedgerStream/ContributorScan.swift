import Diagnostics
import LedgerAudit
import LedgerTape
import RuleLanguage

/// A second pass over the loans for the listed failing groups only: the loans that contribute most to
/// each (a group finding names them). Groups are few once failing and capped, so this pass keeps
/// three loans for each of them, where the first pass could not afford to for every group.
enum ContributorScan {
    static let kept = 3

    /// One contribution: amount, the row, its loan id.
    struct Contribution: Sendable {
        let amount: Int128
        let place: RowPlace
        let loanId: TapeText
        let offset: Int64
    }

    static func fill(
        _ run: inout LedgerRun, listed: [Int: [GroupKeyValue]], inputs: LoanScanInputs,
        loanTables: [(files: TapeFiles, firstId: Int32)], places: TapePlaces, sources: inout SourceTexts
    ) {
        let wanted = listed.filter { !$0.value.isEmpty }
        guard !wanted.isEmpty else { return }
        let files = inputs.tapes.files
        // An index of the listed keys per rule: key → position in the rule's listed items.
        var indexes: [Int: GroupTable] = [:]
        for (rule, keys) in wanted {
            var table = GroupTable(function: .count)
            for key in keys { _ = table.group(key, files: files) }
            indexes[rule] = table
        }
        let lookups = indexes
        let output = ChunkRunner.run(loanTables, initial: { [Int: [Int: [Contribution]]]() }) {
            table, chunk, fileId, scanner, state throws(CSVSyntaxError) in
            guard let rules = try? CompiledRules(inputs.request),
                  let decoder = try? LoanRowDecoder(table, file: Int(chunk.file), institutions: inputs.institutionIndex,
                                                    products: inputs.productIndex, dataDate: inputs.dataDate) else { return }
            let bytes = table.files[Int(chunk.file)].bytes
            var fields = CSVFields()
            var ignored = TapeErrors()
            let context = RowContext(loan: GroupEvaluation.placeholder)
            while try scanner.next(into: &fields) {
                let place = RowPlace(file: fileId, chunk: chunk.index, line: Int32(fields.line), recordStart: Int64(fields.recordStart))
                guard let row = decoder.decode(fields, bytes: bytes, place: place, errors: &ignored) else { continue }
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
                        guard (program.filter?(context) ?? .yes) != .no else { continue }
                        var amount = context.funded(position).units
                        if case .number(let value)? = program.value?(context) { amount = value.units }
                        LoanScan.forEachKey(program, context, inputs: inputs) { key in
                            guard let index = lookup.find(key, files: files) else { return }  // not a listed group
                            let contribution = Contribution(amount: amount, place: place, loanId: row.loanId,
                                                            offset: row.cellOffsets[.loanId])
                            insert(contribution, into: &state[program.index, default: [:]][index, default: []], files: files)
                        }
                    }
                }
            }
        }
        var merged: [Int: [Int: [Contribution]]] = [:]
        for outputs in output {
            for chunkOutput in outputs {
                for (rule, groups) in chunkOutput.state {
                    for (index, contributions) in groups {
                        for contribution in contributions {
                            insert(contribution, into: &merged[rule, default: [:]][index, default: []], files: files)
                        }
                    }
                }
            }
        }
        for (rule, groups) in merged {
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

    /// Keeps the `kept` largest contributions, largest first; ties by loan id.
    static func insert(_ contribution: Contribution, into list: inout [Contribution], files: [MappedFile]) {
        list.append(contribution)
        list.sort { a, b in
            if a.amount != b.amount { return a.amount > b.amount }
            return a.loanId.bytes(in: files).lexicographicallyPrecedes(b.loanId.bytes(in: files))
        }
        if list.count > kept { list.removeLast(list.count - kept) }
    }
}
