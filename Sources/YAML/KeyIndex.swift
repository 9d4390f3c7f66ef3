/// A key already written in the mapping being built: its text (nil for a key that is not a scalar) and
/// where it was written (for a key written as an alias, the alias, not the anchored node).
struct KeyRecord {
    let text: String?
    let start: Mark
}

/// Finds duplicate scalar keys in one mapping.
///
/// Most mappings have a handful of keys: they are found by scanning the keys already in the mapping
/// (kept by the builder on one stack for every open mapping, so no storage per mapping). A dictionary
/// takes over for large mappings so a mapping with many keys stays linear overall.
struct KeyIndex {
    /// A product's top level has 15–25 keys: comparing short keys is cheaper than building a table.
    private static let linearLimit = 32

    private var many: [String: Mark]?

    /// Records `key`, written at `location` after the keys `earlier`; returns where it was first
    /// written if it is a duplicate.
    mutating func insert(_ key: String, at location: Mark, earlier: ArraySlice<KeyRecord>) -> Mark? {
        if many == nil, earlier.count >= Self.linearLimit {
            var table = [String: Mark](minimumCapacity: earlier.count * 2)
            for record in earlier.reversed() {
                if let text = record.text { table[text] = record.start }
            }
            many = table
        }
        if many != nil {
            if let first = many?[key] { return first }
            many?[key] = location
        } else {
            for record in earlier where record.text == key {
                return record.start
            }
        }
        return nil
    }
}
