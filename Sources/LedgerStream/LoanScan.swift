import Compliance
import LedgerAudit
import LedgerPlan
import LedgerTape
import RuleLanguage

/// A failing loan kept for its finding: the row, its funders and its borrower group, until the lines
/// are known and it becomes a `LoanSnapshot`.
struct PendingLoan: Sendable {
    let row: LoanRow
    let fundings: [FundingEntry]
    let borrowerGroup: TapeText
    let severity: FindingSeverity
    let cannotEvaluate: Bool
    /// A waiver names the loan: it is listed whatever the cap.
    let waived: Bool
    /// The loan id's bytes, for the key order: sorting never reads the tape again (its pages may have
    /// been given back, and reading them would bring them back).
    let idBytes: [UInt8]
}

/// A failing loan as `--failures-out` lists it.
struct FailedLoan: Sendable {
    let loanId: TapeText
    let place: RowPlace
    let lender: Int32
    let severity: FindingSeverity
    let cannotEvaluate: Bool
}

/// A loan id seen, for the duplicate check after the scan: its hash, where its cell is, and its row's
/// line. 24 bytes a loan — the one per-row cost of the scan (the chunk, needed only for a reported
/// duplicate, is found again from the offset).
struct LoanIdEntry: Sendable {
    let hash: UInt64
    /// The cell's offset (48 bits) and the tape-wide file id (16 bits).
    private let offsetAndFile: UInt64
    let line: Int32
    /// The cell's length; the top bit says it is quoted with `""` inside.
    private let lengthAndEscape: UInt32

    init(hash: UInt64, offset: Int64, file: Int32, line: Int32, length: Int32, escaped: Bool) {
        self.hash = hash
        offsetAndFile = UInt64(truncatingIfNeeded: offset) << 16 | UInt64(UInt16(truncatingIfNeeded: file))
        self.line = line
        lengthAndEscape = UInt32(truncatingIfNeeded: length) & 0x7FFF_FFFF | (escaped ? 0x8000_0000 : 0)
    }

    var file: Int32 { Int32(offsetAndFile & 0xFFFF) }
    var offset: Int64 { Int64(offsetAndFile >> 16) }
    var length: Int32 { Int32(lengthAndEscape & 0x7FFF_FFFF) }
    var escaped: Bool { lengthAndEscape & 0x8000_0000 != 0 }
}

/// What one scanning thread accumulates over the chunks of the loans table it scans.
struct LoanWorkerState: Sendable {
    /// Per rule (request order): counts and the first failures.
    var outcomes: [LedgerRuleOutcome]
    var pending: [ListedLoans]
    /// Per group rule keyed by institutions only, and per rule not in force (request order; nil for
    /// loan rules and for rules whose groups are in the `TextGroupStore`).
    var tables: [GroupTable?]
    /// The loan ids seen, by partition (`DuplicateLoans.partition`).
    var loanIds = [[LoanIdEntry]](repeating: [], count: DuplicateLoans.partitions)
    /// Fundings groups (loans of the fundings table) this thread's loans used.
    var matchedFundings: [Int32] = []
    /// Loan ids some waiver names that this thread has seen.
    var waivedLoansSeen: Set<String> = []
    /// Every failing loan of each rule, for `--failures-out` (only when asked for).
    var failedLoans: [[FailedLoan]]
    /// Per group rule whose key is institutions only: each group's largest contributions.
    var contributors: [ContributorTable?]
    var rows = 0
    /// The current row's updates of text-keyed groups (reused from row to row).
    var updates: [TextUpdate] = []
}

/// The shared, read-only inputs of the loans scan.
struct LoanScanInputs: Sendable {
    let request: LedgerRequest
    let tapes: TapeSet
    let fundings: FundingTable
    let groups: BorrowerGroupTable
    let institutionIndex: IdentifierIndex
    let productIndex: IdentifierIndex
    let dataDate: Int32
    /// Hashes of loan ids some waiver names (to notice them without making a string of every id).
    let waivedLoanHashes: Set<UInt64>
    /// The affiliate group of each institution, as the code of its first member.
    let affiliateGroup: [Int32]
    let cap: Int
    let writeFailures: Bool
    /// The groups of the rules keyed by a borrower or a borrower group.
    let textGroups: TextGroupStore
    /// Scanning threads.
    let threads: Int
    /// Where loan ids go past the memory budget.
    let loanIdSpill: LoanIdSpill
}

