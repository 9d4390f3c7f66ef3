import Diagnostics

/// A record read from a document: named fields and where each came from.
///
/// Records are built by the document loader from data; the evaluator attaches `locations` to the values
/// it reads so that evidence points at the YAML node. A field that is absent from `fields` is a missing
/// optional value. Copies are cheap (shared immutable storage).
///
/// Fields are stored as one array ordered by name (`precedes`) and found by binary search: an audit holds several
/// records per product (the product, its ranges, pricing, fees, funding entries, APR), and hash tables
/// with their spare capacity cost about twice the memory for records of a dozen fields. The array the
/// loader builds becomes the storage as it is: splitting it into shared names and parallel arrays of
/// values and locations saved memory but cost more time than any other part of building a record.
public struct Record: Sendable, Hashable {
    private final class Storage: Sendable {
        let typeName: String
        /// Sorted by name.
        let fields: [Field]
        let location: SourceLocation?

        init(typeName: String, fields: [Field], location: SourceLocation?) {
            self.typeName = typeName
            self.fields = fields
            self.location = location
        }

        /// `index(of:)`, trying `guess` first.
        func index(of name: String, guess: Int) -> Int? {
            if guess < fields.count, fields[guess].name == name { return guess }
            return index(of: name)
        }

        func index(of name: String) -> Int? {
            // The order is by length first (`precedes`): lengths are stored, so only names of the
            // sought length are compared as strings, and each of those once.
            let length = name.utf8.count
            var low = 0
            var high = fields.count - 1
            while low <= high {
                let middle = (low + high) / 2
                let candidate = fields[middle].name
                let candidateLength = candidate.utf8.count
                let before: Bool
                if candidateLength != length {
                    before = candidateLength < length
                } else if candidate == name {
                    return middle
                } else {
                    before = candidate < name
                }
                if before { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
    }

    private let storage: Storage

    /// - Parameters:
    ///   - type: the record type's name in the `TypeEnvironment`.
    ///   - fields: present fields; leave an absent optional field out.
    ///   - locations: the document location of each field's value node (locations of absent fields are
    ///     not kept).
    ///   - location: the location of the record's own node (used for list elements and missing fields).
    public init(
        type: String, fields: [String: Value], locations: [String: SourceLocation] = [:],
        location: SourceLocation? = nil
    ) {
        let sorted = fields.sorted { Record.precedes($0.key, $1.key) }.map { Field(name: $0.key, value: $0.value, location: locations[$0.key]) }
        storage = Storage(typeName: type, fields: sorted, location: location)
    }

    /// One present field of a record being built: its value and the location of its value node.
    public struct Field: Sendable {
        public let name: String
        public let value: Value
        public let location: SourceLocation?

        public init(name: String, value: Value, location: SourceLocation?) {
            self.name = name
            self.value = value
            self.location = location
        }
    }

    /// A record of `fields` in any order (names must be distinct), without the intermediate hash tables
    /// of `init(type:fields:locations:location:)`: the document loader builds one per mapping. The array
    /// becomes the record's storage, sorted in place: it is not copied or split.
    public init(type: String, fields: consuming [Field], location: SourceLocation? = nil) {
        var fields = fields
        if !Self.isSorted(fields) { fields.sort { Record.precedes($0.name, $1.name) } }
        storage = Storage(typeName: type, fields: fields, location: location)
    }

    private init(type: String, sortedFields fields: [Field], location: SourceLocation?) {
        storage = Storage(typeName: type, fields: fields, location: location)
    }

    /// The order fields are kept in: shorter names first, names of one length in string order. Any
    /// total order serves the binary search, and this one settles most comparisons on the lengths,
    /// which are stored, instead of calling the library's string comparison.
    @inline(__always)
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (lhs.utf8.count, rhs.utf8.count)
        return left != right ? left < right : lhs < rhs
    }

    private static func isSorted(_ fields: [Field]) -> Bool {
        var index = 1
        while index < fields.count {
            guard precedes(fields[index - 1].name, fields[index].name) else { return false }
            index += 1
        }
        return true
    }

    /// This record with `updates` set: a field of the same name is replaced, others are added. The
    /// fields are kept sorted, so the two sorted lists are merged rather than sorted again.
    public func setting(_ updates: [Field]) -> Record {
        let updates = Self.isSorted(updates) ? updates : updates.sorted { Record.precedes($0.name, $1.name) }
        let current = storage.fields
        var merged: [Field] = []
        merged.reserveCapacity(current.count + updates.count)
        var position = 0
        for update in updates {
            while position < current.count, Record.precedes(current[position].name, update.name) {
                merged.append(current[position])
                position += 1
            }
            if position < current.count, current[position].name == update.name { position += 1 }
            // A name repeated in `updates`: the first one wins.
            if merged.last?.name != update.name { merged.append(update) }
        }
        while position < current.count {
            merged.append(current[position])
            position += 1
        }
        return Record(type: storage.typeName, sortedFields: merged, location: storage.location)
    }

    /// The record type's name.
    public var typeName: String { storage.typeName }
    /// Present fields (built on each call; prefer the subscript to read one field).
    public var fields: [String: Value] {
        Dictionary(uniqueKeysWithValues: storage.fields.map { ($0.name, $0.value) })
    }
    /// Document location of each present field's value (built on each call; prefer `location(of:)`).
    public var locations: [String: SourceLocation] {
        var result: [String: SourceLocation] = [:]
        for field in storage.fields {
            if let location = field.location { result[field.name] = location }
        }
        return result
    }
    /// Document location of the record itself.
    public var location: SourceLocation? { storage.location }

    /// The value of `field`, or nil when it is absent.
    public subscript(field: String) -> Value? {
        storage.index(of: field).map { storage.fields[$0].value }
    }

    /// The value of `field` and its position among the record's fields, looking first at `guess` (the
    /// position the field had in the last record of this type: records of one type mostly share their
    /// fields, so a caller that reads one field from many records rarely needs the search).
    func value(of field: String, guess: Int) -> (value: Value, position: Int)? {
        storage.index(of: field, guess: guess).map { (storage.fields[$0].value, $0) }
    }

    /// The document location of `field`'s value, if the field is present and its location known.
    public func location(of field: String) -> SourceLocation? {
        storage.index(of: field).flatMap { storage.fields[$0].location }
    }

    // Locations are provenance, not part of the value.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        if lhs.storage === rhs.storage { return true }
        guard lhs.typeName == rhs.typeName, lhs.storage.fields.count == rhs.storage.fields.count else { return false }
        return zip(lhs.storage.fields, rhs.storage.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        hasher.combine(storage.fields.count)
        for field in storage.fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}
