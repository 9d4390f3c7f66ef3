import FoundationEssentials
@testable import LedgerStream
import LedgerTape
import Synchronization
import Testing

/// The loan-id duplicate check gives the same errors whether the ids stayed in memory or were written
/// to run files past the memory budget (`LoanIdSpill`), and the runs are removed afterwards.
@Suite struct LoanIdSpillTests {
    /// A one-column tape of ids, its entries by partition, and the errors of the in-memory check.
    private func entries(_ ids: [String]) -> (file: MappedFile, partitions: [[LoanIdEntry]]) {
        var text = ""
        var offsets: [Int] = []
        for id in ids {
            offsets.append(text.utf8.count)
            text += id + "\n"
        }
        let file = MappedFile(path: "loans.csv", contents: Array(text.utf8))
        var partitions = [[LoanIdEntry]](repeating: [], count: DuplicateLoans.partitions)
        for (line, (id, offset)) in zip(ids, offsets).enumerated() {
            let hash = Array(id.utf8).withUnsafeBytes { TapeHash.hash($0) }
            partitions[DuplicateLoans.partition(hash)].append(
                LoanIdEntry(hash: hash, offset: Int64(offset), file: 0, line: Int32(line), length: Int32(id.utf8.count), escaped: false))
        }
        return (file, partitions)
    }

    private func messages(_ errors: TapeErrors) -> [String] {
        (errors.kept[.duplicateLoan] ?? []).map { "\($0.recordLine):\($0.offset) \($0.message) \($0.notes.map(\.message))" }
    }

    @Test func spilledIdsGiveTheSameDuplicatesAsIdsInMemory() throws {
        let ids = (0..<5_000).map { "L\($0 % 4_000)" }  // 1,000 duplicates, each of an earlier row
        let (file, partitions) = entries(ids)
        let inMemory = try DuplicateLoans.find([partitions], spill: LoanIdSpill(budgetPerThread: 1 << 30), files: [file],
                                               chunkOf: { _, _ in 0 })
        // Two threads' worth, each written out in two runs.
        let spill = LoanIdSpill(budgetPerThread: 1)
        var first = partitions.map { Array($0.prefix($0.count / 2)) }
        var second = partitions.map { Array($0.dropFirst($0.count / 2)) }
        spill.spill(&first)
        spill.spill(&second)
        #expect(first.allSatisfy(\.isEmpty) && second.allSatisfy(\.isEmpty))
        #expect(spill.runs.count == 2)
        let spilled = try DuplicateLoans.find([first, second], spill: spill, files: [file], chunkOf: { _, _ in 0 })
        #expect(spilled.counts[.duplicateLoan] == 1_000)
        #expect(inMemory.counts[.duplicateLoan] == 1_000)
        #expect(messages(spilled) == messages(inMemory))
        let offset = ids.prefix(4_000).reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(messages(spilled).first == "4000:\(offset) duplicate loan_id 'L0' [\"first used in loans.csv (byte 0)\"]")
        let paths = spill.runs.map(\.path)
        spill.remove()
        #expect(paths.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }

    /// What the engine's spill held just before it removed its files.
    private final class SeenSpill: Sendable {
        let seen = Mutex<(directory: String?, runs: [String])>((nil, []))
    }

    @Test func theEngineFindsADuplicateAcrossRunFilesWithBothPlacesAndRemovesTheFiles() throws {
        // Four files (a chunk each at least); the last row of the last one repeats the first row's id.
        let files = (0..<4).map { file in
            StreamEngineFixture.header + (1...10).map { row in
                let id = file == 3 && row == 10 ? 1 : file * 10 + row
                return "L\(id),oml-a,B\(row),individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"
            }.joined()
        }
        let fixture = try StreamEngineFixture(rule: "subject: LoanGroup\ngroup_by: {lender: loan.lender}\nrequire: count(loans) >= 1",
                                              loans: files)
        defer { fixture.remove() }
        let spill = SeenSpill()
        // Two threads with one byte of ids each: a chunk's ids are written out once it is scanned.
        var engine = StreamEngine(parts: 2, loanIdBudget: 2)
        engine.spillObserver = { held in spill.seen.withLock { $0 = (held.directory, held.runs.map(\.path)) } }
        var diagnostics: [String] = []
        do {
            _ = try engine.run(fixture.request)
        } catch {
            diagnostics = error.diagnostics.map { diagnostic in
                let place = diagnostic.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "-"
                return "\(place) \(diagnostic.message) \(diagnostic.notes.map(\.message))"
            }
        }
        let header = StreamEngineFixture.header.utf8.count
        #expect(diagnostics == ["\(fixture.loansPath(4)):11:1 duplicate loan_id 'L1' [\"first used in \(fixture.loansPath(1)) (byte \(header))\"]"])
        let (directory, runs) = spill.seen.withLock { $0 }
        #expect(runs.count == 4)  // each file's ids written to a run of their own once the file is scanned
        let written = try #require(directory)
        #expect(runs.allSatisfy { $0.hasPrefix(written + "/") })
        #expect((runs + [written]).allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }
}
