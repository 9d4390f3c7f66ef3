import Synchronization

/// Reads one field by name from many records, remembering its slot in the last shape it read.
///
/// A compiled `product.credit_line` is evaluated against every product; their records mostly share one
/// `RecordShape`, so after the first search the field is read from its slot with no name compared. The
/// remembered pair (shape number, slot — or "absent") is one word, so threads that share the rule read
/// and write it atomically; it is written only when the shape changes, so they do not fight over the
/// cache line while records of one shape come in.
final class FieldLookup: Sendable {
    let name: String
    /// Shape number in the high 32 bits, the slot (or `absent`) in the low 32; 0 = nothing remembered
    /// (shape numbers start at 1).
    private let remembered = Atomic<UInt64>(0)
    private static let absent: UInt64 = 0xFFFF_FFFF

    init(_ name: String) { self.name = name }

    /// The field's value, or nil when the record does not have it.
    func value(in record: Record) -> Value? {
        let shape = record.shapeNumber
        let known = remembered.load(ordering: .relaxed)
        if shape != 0, known >> 32 == UInt64(shape) {
            let slot = known & 0xFFFF_FFFF
            return slot == Self.absent ? nil : record.value(atSlot: Int(slot))
        }
        let found = record.slotNumber(of: name)
        // Shapes have far fewer than 2³² − 1 fields, so a slot never collides with `absent`.
        if shape != 0 { remembered.store(UInt64(shape) << 32 | (found.slot.map(UInt64.init) ?? Self.absent), ordering: .relaxed) }
        return found.slot.map(record.value(atSlot:))
    }
}
