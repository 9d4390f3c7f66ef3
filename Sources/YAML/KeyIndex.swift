/// The scalar keys seen so far in one mapping, to find duplicates.
///
/// Most mappings have a handful of keys, where a linear scan beats hashing and allocates less; a
/// dictionary takes over for large mappings so a mapping with many keys stays linear overall.
struct KeyIndex {
    private static let linearLimit = 12

    private var few: [(key: String, location: Mark)] = []
    private var many: [String: Mark]?

    /// Records `key` at `location`; returns where it was first seen if it is a duplicate.
    mutating func insert(_ key: String, at location: Mark) -> Mark? {
        if many != nil {
            if let first = many?[key] { return first }
            many?[key] = location
            return nil
        }
        for entry in few where entry.key == key { return entry.location }
        if few.count < Self.linearLimit {
            few.append((key, location))
        } else {
            var table = [String: Mark](minimumCapacity: few.count * 2)
            for entry in few { table[entry.key] = entry.location }
            table[key] = location
            many = table
            few = []
        }
        return nil
    }
}
