import Dispatch
import FoundationEssentials
import Synchronization
import YAML

/// Decodes the documents of one file on other cores while libyaml goes on parsing it.
///
/// libyaml reads a stream on one thread, so a single file of 100,000 products was parsed *and* decoded
/// on one core. Documents are gathered in batches as they are parsed; a full batch is decoded on another
/// thread when fewer than `maximumInFlight` batches are being decoded, and on the parsing thread
/// otherwise (no thread ever waits for another, and at most a few batches of documents are held at once).
/// A file of one document — the usual layout — is decoded on the calling thread with no dispatch at all.
struct DocumentPipeline<Element: Sendable, Result: Sendable> {
    /// Asked once: `activeProcessorCount` is a system call, and a pipeline is made per file.
    private static var cores: Int { DocumentPipelineCores.count }

    private final class Shared: Sendable {
        let results = Mutex<(decoded: [Int: Result], inFlight: Int)>(([:], 0))
        let group = DispatchGroup()
    }

    static var batchSize: Int { 64 }
    private static var maximumInFlight: Int { cores * 2 }
    private let decode: @Sendable ([Element]) -> Result
    private var shared: Shared?
    private var inline: [Int: Result] = [:]
    private var pending: [Element] = []
    private var batchCount = 0
    /// Batches whose results were handed out by `takeReady`.
    private var taken = 0

    init(decode: @escaping @Sendable ([Element]) -> Result) {
        self.decode = decode
    }

    /// Adds the next document of the file; true when it completed a batch (which was then submitted).
    @discardableResult
    mutating func add(_ node: Element) -> Bool {
        pending.append(node)
        guard pending.count == Self.batchSize else { return false }
        submit(mayDispatch: true)
        return true
    }

    /// The results decoded so far that come next in file order, each handed out once: a caller folds
    /// them in as the file is read rather than holding every batch's result until `finish`.
    mutating func takeReady() -> [Result] {
        var ready: [Result] = []
        while taken < batchCount {
            if let result = inline.removeValue(forKey: taken) {
                ready.append(result)
            } else if let shared, let result = shared.results.withLock({ $0.decoded.removeValue(forKey: taken) }) {
                ready.append(result)
            } else {
                break
            }
            taken += 1
        }
        return ready
    }

    /// The result of every batch not handed out by `takeReady`, in file order, once all are decoded.
    mutating func finish() -> [Result] {
        if !pending.isEmpty { submit(mayDispatch: false) }
        var all = inline
        if let shared {
            shared.group.wait()
            all.merge(shared.results.withLock { $0.decoded }) { first, _ in first }
        }
        return (taken..<batchCount).compactMap { all[$0] }
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
