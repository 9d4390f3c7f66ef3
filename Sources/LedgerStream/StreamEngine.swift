import Compliance
import Diagnostics
import Dispatch
import FoundationEssentials
import LedgerAudit
import LedgerPlan
import LedgerTape
import LoanDomain
import RuleLanguage

/// The default ledger engine (`--engine stream`): reads the CSV tables itself, in one pass over the
/// loans on all cores, with exact fixed-point arithmetic; memory grows with the number of groups, not
/// of rows (apart from the loan-id check, 32 bytes a loan).
public struct StreamEngine: LedgerEngine {
    public let name = "stream"
    /// Threads (and 4 × this many chunks per table at least).
    public let parts: Int
    /// Bytes of loan ids (24 a loan) held in memory for the duplicate check; past it they are written
    /// to files under `$TMPDIR` and checked partition by partition.
    public let loanIdBudget: Int
    /// Sees the loan-id run files just before they are removed (tests check that they were written and
    /// are gone afterwards; the directory under `$TMPDIR` is the engine's own).
    var spillObserver: (@Sendable (LoanIdSpill) -> Void)?

    public init(parts: Int = ProcessInfo.processInfo.activeProcessorCount, loanIdBudget: Int = 64 << 20) {
        self.parts = max(1, parts)
        self.loanIdBudget = max(1, loanIdBudget)
    }

