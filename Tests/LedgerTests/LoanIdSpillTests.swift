import FoundationEssentials
@testable import LedgerStream
import LedgerTape
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
}
