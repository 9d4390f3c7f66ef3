import FoundationEssentials
import RuleLanguage

/// `AuditBenchmark generate-ledger N DIR`: a deterministic loan tape of N loans (DESIGN §8.1) with its
/// institutions, a `LedgerSchema`, fundings for ≈30% joint loans, borrower groups, the injected cases of
/// `LedgerInjections` spread evenly through the file, `expected.json` (what the audit must report) and
/// `anchor/` (the institutions as CSV for the DuckDB anchor, `scripts/ledger-anchor.sql`).
struct LedgerTapeGenerator {
    let rows: Int

    /// The as-of date the manifest's expectations are for.
    static let auditAsOf = "2026-11-22"
    static let loansHeader = "loan_id,lender,product,borrower_id,borrower_type,purpose,secured,contract_date,disbursed_on,principal,balance,credit_line,apr,region\n"

    struct Summary {
        let loans: Int
        let jointLoans: Int
        let bytes: Int
    }

    /// What the pass over the rows learned: bank sums (to size the background banks' financials) and
    /// the background's counted violations.
    private struct Tally {
        var groupSums: [Int]
        var jointTotal: [Int]
        var jointLoans = 0
        var aprAbove24: [Int] = []
        var bankCreditLine: [Int] = []
    }

    func write(to directory: String) throws -> Summary {
        var roster = LedgerRoster()
        let injections = LedgerInjections(roster: roster)
        let injected = injections.loans.count
        guard rows >= 4 * injected else { throw GeneratorError("generate-ledger needs N ≥ \(4 * injected) (the injected cases are \(injected) loans)") }
        try FileManager.default.createDirectory(atPath: directory + "/anchor", withIntermediateDirectories: true)

        // Injected loan k goes to row (2k + 1) × N / 2K: evenly spread, so they fall in every chunk a
        // parallel reader splits the file into.
        let positions = (0..<injected).map { (2 * $0 + 1) * rows / (2 * injected) }
        let background = BackgroundRows(roster: roster, rows: rows)
        let groups = roster.affiliateGroups()
        let count = roster.institutions.count
        var tally = Tally(groupSums: Array(repeating: 0, count: count * count), jointTotal: Array(repeating: 0, count: count))
        let isBank = roster.institutions.map(\.kind.isBank)

        let loans = try ByteWriter(path: directory + "/loans.csv")
        let fundings = try ByteWriter(path: directory + "/fundings.csv")
        let cells = TapeCells(roster: roster)
        try loans.text(Self.loansHeader)
        try fundings.text("loan_id,institution,share\n")
        var next = 0
        for index in 0..<rows {
            let row: TapeRow
            if next < injected, positions[next] == index {
                row = injections.loans[next].row
                next += 1
            } else {
                let (generated, violation) = background.row(index)
                row = generated
                switch violation {
                case .aprAbove24: tally.aprAbove24.append(index)
                case .bankCreditLine: tally.bankCreditLine.append(index)
                case .none: break
                }
            }
            try cells.write(row, index: index, loans: loans, fundings: fundings)
            guard !row.funders.isEmpty else { continue }
            tally.jointLoans += 1
            for (bank, share) in row.funders where isBank[bank] {
                let part = row.balance * share / 10_000
                tally.jointTotal[bank] += part
                var seen: [Int] = []
                for (partner, _) in row.funders where partner != bank && !seen.contains(groups[partner]) {
                    seen.append(groups[partner])
                    tally.groupSums[bank * count + groups[partner]] += part
                }
            }
        }
        try loans.finish()
        try fundings.finish()

        let borrowerGroups = try ByteWriter(path: directory + "/borrower-groups.csv")
        try borrowerGroups.text("borrower_id,group\n")
        // About 1% of borrowers, in groups of three.
        for borrower in stride(from: 0, to: background.borrowers, by: 97) {
            try borrowerGroups.text(LedgerInjections.borrowerKey(borrower) + ",grp-\(borrower / 97 / 3)\n")
        }
        for (borrower, group) in injections.borrowerGroups {
            try borrowerGroups.text(LedgerInjections.borrowerKey(borrower) + ",\(group)\n")
        }
        try borrowerGroups.finish()

        let largest = (0..<count).map { bank in tally.groupSums[(bank * count)..<(bank * count + count)].max() ?? 0 }
        roster.sizeBackgroundBanks(largestGroupSum: largest, jointTotal: tally.jointTotal)
        try Self.save(roster.yaml(), to: directory + "/institutions.yaml")
        try Self.save(Self.schema, to: directory + "/ledger.yaml")
        let anchor = roster.anchorCSV()
        try Self.save(anchor.institutions, to: directory + "/anchor/institutions.csv")
        try Self.save(anchor.affiliates, to: directory + "/anchor/affiliates.csv")
        let manifest = LedgerManifest(rows: rows, injections: injections, positions: positions,
                                      background: [(LedgerInjections.apr24, tally.aprAbove24), (LedgerInjections.bankCreditLine, tally.bankCreditLine)])
        try Self.save(manifest.json(), to: directory + "/expected.json")
        return Summary(loans: rows, jointLoans: tally.jointLoans, bytes: loans.written + fundings.written)
    }

