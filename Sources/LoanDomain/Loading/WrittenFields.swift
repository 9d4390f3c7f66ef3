/// Which fields of a record type a document wrote, by the field's index in the schema.
///
/// One machine word for types of up to 64 fields (all of today's schema): an array of flags was an
/// allocation for every mapping decoded. Larger types fall back to the array.
struct WrittenFields {
    private var word: UInt64 = 0
    private var flags: [Bool]

    /// None of `count` fields written.
    init(count: Int) {
        flags = count > 64 ? [Bool](repeating: false, count: count) : []
    }

    subscript(index: Int) -> Bool {
        get { flags.isEmpty ? word & (1 << UInt64(index)) != 0 : flags[index] }
        set {
            if !flags.isEmpty {
                flags[index] = newValue
            } else if newValue {
                word |= 1 << UInt64(index)
            } else {
                word &= ~(1 << UInt64(index))
            }
        }
    }
}
