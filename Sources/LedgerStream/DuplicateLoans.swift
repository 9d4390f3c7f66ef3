import Dispatch
import LedgerTape
import Synchronization

/// Finds loan ids that appear twice in the loans table(s), after the scan: the ids are partitioned by
/// hash, each partition sorted on its own core, and equal hashes are compared byte for byte (a hash
/// collision is never taken for a duplicate). The later row in file order is the error, with a note at
/// the first.
enum DuplicateLoans {
    static let partitions = 256

    /// The partition of a loan id's hash.
    @inline(__always)
    static func partition(_ hash: UInt64) -> Int { Int(hash >> 56) }

    /// `threads[t][p]`: the ids thread `t` kept in memory in partition `p`; `spill` has the rest.
    /// `chunkOf(file, offset)`: the chunk a cell was scanned in.
    static func find(_ threads: [[[LoanIdEntry]]], spill: LoanIdSpill, files: [MappedFile],
                     chunkOf: @Sendable (Int32, Int64) -> Int32) throws(SpillError) -> TapeErrors {
        let results = UnsafeMutableBufferPointer<TapeErrors>.allocate(capacity: partitions)
        results.initialize(repeating: TapeErrors())
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let failures = Mutex<SpillError?>(nil)
        DispatchQueue.concurrentPerform(iterations: partitions) { partition in
            var entries = threads.flatMap { $0[partition] }
            do throws(SpillError) {
                entries += try spill.read(partition)
            } catch {
                failures.withLock { $0 = $0 ?? error }
            }
            let sorted = entries.sorted { ($0.hash, $0.file, $0.offset) < ($1.hash, $1.file, $1.offset) }
            var errors = TapeErrors()
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count, sorted[end].hash == sorted[start].hash { end += 1 }
                if end - start > 1 { report(Array(sorted[start..<end]), files: files, chunkOf: chunkOf, into: &errors) }
                start = end
            }
            slots[partition] = errors
        }
        if let failure = failures.withLock({ $0 }) { throw failure }
        // Partitions are by hash, not by file order: sort the kept errors into file order.
        var all: [TapeError] = []
        var total = 0
        for partition in 0..<partitions {
            all += results[partition].kept[.duplicateLoan] ?? []
            total += results[partition].counts[.duplicateLoan] ?? 0
        }
        all.sort { ($0.file, $0.offset) < ($1.file, $1.offset) }
        var errors = TapeErrors()
        for error in all { errors.append(error) }
        // Duplicates beyond the kept ones are only counted.
        errors.count(.duplicateLoan, more: total - all.count)
        return errors
    }

    /// Entries with one hash (sorted by file and offset): each whose text equals an earlier one's is a
    /// duplicate of the first with that text.
    private static func report(_ entries: [LoanIdEntry], files: [MappedFile], chunkOf: (Int32, Int64) -> Int32,
                               into errors: inout TapeErrors) {
        var firsts: [(entry: LoanIdEntry, text: [UInt8])] = []
        for entry in entries {
            let text = cellText(entry, files: files)
            if let first = firsts.first(where: { $0.text == text }) {
                errors.append(TapeError(
                    kind: .duplicateLoan, file: entry.file, chunk: chunkOf(entry.file, entry.offset), recordLine: entry.line,
                    recordStart: entry.offset, offset: entry.offset,
                    message: "duplicate loan_id '\(String(decoding: text, as: UTF8.self))'",
                    hint: "loan_id (借据号) is unique across the tape",
                    notes: [.init("first used in \(files[Int(first.entry.file)].path) (byte \(first.entry.offset))")]))
            } else {
                firsts.append((entry, text))
            }
        }
    }

    /// The loan id cell of an entry, unescaped.
    static func cellText(_ entry: LoanIdEntry, files: [MappedFile]) -> [UInt8] {
        let bytes = files[Int(entry.file)].bytes
        let field = CSVFields.Field(start: Int(entry.offset), end: Int(entry.offset) + Int(entry.length), quoted: entry.escaped,
                                    escaped: entry.escaped)
        return field.bytes(in: bytes)
    }
}
