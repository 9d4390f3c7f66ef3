/// Finds duplicate scalar keys in one mapping.
///
/// Most mappings have a handful of keys: they are found by scanning the entries already in the mapping
/// (no extra storage at all, which matters at one mapping per record of every document). A dictionary
/// takes over for large mappings so a mapping with many keys stays linear overall.
struct KeyIndex {
    private static let linearLimit = 12

    private var many: [String: Mark]?
    /// Where keys written as aliases were written, by entry index: the entry's key node is a copy of the
    /// anchored node and carries the anchor's position, not the alias's. Nil until a key is an alias.
    private var aliasStarts: [Int: Mark]?

    /// Records the key of entry number `entries.count` (`entries` holds the mapping's complete entries so
    /// far), written at `location`; returns where it was first seen if it is a duplicate.
    mutating func insert(_ key: String, at location: Mark, isAlias: Bool, entries: [MappingEntry]) -> Mark? {
        if many == nil, entries.count >= Self.linearLimit {
            var table = [String: Mark](minimumCapacity: entries.count * 2)
            for index in entries.indices.reversed() {
                if let text = entries[index].key.scalar?.text { table[text] = start(ofKey: index, in: entries) }
            }
            many = table
        }
        if many != nil {
            if let first = many?[key] { return first }
            many?[key] = location
        } else {
            for index in entries.indices where entries[index].key.scalar?.text == key {
                return start(ofKey: index, in: entries)
            }
        }
        if isAlias {
            if aliasStarts == nil { aliasStarts = [:] }
            aliasStarts?[entries.count] = location
        }
        return nil
    }

    private func start(ofKey index: Int, in entries: [MappingEntry]) -> Mark {
        aliasStarts?[index] ?? entries[index].key.start
    }
}
