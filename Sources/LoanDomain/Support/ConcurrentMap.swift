import Dispatch

extension Array where Element: Sendable {
    /// `map` on all cores, results in the order of the elements. For work of at least microseconds per
    /// element (decoding a document, deriving a product, hashing a file).
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        Self.collect(count: count) { index in transform(self[index]) }
    }

    /// The results of `make(0..<count)` computed on all cores, each written straight into its place in
    /// the new array: no lock, and no copy of each result afterwards (a copy of a large struct is a
    /// reference count per field, paid serially).
    static func collect<Result: Sendable>(count: Int, _ make: @Sendable (Int) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let slots = ResultSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: count) { index in slots.place(make(index), at: index) }
            // `concurrentPerform` returns once every iteration has run, so every slot is written.
            initializedCount = count
        }
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
        let results = Self.collect(count: count) { index in transform(index, source.take(index)) }
        // Every element was moved out above: only the memory is left to free.
        source.buffer.deallocate()
        return results
    }
}

/// The uninitialised slots of a new array, each written exactly once by the one task `concurrentPerform`
/// gives its index to, so no two threads touch the same slot.
private struct ResultSlots<Result>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result>

    init(_ buffer: UnsafeMutableBufferPointer<Result>) { self.buffer = buffer }

    func place(_ value: consuming Result, at index: Int) {
        (buffer.baseAddress.unsafelyUnwrapped + index).initialize(to: value)
    }
}

/// A buffer whose elements are each moved out exactly once, by one task each (`concurrentPerform`
/// gives every index to one task), so no two threads touch the same element.
private struct MovableElements<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    func take(_ index: Int) -> Element { (buffer.baseAddress.unsafelyUnwrapped + index).move() }
}
