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

extension Array where Element: Sendable {
    /// `concurrentMap` that hands each element to `transform` by value and drops it there, on the
    /// worker: when the array held the only references (e.g. documents replaced by their enriched
    /// versions), the old elements are freed on all cores instead of one by one on the caller's thread
    /// afterwards. `transform` also gets the element's index.
    public consuming func concurrentMapReleasingElements<Result: Sendable>(
        _ transform: @Sendable (Int, consuming Element) -> Result
    ) -> [Result] {
        let count = count
        let source = MovableElements(UnsafeMutableBufferPointer<Element>.allocate(capacity: count))
        _ = source.buffer.initialize(fromContentsOf: self)
        // The array's own references go first, so each element's last reference is in `source`.
        self = []
        let results = Mutex<[Result?]>(Swift.Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(index, source.take(index))
            results.withLock { $0[index] = value }
        }
        // Every element was moved out above: only the memory is left to free.
        source.buffer.deallocate()
        return results.withLock { all in all.compactMap { $0 } }
    }
}

/// A buffer whose elements are each moved out exactly once, by one task each (`concurrentPerform`
/// gives every index to one task), so no two threads touch the same element.
private struct MovableElements<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    func take(_ index: Int) -> Element { (buffer.baseAddress.unsafelyUnwrapped + index).move() }
}
