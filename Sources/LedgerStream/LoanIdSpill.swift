#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Synchronization

/// Loan ids written out of memory: past a budget, a thread writes its partitions of `LoanIdEntry` to a
/// run file under `$TMPDIR` and starts again, and the duplicate check reads the runs back one
/// partition at a time. The check then holds one partition (1/256 of the ids) per thread, whatever the
/// number of loans.
final class LoanIdSpill: Sendable {
    /// One written run: its file and where each partition's entries are in it.
    struct Run: Sendable {
        let path: String
        /// Byte offset and entry count per partition.
        let segments: [(offset: Int, count: Int)]
    }

    /// Bytes of entries a thread keeps before writing them out.
    let budgetPerThread: Int
    private let state = Mutex<(directory: String?, runs: [Run], next: Int)>((nil, [], 0))

    init(budgetPerThread: Int) { self.budgetPerThread = max(1, budgetPerThread) }

    var runs: [Run] { state.withLock { $0.runs } }

    /// The directory the runs are written in, once one was.
    var directory: String? { state.withLock { $0.directory } }

    /// Writes `partitions` to a new run and empties them; on a write failure keeps them in memory (the
    /// check stays exact, only memory grows).
    func spill(_ partitions: inout [[LoanIdEntry]]) {
        guard let path = nextPath() else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        var segments: [(offset: Int, count: Int)] = []
        var offset = 0
        var written = true
        for partition in partitions {
            segments.append((offset, partition.count))
            let size = partition.count * MemoryLayout<LoanIdEntry>.stride
            let done = partition.withUnsafeBytes { bytes in writeAll(descriptor, bytes) }
            written = written && done
            offset += size
        }
        close(descriptor)
        guard written else {
            unlink(path)
            return
        }
        state.withLock { $0.runs.append(Run(path: path, segments: segments)) }
        for index in partitions.indices { partitions[index] = [] }
    }

    /// The entries of `partition` in every run.
    func read(_ partition: Int) throws(SpillError) -> [LoanIdEntry] {
        var entries: [LoanIdEntry] = []
        for run in runs {
            let segment = run.segments[partition]
            guard segment.count > 0 else { continue }
            let descriptor = open(run.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw SpillError(path: run.path, code: errno) }
            defer { close(descriptor) }
            let part = try [LoanIdEntry](unsafeUninitializedCapacity: segment.count) { buffer, count throws(SpillError) in
                let bytes = UnsafeMutableRawBufferPointer(buffer)
                var done = 0
                while done < bytes.count {
                    guard let base = bytes.baseAddress else { break }
                    let got = pread(descriptor, base + done, bytes.count - done, off_t(segment.offset + done))
                    guard got > 0 else { throw SpillError(path: run.path, code: got == 0 ? EIO : errno) }
                    done += got
                }
                count = segment.count
            }
            entries += part
        }
        return entries
    }

    /// Deletes the runs and their directory.
    func remove() {
        state.withLock { state in
            for run in state.runs { unlink(run.path) }
            if let directory = state.directory { rmdir(directory) }
            state = (nil, [], 0)
        }
    }

    private func nextPath() -> String? {
        state.withLock { state -> String? in
            if state.directory == nil {
                let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
                var template = Array((base + "/loancheck-ids-XXXXXX").utf8CString)
                let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
                guard made != nil else { return nil }
                state.directory = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } }
            }
            guard let directory = state.directory else { return nil }
            state.next += 1
            return directory + "/run-\(state.next)"
        }
    }

    private func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return false }
            let wrote = write(descriptor, base + done, bytes.count - done)
            guard wrote > 0 else { return false }
            done += wrote
        }
        return true
    }
}

/// A spilled run of loan ids could not be read back: the duplicate check cannot be completed.
struct SpillError: Error, Sendable {
    let path: String
    let code: Int32

    var message: String {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "cannot read back the loan ids written to '\(path)' for the duplicate check: \(reason)"
    }
}