/// Scans one chunk of the loans table: decode and check every row, evaluate the Loan rules, add each
/// position to the LoanGroup rules' groups.
enum LoanScan {
    static func scan(
        _ inputs: LoanScanInputs, rules: CompiledRules, table: TapeFiles, chunk: TapeFiles.Chunk, fileId: Int32,
        scanner: inout CSVScanner, state: inout LoanWorkerState, errors: inout TapeErrors
    ) throws(CSVSyntaxError) {
        let bytes = table.files[Int(chunk.file)].bytes
        let decoder: LoanRowDecoder
        do {
            decoder = try LoanRowDecoder(table, file: Int(chunk.file), institutions: inputs.institutionIndex,
                                         products: inputs.productIndex, dataDate: inputs.dataDate)
        } catch {
            return  // header problems are reported once, before the scan
        }
        let files = inputs.tapes.files
        var fields = CSVFields()
        var context: RowContext?
        var fundingCursor: Int32 = -1
        while try scanner.next(into: &fields) {
            let place = RowPlace(file: fileId, chunk: chunk.index, line: Int32(fields.line), recordStart: Int64(fields.recordStart))
            guard let row = decoder.decode(fields, bytes: bytes, place: place, errors: &errors) else { continue }
            state.rows += 1
            state.loanIds[DuplicateLoans.partition(row.loanId.hash)].append(LoanIdEntry(hash: row.loanId.hash, offset: row.loanId.offset, file: fileId,
                                             line: place.line, length: row.loanId.length, escaped: row.loanId.escaped))
            let rowContext: RowContext
            if let context {
                rowContext = context
                rowContext.loan = row
            } else {
                rowContext = RowContext(loan: row)
                context = rowContext
            }
            rowContext.fundings.removeAll(keepingCapacity: true)
            if let group = inputs.fundings.group(of: row.loanId, files: files, cursor: &fundingCursor) {
                inputs.fundings.appendEntries(of: group, to: &rowContext.fundings)
                state.matchedFundings.append(group)
            } else {
                rowContext.fundings.append(FundingEntry(institution: row.lender, share: CellParser.ratioUnitsPerOne, row: -1))
            }
            rowContext.borrowerGroup = inputs.groups.group(of: row.borrower, files: files) ?? row.borrower
            var loanIdText: String?
            if inputs.waivedLoanHashes.contains(row.loanId.hash) {
                let text = row.loanId.string(in: files)
                loanIdText = text
                state.waivedLoansSeen.insert(text)
            }
            for program in rules.loanRules {
                evaluate(program, rowContext, inputs: inputs, loanIdText: loanIdText, state: &state)
            }
            if !rules.groupRules.isEmpty { addPositions(rules, rowContext, inputs: inputs, state: &state) }
        }
    }

    private static func evaluate(
        _ program: LoanRuleProgram, _ context: RowContext, inputs: LoanScanInputs, loanIdText: String?,
        state: inout LoanWorkerState
    ) {
        let day = program.day(context.loan)
        guard day >= program.earliest, day < program.until else { return }
        if let gate = program.lenderGate, !gate[Int(context.loan.lender)] { return }  // applies_to is no
        let applies = program.appliesTo?(context) ?? .yes
        if applies == .no { return }
        state.outcomes[program.index].checked += 1
        let result = applies == .unknown ? Tri.unknown : program.require(context)
        if result == .yes { return }
        let cannotEvaluate = result == .unknown
        let escalated = !cannotEvaluate && program.escalate?(context) == .no
        let severity = program.severityForDay(day, escalated)
        if cannotEvaluate {
            state.outcomes[program.index].cannotEvaluate[severity, default: 0] += 1
        } else {
            state.outcomes[program.index].violations[severity, default: 0] += 1
        }
        let rule = inputs.request.rules[program.index].rule.id
        let waived = loanIdText.map { inputs.request.waivedKeys[rule]?.contains($0) ?? false } ?? false
        state.pending[program.index].add(
            PendingLoan(row: context.loan, fundings: context.fundings, borrowerGroup: context.borrowerGroup,
                        severity: severity, cannotEvaluate: cannotEvaluate, waived: waived,
                        idBytes: context.loan.loanId.bytes(in: inputs.tapes.files)),
            cap: inputs.cap, files: inputs.tapes.files, unlisted: &state.outcomes[program.index].unlisted)
        if inputs.writeFailures {
            state.failedLoans[program.index].append(FailedLoan(loanId: context.loan.loanId, place: context.loan.place,
                                                               lender: context.loan.lender, severity: severity,
                                                               cannotEvaluate: cannotEvaluate))
        }
    }

