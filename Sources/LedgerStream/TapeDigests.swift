import Compliance
import Dispatch
import LedgerTape
import Synchronization

/// The SHA-256 of every tape file, for the reproducibility stamp: computed on background threads while
/// the tables are scanned (a gigabyte takes seconds to hash, and nothing else waits for it).
final class TapeDigests: Sendable {
    private let files: [MappedFile]
    private let digests: Mutex<[Int: String]>
    private let group = DispatchGroup()

    init(_ files: [MappedFile]) {
        self.files = files
        digests = Mutex([:])
        for (index, file) in files.enumerated() {
            DispatchQueue.global(qos: .utility).async(group: group) { [self] in
                // The pages hashed are given back (the scan faults in what it still needs from the page
                // cache), so hashing does not hold the whole tape resident.
                let window = 8 << 20
                file.populate(0..<window)
                let digest = SHA256.hex(file.bytes, window: window) { range in
                    file.release(range)
                    file.populate(range.upperBound..<(range.upperBound + window))
                }
                self.digests.withLock { $0[index] = digest }
            }
        }
    }

    /// Every file's path and digest, in file order (waits for the hashing to finish).
    func stamps() -> [AuditReport.InputStamp] {
        group.wait()
        let done = digests.withLock { $0 }
        return files.indices.map { AuditReport.InputStamp(path: files[$0].path, sha256: done[$0] ?? "") }
    }
}