    public func run(_ request: LedgerRequest) throws(LedgerError) -> LedgerRun {
        // Rules that this engine cannot run fail before any row is read.
        let compiled = try lift { () throws(DiagnosticList) in try CompiledRules(request) }
        let tapes = try lift { () throws(DiagnosticList) in try TapeSet(request.schemas, parts: parts) }
        let institutionIndex = IdentifierIndex(request.institutions.map(\.id))
        let productIndex = IdentifierIndex(request.products.map(\.id))
        let digests = TapeDigests(tapes.files)
        let side = try lift { () throws(DiagnosticList) in try SideTables(tapes: tapes, institutions: institutionIndex) }
        var decoderProblems: [Diagnostic] = []
        for table in tapes.loans {
            for index in table.files.indices {
                do {
                    _ = try LoanRowDecoder(table, file: index, institutions: institutionIndex, products: productIndex, dataDate: 0)
                } catch {
                    decoderProblems += error.diagnostics
                }
            }
        }
        guard decoderProblems.isEmpty else { throw LedgerError(decoderProblems) }

        let dataDate = request.schemas.map(\.asOf).max() ?? request.asOf
        let waivedLoans = Set(request.rules.flatMap { entry -> [UInt64] in
            guard case .loan = entry.plan else { return [] }
            return (request.waivedKeys[entry.rule.id] ?? []).map { key in Array(key.utf8).withUnsafeBytes { TapeHash.hash($0) } }
        })
        let ruleCount = request.rules.count
        // Rules keyed by a borrower or a borrower group keep their groups in one store shared by the
        // threads; the others (institutions only: few groups) in a table per thread.
        var tracked = [Bool](repeating: false, count: ruleCount)
        var textRules: [(index: Int, function: LedgerAggregate.Function)] = []
        for program in compiled.groupRules {
            if program.tracksContributors { tracked[program.index] = true } else { textRules.append((program.index, program.function)) }
        }
        let textGroups = TextGroupStore(rules: textRules, ruleCount: ruleCount)
        let spill = LoanIdSpill(budgetPerThread: loanIdBudget / parts)
        defer {
            spillObserver?(spill)
            spill.remove()
        }
        let inputs = LoanScanInputs(
            request: request, tapes: tapes, fundings: side.fundings, groups: side.groups, institutionIndex: institutionIndex,
            productIndex: productIndex, dataDate: Int32(dataDate.dayNumber), waivedLoanHashes: waivedLoans,
            affiliateGroup: request.institutions.map { institutionIndex.code(of: InstitutionFields.groupName(of: $0)) ?? 0 },
            cap: request.maxFindingsPerRule, writeFailures: request.failuresDirectory != nil, textGroups: textGroups,
            threads: parts, loanIdSpill: spill)
        let groupFunctions = request.rules.enumerated().map { index, entry -> LedgerAggregate.Function? in
            guard case .group(let plan) = entry.plan, textGroups.slots[index] < 0 else { return nil }
            return plan.aggregate.function
        }
        let contributorTables = tracked.map { $0 ? ContributorTable() : nil }
        let emptyState = LoanWorkerState(outcomes: request.rules.map { LedgerRuleOutcome(rule: $0.rule.id) },
                                         pending: Array(repeating: ListedLoans(), count: ruleCount),
                                         tables: groupFunctions.map { $0.map(GroupTable.init(function:)) },
                                         failedLoans: Array(repeating: [], count: ruleCount), contributors: contributorTables)
        let loanTables = tapes.tables.filter { entry in tapes.loans.contains { $0 === entry.files } }
        let output = ChunkRunner.run(loanTables, threads: parts, worker: { emptyState }, local: { TapeErrors() }) {
            table, chunk, fileId, scanner, state, chunkErrors throws(CSVSyntaxError) in
            // Closures are compiled per chunk; the rules compiled above already proved they compile.
            guard let rules = try? CompiledRules(request) else { return }
            try LoanScan.scan(inputs, rules: rules, table: table, chunk: chunk, fileId: fileId, scanner: &scanner, state: &state,
                              errors: &chunkErrors)
            let held = state.loanIds.reduce(0) { $0 + $1.count } * MemoryLayout<LoanIdEntry>.stride
            if held > spill.budgetPerThread { spill.spill(&state.loanIds) }
        }

        // Errors in file order; the threads' states in any order (their sums and counts commute, and
        // listed failures are put in key order).
        var lineCounts = side.lineCounts
        var errors = side.errors
        var quoteFree = Set<ChunkKey>()
        for (entry, outputs) in zip(loanTables, output.chunks) {
            lineCounts[ObjectIdentifier(entry.files)] = outputs.map(\.lines)
            for (chunk, chunkOutput) in zip(entry.files.chunks, outputs) {
                if chunkOutput.quoteFree { quoteFree.insert(ChunkKey(file: entry.firstId + chunk.file, chunk: chunk.index)) }
                errors.merge(chunkOutput.state)
                if let syntax = chunkOutput.syntax {
                    errors.append(SideTables.syntaxError(syntax, chunk: chunk, fileId: entry.firstId + chunk.file))
                }
            }
        }
        var merged = emptyState
        var matched = [Bool](repeating: false, count: side.fundings.loanCount)
        for state in output.workers {
            merged.rows += state.rows
            for rule in 0..<ruleCount {
                merged.outcomes[rule].merge(state.outcomes[rule])
                merged.pending[rule].merge(state.pending[rule], cap: request.maxFindingsPerRule, files: tapes.files,
                                           unlisted: &merged.outcomes[rule].unlisted)
                merged.failedLoans[rule] += state.failedLoans[rule]
                if let table = state.tables[rule] { merged.tables[rule]?.merge(table, files: tapes.files) }
                if let table = state.contributors[rule] { merged.contributors[rule]?.merge(table, files: tapes.files) }
            }
            merged.waivedLoansSeen.formUnion(state.waivedLoansSeen)
            for group in state.matchedFundings { matched[Int(group)] = true }
        }
        let loanIds = output.workers.map(\.loanIds)
        let chunkOf: @Sendable (Int32, Int64) -> Int32 = { file, offset in
            for entry in loanTables where file >= entry.firstId && file < entry.firstId + Int32(entry.files.files.count) {
                let local = file - entry.firstId
                if let chunk = entry.files.chunks.first(where: { $0.file == local && $0.range.contains(Int(offset)) }) { return chunk.index }
            }
            return 0
        }
        do {
            errors.merge(try DuplicateLoans.find(loanIds, spill: spill, files: tapes.files, chunkOf: chunkOf))
        } catch {
            throw LedgerError([.error(error.message, at: nil, hint: "free space under $TMPDIR, or set TMPDIR to a larger disk")])
        }
        for group in matched.indices where !matched[group] {
            let row = side.fundings.rows[Int(side.fundings.firstRow(of: Int32(group)))]
            errors.append(TapeError(
                kind: .orphanFunding, file: row.place.file, chunk: row.place.chunk, recordLine: row.place.line,
                recordStart: row.place.recordStart, offset: row.place.recordStart,
                message: "fundings name loan '\(row.loanId.string(in: tapes.files))', which is not in the loans table",
                hint: "every funded loan is a row of the loans table; check the loan_id"))
        }
        let places = TapePlaces(tapes: tapes, lineCounts: lineCounts)
        var sources = SourceTexts()
        guard errors.isEmpty else {
            throw LedgerError(places.diagnostics(errors, sources: &sources), sources: sources)
        }

        var run = LedgerRun(outcomes: merged.outcomes)
        run.loanCount = merged.rows
        run.fundingCount = side.fundings.rows.count
        run.groupRowCount = side.groups.rows.count
        let snapshots = SnapshotMaker(request: request, tapes: tapes, places: places, fundings: side.fundings,
                                      institutionIndex: institutionIndex, productIndex: productIndex)
        var listedGroups: [Int: [GroupKeyValue]] = [:]
        var failingGroups: [Int: [GroupSnapshot]] = [:]
        do {
            // The group rules first: their store (hundreds of megabytes on a large tape) is given back
            // before the findings read rows of the tape again.
            let textShards = textGroups.takeShards()
            for (rule, entry) in request.rules.enumerated() {
                guard case .group(let plan) = entry.plan else { continue }
                let result: (outcome: LedgerRuleOutcome, listed: [GroupKeyValue], failing: [GroupSnapshot])
                if textGroups.slots[rule] >= 0 {
                    let view = TextGroupView(shards: textShards, slot: textGroups.slots[rule])
                    let evaluation = GroupEvaluation(request: request, entry: entry, plan: plan, table: view, tapes: tapes,
                                                     institutionIndex: institutionIndex, symbols: compiled.symbols)
                    result = try lift { () throws(DiagnosticList) in try evaluation.outcome(cap: request.maxFindingsPerRule) }
                } else {
                    guard let table = merged.tables[rule] else { continue }
                    let evaluation = GroupEvaluation(request: request, entry: entry, plan: plan, table: table, tapes: tapes,
                                                     institutionIndex: institutionIndex, symbols: compiled.symbols)
                    result = try lift { () throws(DiagnosticList) in try evaluation.outcome(cap: request.maxFindingsPerRule) }
                }
                run.outcomes[rule] = result.outcome
                listedGroups[rule] = result.listed
                if request.failuresDirectory != nil { failingGroups[rule] = result.failing }
            }
        }
        for (rule, entry) in request.rules.enumerated() {
            guard case .loan = entry.plan else { continue }
            let waived = request.waivedKeys[entry.rule.id] ?? []
            let listed = merged.pending[rule].finish(cap: request.maxFindingsPerRule, files: tapes.files,
                                                     unlisted: &run.outcomes[rule].unlisted)
            run.outcomes[rule].items = listed.map { .loan(snapshots.loan($0, sources: &sources)) }
            run.outcomes[rule].seenWaivedKeys = waived.intersection(merged.waivedLoansSeen)
        }
        ContributorScan.fill(&run, listed: listedGroups, tracked: merged.contributors, inputs: inputs, loanTables: loanTables,
                             quoteFree: quoteFree, places: places, sources: &sources)
        if let directory = request.failuresDirectory {
            try lift { () throws(DiagnosticList) in
                try FailuresOut.write(failedLoans: merged.failedLoans, failingGroups: failingGroups, request: request, tapes: tapes,
                                      places: places, institutionIndex: institutionIndex, directory: directory)
            }
        }
        run.inputs = digests.stamps()
        run.sources = sources
        return run
    }
}

/// Runs `body`, turning its diagnostics into a `LedgerError`.
func lift<T>(_ body: () throws(DiagnosticList) -> T) throws(LedgerError) -> T {
    do {
        return try body()
    } catch {
        throw LedgerError(error)
    }
}
