import Synchronization

/// Reads one field by name from many records, remembering where it found the field last time.
///
/// A compiled `product.credit_line` is evaluated against every product; their records mostly have the
/// same fields, so the field sits at the same position and one string comparison replaces a binary
/// search. The remembered position is only a guess, checked on every read, so a record of another shape
/// still gets the right field. Shared by every thread evaluating the rule: the position is written only
/// when it changes, so the threads do not fight over the cache line.
final class FieldLookup: Sendable {
    let name: String
    private let lastPosition = Atomic<Int>(0)

    init(_ name: String) { self.name = name }

    /// The field's value, or nil when the record does not have it.
    func value(in record: Record) -> Value? {
        let guess = lastPosition.load(ordering: .relaxed)
        guard let found = record.value(of: name, guess: guess) else { return nil }
        if found.position != guess { lastPosition.store(found.position, ordering: .relaxed) }
        return found.value
    }
}