    private static func addPositions(_ rules: CompiledRules, _ context: RowContext, inputs: LoanScanInputs, state: inout LoanWorkerState) {
        let files = inputs.tapes.files
        for position in context.fundings.indices {
            context.position = position
            for program in rules.groupRules {
                if let gate = program.funderGate, !gate[Int(context.fundings[position].institution)] { continue }  // where is no
                let pass = program.filter?(context) ?? .yes
                if pass == .no { continue }
                // A position `count(loans, p => …)` leaves out is no member of the group: not counted, not
                // listed among its contributors.
                let counted = program.countFilter?(context) ?? .yes
                if counted == .no { continue }
                let value = program.value?(context)
                if state.contributors[program.index] != nil {
                    // What the group finding lists: the position's value, else its funded part.
                    var contributed = context.funded(position).units
                    if case .number(let number)? = value { contributed = number.units }
                    let contribution = Contribution(amount: contributed, place: context.loan.place, loanId: context.loan.loanId,
                                                    offset: context.loan.cellOffsets[.loanId])
                    forEachKey(program, context, inputs: inputs) { key in
                        state.contributors[program.index]?.add(contribution, key: key, files: files)
                    }
                }
                var amount: Int128 = 0
                var known = pass == .yes
                switch program.function {
                case .count:
                    if counted == .unknown { known = false }
                default:
                    if case .number(let number)? = value { amount = number.units } else { known = false }
                }
                let slot = inputs.textGroups.slots[program.index]
                if slot >= 0 {
                    forEachKey(program, context, inputs: inputs) { key in
                        guard case .tape(let text)? = key.text else { return }
                        state.updates.append(TextUpdate(slot: slot, institutions: TextGroupStore.pack(key.institutions), text: text,
                                                        amount: amount, known: known))
                    }
                    continue
                }
                forEachKey(program, context, inputs: inputs) { key in
                    // Optional chaining mutates the table in place (no copy of a table per position).
                    guard let group = state.tables[program.index]?.group(key, files: files) else { return }
                    if known {
                        state.tables[program.index]?.add(group, amount: amount)
                    } else {
                        state.tables[program.index]?.markUnknown(group)
                    }
                }
            }
        }
        if !state.updates.isEmpty { inputs.textGroups.apply(&state.updates, files: files) }
    }

    /// The keys of the position in scope: one, or one per partner group for `each(…)`.
    static func forEachKey(_ program: GroupRuleProgram, _ context: RowContext, inputs: LoanScanInputs,
                           _ body: (GroupKeyValue) -> Void) {
        var key = GroupKeyValue()
        var institutionSlot = 0
        var partnerSlot = -1
        func setInstitution(_ code: Int32) {
            if institutionSlot == 0 { key.institutions.0 = code } else { key.institutions.1 = code }
            institutionSlot += 1
        }
        for part in program.keys {
            switch part.kind {
            case .funder: setInstitution(context.fundings[context.position].institution)
            case .lender: setInstitution(context.loan.lender)
            case .borrower: key.text = .tape(context.loan.borrower)
            case .borrowerGroup: key.text = .tape(context.borrowerGroup)
            case .partnerGroup:
                partnerSlot = institutionSlot
                setInstitution(-1)
            }
        }
        guard partnerSlot >= 0 else {
            body(key)
            return
        }
        // One key per distinct affiliate group among the loan's other funders.
        var seen: [Int32] = []
        let own = context.fundings[context.position].institution
        for (index, funding) in context.fundings.enumerated() where index != context.position && funding.institution != own {
            let group = inputs.affiliateGroup[Int(funding.institution)]
            if seen.contains(group) { continue }
            seen.append(group)
            var partnered = key
            if partnerSlot == 0 { partnered.institutions.0 = group } else { partnered.institutions.1 = group }
            body(partnered)
        }
    }
}
