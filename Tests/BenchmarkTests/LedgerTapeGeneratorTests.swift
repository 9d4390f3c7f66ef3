@testable import AuditBenchmark
import Foundation
import Testing

/// `AuditBenchmark generate-ledger` must write the same bytes for the same N in every process and on
/// every machine (the benchmark caches tapes and compares engines on them), and a tape whose joint
/// loans, manifest and rows agree with one another.
@Suite struct LedgerTapeGeneratorTests {
    static let rows = 2_000
    static let files = ["loans.csv", "fundings.csv", "borrower-groups.csv", "institutions.yaml", "ledger.yaml", "expected.json",
                        "anchor/institutions.csv", "anchor/affiliates.csv"]

    /// A fresh tape of `rows` loans in a temporary directory.
    static func generate(_ rows: Int = rows) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tape-\(UUID().uuidString)").path
        _ = try LedgerTapeGenerator(rows: rows).write(to: directory)
        return directory
    }

    /// FNV-1a (64 bits) over the files in order, each preceded by its name.
    static func digest(_ directory: String) throws -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for file in files {
            for byte in Array(file.utf8) + Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
        }
        return hash
    }

    static func lines(_ directory: String, _ file: String) throws -> [Substring] {
        try String(contentsOfFile: directory + "/" + file, encoding: .utf8).split(separator: "\n")
    }

    @Test func sameRowsGiveTheSameBytes() throws {
        let first = try Self.generate()
        let second = try Self.generate()
        defer { for directory in [first, second] { try? FileManager.default.removeItem(atPath: directory) } }
        for file in Self.files {
            #expect(try Data(contentsOf: URL(fileURLWithPath: first + "/" + file)) == Data(contentsOf: URL(fileURLWithPath: second + "/" + file)),
                    "\(file) differs between two runs")
        }
        // Pinned across processes and machines: a change here is a change of the generator (update the
        // value on purpose, and the figures of docs/performance.md are then for a different tape).
        let digest = try Self.digest(first)
        #expect(digest == 0x2F7D_586C_F341_FB6A, "digest 0x\(String(digest, radix: 16))")
    }

    @Test func everyJointLoanHasTwoOrThreeFundersAddingUpToExactly100Percent() throws {
        let directory = try Self.generate()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lenders: [Substring: Substring] = [:]
        for line in try Self.lines(directory, "loans.csv").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == 14, "\(line)")
            lenders[cells[0]] = cells[1]
        }
        #expect(lenders.count == Self.rows)
        var shares: [Substring: (total: Int, funders: Int, lenderFunds: Bool)] = [:]
        for line in try Self.lines(directory, "fundings.csv").dropFirst() {
            let cells = line.split(separator: ",")
            #expect(cells.count == 3 && cells[2].hasSuffix("%"), "\(line)")
            // Hundredths of a percent, exactly: "29.99%" → 2999, "70%" → 7000.
            let number = cells[2].dropLast().split(separator: ".", omittingEmptySubsequences: false)
            let fraction = number.count > 1 ? String(number[1]) : ""
            #expect(fraction.count <= 2, "\(line)")
            let hundredths = (Int(number[0]) ?? -1_000_000) * 100 + (Int(fraction + String(repeating: "0", count: max(0, 2 - fraction.count))) ?? -1_000_000)
            var entry = shares[cells[0], default: (0, 0, false)]
            entry.total += hundredths
            entry.funders += 1
            entry.lenderFunds = entry.lenderFunds || lenders[cells[0]] == cells[1]
            shares[cells[0]] = entry
        }
        #expect(!shares.isEmpty)
        let joint = Double(shares.count) / Double(Self.rows)
        #expect(joint > 0.25 && joint < 0.35, "joint loans: \(shares.count) of \(Self.rows)")
        for (loan, entry) in shares {
            #expect(entry.total == 10_000, "\(loan): shares add up to \(entry.total) hundredths of a percent")
            #expect((2...3).contains(entry.funders), "\(loan): \(entry.funders) funders")
            #expect(entry.lenderFunds, "\(loan): the lender is not among its funders")
            #expect(lenders[loan] != nil, "\(loan) is in fundings.csv but not in loans.csv")
        }
    }

    @Test func theManifestPointsAtItsRowsAndBorrowersRepeat() throws {
        let directory = try Self.generate()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loans = try Self.lines(directory, "loans.csv")
        #expect(loans.count == Self.rows + 1)
        #expect(loans[0] + "\n" == LedgerTapeGenerator.loansHeader)
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/expected.json"))) as? [String: Any])
        let cases = try #require(manifest["loans"] as? [[String: Any]])
        let groups = try #require(manifest["groups"] as? [[String: Any]])
        let totals = try #require(manifest["totals"] as? [String: [String: Int]])
        #expect(Set(totals.keys) == Set(LedgerInjections.rules))
        #expect(cases.count == 38 && groups.count == 19)
        for place in cases + groups.flatMap({ ($0["loans"] as? [[String: Any]]) ?? [] }) {
            let line = try #require(place["line"] as? Int)
            let id = try #require(place["loan_id"] as? String)
            #expect(loans[line - 1].hasPrefix(id + ","), "line \(line) is not \(id)")
        }
        // Every §8.2 rule has a case that fails and, apart from the repealed one, one on its boundary that passes.
        for rule in LedgerInjections.rules {
            let outcomes = (cases + groups).filter { $0["rule"] as? String == rule }.compactMap { $0["outcome"] as? String }
            #expect(outcomes.contains("error") || outcomes.contains("not-in-force"), "\(rule): \(outcomes)")
            #expect(outcomes.contains("pass") || outcomes.contains("not-in-force"), "\(rule): \(outcomes)")
        }
        let borrowers = Set(loans.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[3] })
        let perBorrower = Double(Self.rows) / Double(borrowers.count)
        #expect(perBorrower > 2.2 && perBorrower < 2.8, "\(perBorrower) loans per borrower")
    }
}
