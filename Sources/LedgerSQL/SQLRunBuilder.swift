import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan
import LedgerTape
import RuleLanguage

/// Turns an engine's result rows into the `LedgerRun` the stream engine would return: true totals per
/// rule, the listed failures in key order with their rows looked up locally, and the unlisted counts.
struct SQLRunBuilder {
    let request: LedgerRequest
    let compilation: SQLCompilation
    let result: SQLResult
    let local: (any LocalTape)?
    let summary: LocalTapeSummary?

    /// The stream engine's reasons for a group it cannot evaluate (the same words in the report).
    static let reasons = [
        "cannot-applies": "cannot evaluate: the group's applies_to needs a value the documents lack",
        "cannot-position": "cannot evaluate: a position of the group could not be evaluated (a value it needs is absent, or its sum overflows)",
        "cannot-bound": "cannot evaluate: the bound needs a value the documents lack",
    ]

    func run() throws(LedgerError) -> LedgerRun {
        var outcomes = request.rules.map { LedgerRuleOutcome(rule: $0.rule.id) }
        let index = Dictionary(request.rules.enumerated().map { ($1.rule.id, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ row: SQLResult.Row) throws(LedgerError) -> Int {
            guard let rule = row.rule, let position = index[rule] else { throw malformed("a row names no rule of the request") }
            return position
        }
        // Totals.
        for row in result.rows("total") {
            let rule = try position(row)
            guard let count = Int(row.a ?? ""), let status = row.status else { throw malformed("a total without a count") }
            outcomes[rule].checked += count
            guard status != "pass" else { continue }
            let severity = try self.severity(row)
            if status == "fail" {
                outcomes[rule].violations[severity, default: 0] += count
            } else {
                outcomes[rule].cannotEvaluate[severity, default: 0] += count
            }
        }
        // Listed loans: their rows are looked up by id.
        var listedLoans: [(rule: Int, id: String, status: LedgerStatus)] = []
        for row in result.rows("loan") {
            guard let id = row.key else { throw malformed("a listed loan without its id") }
            listedLoans.append((try position(row), id, try status(row)))
        }
        let contributions = result.rows("contrib")
        let failures = result.rows("failure")
        var wantedCells = Set(contributions.compactMap(\.b))
        for row in failures {
            if let rule = row.rule, let position = index[rule], case .loan = request.rules[position].plan, let id = row.key {
                wantedCells.insert(id)
            }
        }
        wantedCells.formUnion(listedLoans.map(\.id))
        var located = LocatedRows(loans: [:], cells: [:], sources: SourceTexts())
        var statuses: [String: LedgerStatus] = [:]
        for loan in listedLoans { statuses[loan.id] = loan.status }
        if let local, !(listedLoans.isEmpty && wantedCells.isEmpty) {
            located = try local.locate(request, loans: statuses, cells: wantedCells)
        } else if local == nil {
            guard let rows = SQLLoanRows.located(result.rows("loanrow"), sources: compilation.sources, statuses: statuses) else {
                throw malformed("a listed loan's row that does not read back")
            }
            located = rows
        }
        for loan in listedLoans {
            guard let snapshot = located.loans[loan.id] else {
                throw malformed("the engine lists loan '\(loan.id)', which loancheck cannot find in the tape")
            }
            // One loan may fail several rules with different statuses: the snapshot carries this rule's.
            outcomes[loan.rule].items.append(.loan(LoanSnapshot(
                status: loan.status, loanId: snapshot.loanId, location: snapshot.location, cells: snapshot.cells,
                lender: snapshot.lender, product: snapshot.product, borrowerId: snapshot.borrowerId,
                borrowerGroup: snapshot.borrowerGroup, borrowerType: snapshot.borrowerType, purpose: snapshot.purpose,
                secured: snapshot.secured, contractDate: snapshot.contractDate, disbursedOn: snapshot.disbursedOn,
                principal: snapshot.principal, balance: snapshot.balance, creditLine: snapshot.creditLine, apr: snapshot.apr,
                region: snapshot.region, fundings: snapshot.fundings, fundingDefaulted: snapshot.fundingDefaulted)))
        }
        // Listed groups, with their largest contributions.
        var largest: [String: [(rank: Int, contributor: GroupSnapshot.Contributor)]] = [:]
        for row in contributions {
            guard let key = row.key, let rank = Int(row.a ?? ""), let id = row.b, let amount = row.c.flatMap(SQLNumber.fixedPoint),
                  let location = located.cells[id] else { throw malformed("a contributing loan loancheck cannot place") }
            largest["\(try position(row))\u{1F}\(key)", default: []].append((rank, .init(loanId: id, amount: amount, location: location)))
        }
        for row in result.rows("group") {
            let rule = try position(row)
            guard case .group(let plan) = request.rules[rule].plan, let key = row.key,
                  let actual = row.a.flatMap(SQLNumber.fixedPoint), let count = Int(row.c ?? "") else {
                throw malformed("a group row without its key, sum or count")
            }
            let values = (row.d ?? "").split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard values.count == plan.keys.count else { throw malformed("a group of \(values.count) key parts") }
            let parts = zip(plan.keys, values).map { part, value in
                GroupSnapshot.KeyPart(name: part.name, value: value, isBorrower: part.kind == .borrower || part.kind == .borrowerGroup)
            }
            let contributors = (largest["\(rule)\u{1F}\(key)"] ?? []).sorted { $0.rank < $1.rank }.map(\.contributor)
            outcomes[rule].items.append(.group(GroupSnapshot(status: try status(row), parts: parts, actual: actual,
                                                             bound: row.b.flatMap(SQLNumber.fixedPoint), count: count,
                                                             largest: contributors)))
        }
        // Key order (bytes), as the stream engine lists; the rest of each rule's failures are unlisted.
        for rule in outcomes.indices {
            outcomes[rule].items.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            var listed: [FindingSeverity: Int] = [:]
            for item in outcomes[rule].items {
                switch item {
                case .loan(let loan): listed[Self.severity(of: loan.status), default: 0] += 1
                case .group(let group): listed[group.severity, default: 0] += 1
                }
            }
            for severity in FindingSeverity.allCases {
                let failing = (outcomes[rule].violations[severity] ?? 0) + (outcomes[rule].cannotEvaluate[severity] ?? 0)
                let unlisted = failing - (listed[severity] ?? 0)
                if unlisted > 0 { outcomes[rule].unlisted[severity] = unlisted }
            }
        }
        for row in result.rows("waived") {
            if let key = row.key { outcomes[try position(row)].seenWaivedKeys.insert(key) }
        }
        if let directory = request.failuresDirectory {
            try writeFailures(failures, located: located, index: index, directory: directory)
        }
        var run = LedgerRun(outcomes: outcomes)
        if let summary {
            run.loanCount = summary.loans
            run.fundingCount = summary.fundings
            run.groupRowCount = summary.groupRows
            run.inputs = summary.inputs
        } else if let counts = result.rows("rows").first {
            run.loanCount = Int(counts.a ?? "") ?? 0
            run.fundingCount = Int(counts.b ?? "") ?? 0
            run.groupRowCount = Int(counts.c ?? "") ?? 0
            // Local Parquet files are stamped like CSV ones; URIs and tables have no bytes here to hash.
            for source in compilation.sources {
                guard case .parquet(let path) = source.kind, !path.contains("://"),
                      let file = try? MappedFile(path: path) else { continue }
                run.inputs.append(AuditReport.InputStamp(path: path, sha256: SHA256.hex(file.bytes)))
            }
        }
        run.sources = located.sources
        return run
    }

    /// `--failures-out`: every failing loan (placed by the local lookup) and group, as the stream engine
    /// writes them.
    private func writeFailures(_ rows: [SQLResult.Row], located: LocatedRows, index: [String: Int],
                               directory: String) throws(LedgerError) {
        var failures: [String: FailuresFile.Failures] = [:]
        var loans: [String: [FailuresFile.Loan]] = [:]
        var groups: [String: [GroupSnapshot]] = [:]
        for row in rows {
            guard let rule = row.rule, let position = index[rule], let key = row.key else { throw malformed("a failure without its key") }
            switch request.rules[position].plan {
            case .loan:
                let source = Int(row.b ?? "").flatMap { number in compilation.sources.first { $0.fileNumber == number } }
                let fromEngine = source.map { SourceLocation(file: $0.label, line: Int(row.c ?? "") ?? 1, column: 1) }
                guard let record = local == nil ? fromEngine : located.records[key] else {
                    throw malformed("a failing loan loancheck cannot place")
                }
                loans[rule, default: []].append(FailuresFile.Loan(loanId: key, lender: row.a ?? "", status: try status(row),
                                                                  file: record.file, line: record.line))
            case .group(let plan):
                let values = (row.a ?? "").split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                guard values.count == plan.keys.count, let actual = row.b.flatMap(SQLNumber.fixedPoint), let count = Int(row.d ?? "") else {
                    throw malformed("a failing group without its parts, sum or count")
                }
                let parts = zip(plan.keys, values).map { part, value in
                    GroupSnapshot.KeyPart(name: part.name, value: value, isBorrower: part.kind == .borrower || part.kind == .borrowerGroup)
                }
                groups[rule, default: []].append(GroupSnapshot(status: try status(row), parts: parts, actual: actual,
                                                               bound: row.c.flatMap(SQLNumber.fixedPoint), count: count, largest: []))
            }
        }
        for (rule, list) in loans { failures[rule] = .loans(list) }
        for (rule, list) in groups { failures[rule] = .groups(list) }
        do {
            try FailuresFile.write(failures, request: request, directory: directory)
        } catch {
            throw LedgerError(error)
        }
    }

    private func severity(_ row: SQLResult.Row) throws(LedgerError) -> FindingSeverity {
        guard let text = row.severity, let severity = FindingSeverity(rawValue: text) else { throw malformed("a row without a severity") }
        return severity
    }

    private func status(_ row: SQLResult.Row) throws(LedgerError) -> LedgerStatus {
        let severity = try self.severity(row)
        switch row.status {
        case "fail": return .violation(severity)
        case "cannot": return .cannotEvaluate(severity, reason: "")
        case let other?:
            guard let reason = Self.reasons[other] else { throw malformed("the status '\(other)'") }
            return .cannotEvaluate(severity, reason: reason)
        case nil: throw malformed("a row without a status")
        }
    }

    static func severity(of status: LedgerStatus) -> FindingSeverity {
        switch status {
        case .violation(let severity), .cannotEvaluate(let severity, _): severity
        }
    }

    private func malformed(_ what: String) -> LedgerError {
        LedgerError([.error("internal error: the SQL engine's result has \(what)", at: nil,
                            hint: "please report it with the output of `loancheck sql`")])
    }
}
