import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map` on all cores, results in the order of the elements. For work of at least microseconds per
    /// element (decoding a document, deriving a product, hashing a file): each result is stored under a
    /// lock.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let results = Mutex<[Result?]>(Swift.Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(self[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { all in all.compactMap { $0 } }
    }
}
