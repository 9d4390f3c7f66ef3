import Dispatch
import FoundationEssentials
import Synchronization
import YAML

/// Decodes the documents of one file on other cores while libyaml goes on parsing it.
///
/// libyaml reads a stream on one thread, so a single file of 100,000 products was parsed *and* decoded
/// on one core. Documents are gathered in batches as they are parsed; a full batch is decoded on another
/// thread when fewer than `maximumInFlight` batches are being decoded, and on the parsing thread
/// otherwise (no thread ever waits for another, and at most a few batches of trees are held at once).
/// A file of one document — the usual layout — is decoded on the calling thread with no dispatch at all.
struct DocumentPipeline<Result: Sendable> {
    /// Asked once: `activeProcessorCount` is a system call, and a pipeline is made per file.
    private static var cores: Int { DocumentPipelineCores.count }

    private final class Shared: Sendable {
        let results = Mutex<(decoded: [Int: Result], inFlight: Int)>(([:], 0))
        let group = DispatchGroup()
    }

    static var batchSize: Int { 64 }
    private static var maximumInFlight: Int { cores * 2 }
    private let decode: @Sendable ([Node]) -> Result
    private var shared: Shared?
    private var inline: [Int: Result] = [:]
    private var pending: [Node] = []
    private var batchCount = 0

    init(decode: @escaping @Sendable ([Node]) -> Result) {
        self.decode = decode
    }

    /// Adds the next document of the file.
    mutating func add(_ node: Node) {
        pending.append(node)
        if pending.count == Self.batchSize { submit(mayDispatch: true) }
    }

    /// The result of every batch, in file order, once all are decoded.
    mutating func finish() -> [Result] {
        if !pending.isEmpty { submit(mayDispatch: false) }
        var all = inline
        if let shared {
            shared.group.wait()
            all.merge(shared.results.withLock { $0.decoded }) { first, _ in first }
        }
        return (0..<batchCount).compactMap { all[$0] }
    }

    private mutating func submit(mayDispatch: Bool) {
        let batch = pending
        pending = []
        let index = batchCount
        batchCount += 1
        if mayDispatch {
            let shared = self.shared ?? Shared()
            self.shared = shared
            let limit = Self.maximumInFlight
            let dispatched = shared.results.withLock { state in
                guard state.inFlight < limit else { return false }
                state.inFlight += 1
                return true
            }
            if dispatched {
                let decode = self.decode
                DispatchQueue.global().async(group: shared.group) {
                    let result = decode(batch)
                    shared.results.withLock { state in
                        state.decoded[index] = result
                        state.inFlight -= 1
                    }
                }
                return
            }
        }
        inline[index] = decode(batch)
    }
}

/// The processor count, read once per process (a generic type cannot hold a stored static).
private enum DocumentPipelineCores {
    static let count = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