    static let schema = """
        # Generated by `AuditBenchmark generate-ledger`: the synthetic loan tape (DESIGN §8.1, canonical columns).
        kind: LedgerSchema
        id: bench-tape
        as_of: 2026-10-31
        loans: {files: [loans.csv]}
        fundings: {files: [fundings.csv]}
        borrower_groups: {files: [borrower-groups.csv]}

        """

    static func save(_ text: String, to path: String) throws {
        let writer = try ByteWriter(path: path)
        try writer.text(text)
        try writer.finish()
    }

    /// The tape spelling of row `index`'s loan id: `L` and ten digits (row 0 is `L0000000001`).
    static func loanId(_ index: Int) -> String {
        let digits = String(index + 1)
        return "L" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }
}

/// The cells that repeat, prepared once as bytes: institution ids with their comma, dates, provinces.
private struct TapeCells {
    private let institutions: [[UInt8]]
    private let provinces: [[UInt8]]
    /// Ten bytes per day from `TapeDate.earliest` on (`yyyy-MM-dd`).
    private let dates: [UInt8]

    init(roster: LedgerRoster) {
        institutions = roster.institutions.map { Array(($0.id + ",").utf8) }
        provinces = LedgerRoster.provinces.map { Array($0.utf8) }
        dates = (TapeDate.earliest...TapeDate.schemaAsOf).flatMap { Array(CivilDate(dayNumber: $0).description.utf8) }
    }

    @inline(__always)
    private func date(_ day: Int, _ writer: ByteWriter) throws(GeneratorError) {
        try dates.withUnsafeBufferPointer { (all) throws(GeneratorError) in
            try writer.bytes(UnsafeBufferPointer(rebasing: all[((day - TapeDate.earliest) * 10)..<((day - TapeDate.earliest) * 10 + 10)]))
        }
    }

    @inline(__always)
    private func institution(_ index: Int, _ writer: ByteWriter) throws(GeneratorError) {
        try institutions[index].withUnsafeBufferPointer { (bytes) throws(GeneratorError) in try writer.bytes(bytes) }
    }

    private static let comma = UInt8(ascii: ",")

    func write(_ row: TapeRow, index: Int, loans: ByteWriter, fundings: ByteWriter) throws(GeneratorError) {
        try loans.byte(UInt8(ascii: "L"))
        try loans.integer(index + 1, width: 10)
        try loans.byte(Self.comma)
        try institution(row.lender, loans)
        try loans.byte(Self.comma)   // product: empty
        if row.borrower >= 0 {
            try loans.byte(UInt8(ascii: "b"))
            try loans.hex(SplitMix64.mix(UInt64(row.borrower)), digits: 16)
        } else {
            try loans.byte(UInt8(ascii: "x"))
            try loans.hex(UInt64(-row.borrower), digits: 16)
        }
        try loans.text(row.businessBorrower ? ",business," : ",individual,")
        try loans.text(row.businessPurpose ? "business," : "consumption,")
        try loans.text(row.secured ? "true," : "false,")
        try date(row.contract, loans)
        try loans.byte(Self.comma)
        try date(row.disbursed, loans)
        try loans.byte(Self.comma)
        try loans.money(fen: row.principal)
        try loans.byte(Self.comma)
        try loans.money(fen: row.balance)
        try loans.byte(Self.comma)
        if let line = row.creditLine { try loans.money(fen: line) }
        try loans.byte(Self.comma)
        if let apr = row.apr { try loans.percent(hundredths: apr) }
        try loans.byte(Self.comma)
        try provinces[row.region].withUnsafeBufferPointer { (bytes) throws(GeneratorError) in try loans.bytes(bytes) }
        try loans.byte(UInt8(ascii: "\n"))
        for (funder, share) in row.funders {
            try fundings.byte(UInt8(ascii: "L"))
            try fundings.integer(index + 1, width: 10)
            try fundings.byte(Self.comma)
            try institution(funder, fundings)
            try fundings.percent(hundredths: share)
            try fundings.byte(UInt8(ascii: "\n"))
        }
    }
}
