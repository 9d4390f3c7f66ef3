import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan
import LedgerTape
import RuleLanguage

/// Checks every group of one LoanGroup rule once the scan is done: `applies_to` over the key, the
/// aggregate against the bound computed from the key's institution and the parameters.
struct GroupEvaluation<Table: GroupStore> {
    let request: LedgerRequest
    let entry: LedgerRequest.RuleEntry
    let plan: GroupRulePlan
    let table: Table
    let tapes: TapeSet
    let institutionIndex: IdentifierIndex
    let symbols: SymbolTable

    /// The rule's outcome, with its failing groups in key order up to `cap` (and every waived one), and
    /// the keys of the listed groups (in `items` order) for the contributor scan.
    func outcome(cap: Int) throws(DiagnosticList) -> (outcome: LedgerRuleOutcome, listed: [GroupKeyValue], failing: [GroupSnapshot]) {
        var outcome = LedgerRuleOutcome(rule: entry.rule.id)
        var compiler = FastCompiler(institutions: request.institutions, products: request.products, pack: entry.pack,
                                    rule: entry.rule, asOf: request.asOf, symbols: symbols)
        let appliesTo = try plan.appliesTo.map { condition throws(DiagnosticList) in try compiler.condition(condition, .group) }
        let bound = try compiler.value(plan.bound, .group)
        let severity = Regime.severity(entry.rule.severity, rule: entry.rule, packStatus: entry.pack.status, on: request.asOf).0
        let context = RowContext(loan: PlaceholderLoan.placeholder)
        let waived = request.waivedKeys[entry.rule.id] ?? []
        var failing: [(key: String, snapshot: GroupSnapshot, value: GroupKeyValue)] = []
        var listed: [GroupKeyValue] = []
        // `applies_to` and the bound read only the key's institutions: decided once per pair of
        // institutions, not once per group (millions of borrowers share a few lenders).
        var decided: [UInt64: (applies: Tri, bound: FixedPoint?)] = [:]
        table.forEachGroup { group, institutions, value, positions, unknown in
            let packed = TextGroupStore.pack(institutions)
            let decision: (applies: Tri, bound: FixedPoint?)
            if let known = decided[packed] {
                decision = known
            } else {
                context.keyInstitutions = keyInstitutions(institutions)
                var boundValue: FixedPoint?
                if case .number(let number)? = bound(context) { boundValue = number }
                decision = (appliesTo?(context) ?? .yes, boundValue)
                decided[packed] = decision
            }
            var reason: String?
            switch decision.applies {
            case .no: return
            case .unknown: reason = "cannot evaluate: the group's applies_to needs a value the documents lack"
            case .yes: break
            }
            outcome.checked += 1
            let actual = plan.aggregate.function == .count ? FixedPoint(Int(positions)) : FixedPoint(units: value)
            let boundValue = decision.bound
            if reason == nil, unknown {
                reason = "cannot evaluate: a position of the group could not be evaluated (a value it needs is absent, or its sum overflows)"
            }
            if reason == nil, boundValue == nil {
                reason = "cannot evaluate: the bound needs a value the documents lack"
            }
            let status: LedgerStatus
            if let reason {
                status = .cannotEvaluate(severity, reason: reason)
                outcome.cannotEvaluate[severity, default: 0] += 1
            } else if let boundValue, !Self.holds(plan.comparison, actual, boundValue) {
                status = .violation(severity)
                outcome.violations[severity, default: 0] += 1
            } else {
                return
            }
            let key = table.key(group)
            let parts = self.parts(key)
            let text = parts.map(\.value).joined(separator: "/")
            failing.append((text, GroupSnapshot(status: status, parts: parts, actual: actual, bound: boundValue,
                                                count: Int(positions), largest: []), key))
        }
        // Byte order of the key text, as `ORDER BY key COLLATE "C"` gives it.
        failing.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, item) in failing.enumerated() {
            if cap == 0 || index < cap || waived.contains(item.key) {
                outcome.items.append(.group(item.snapshot))
                listed.append(item.value)
            } else {
                outcome.unlisted[item.snapshot.severity, default: 0] += 1
            }
        }
        if !waived.isEmpty {
            for group in 0..<table.count {
                let text = parts(table.key(group)).map(\.value).joined(separator: "/")
                if waived.contains(text) { outcome.seenWaivedKeys.insert(text) }
            }
        }
        return (outcome, listed, failing.map(\.snapshot))
    }

    static func holds(_ op: BinaryOperator, _ actual: FixedPoint, _ bound: FixedPoint) -> Bool {
        switch op {
        case .less: actual < bound
        case .lessEqual: actual <= bound
        case .greater: actual > bound
        case .greaterEqual: actual >= bound
        case .equal: actual == bound
        default: actual != bound
        }
    }

    /// The institution code of each key part (-1 for a text part), in `group_by` order.
    func keyInstitutions(_ key: (Int32, Int32)) -> [Int32] {
        var institutions = [key.0, key.1]
        return plan.keys.map { part in
            switch part.kind {
            case .borrower, .borrowerGroup: return -1
            default: return institutions.removeFirst()
            }
        }
    }

    /// The key parts as text: institution ids, the borrower key or group name.
    func parts(_ key: GroupKeyValue) -> [GroupSnapshot.KeyPart] {
        let codes = keyInstitutions(key.institutions)
        return plan.keys.enumerated().map { index, part in
            switch part.kind {
            case .borrower, .borrowerGroup:
                return GroupSnapshot.KeyPart(name: part.name, value: key.text?.string(in: tapes.files) ?? "",
                                             isBorrower: true)
            default:
                let code = codes[index]
                return GroupSnapshot.KeyPart(name: part.name, value: code >= 0 ? institutionIndex.ids[Int(code)] : "",
                                             isBorrower: false)
            }
        }
    }
}

/// A loan row for a context that reads only a group's key.
enum PlaceholderLoan {
    static let placeholder = LoanRow(
        place: RowPlace(file: 0, chunk: 0, line: 0, recordStart: 0),
        loanId: TapeText(file: 0, field: CSVFields.Field(start: 0, end: 0, quoted: false, escaped: false),
                         in: UnsafeRawBufferPointer(start: nil, count: 0)),
        lender: 0, product: -1,
        borrower: TapeText(file: 0, field: CSVFields.Field(start: 0, end: 0, quoted: false, escaped: false),
                           in: UnsafeRawBufferPointer(start: nil, count: 0)),
        borrowerType: 0, purpose: 0, secured: false, contractDate: 0, disbursedOn: 0, principal: 0, balance: 0,
        creditLine: LoanRow.absent, apr: LoanRow.absent, region: 0, cellOffsets: CellOffsets())
}
