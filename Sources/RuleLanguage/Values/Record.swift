import Diagnostics
import Synchronization

/// A record read from a document: named fields and where each came from.
///
/// Records are built by the document loader from data; the evaluator attaches `locations` to the values
/// it reads so that evidence points at the YAML node. A field that is absent from `fields` is a missing
/// optional value. Copies are cheap (shared immutable storage).
///
/// Fields are stored as arrays sorted by name and found by binary search: an audit holds several records
/// per product (the product, its ranges, pricing, fees, funding entries, APR), and hash tables with their
/// spare capacity cost about twice the memory for records of a dozen fields.
public struct Record: Sendable, Hashable {
    private final class Storage: Sendable {
        let typeName: String
        let names: [String]
        let values: [Value]
        /// Parallel to `names`; nil where a field's location is unknown.
        let valueLocations: [SourceLocation?]
        let location: SourceLocation?

        init(typeName: String, names: [String], values: [Value], valueLocations: [SourceLocation?], location: SourceLocation?) {
            self.typeName = typeName
            self.names = names
            self.values = values
            self.valueLocations = valueLocations
            self.location = location
        }

        /// `index(of:)`, trying `guess` first.
        func index(of name: String, guess: Int) -> Int? {
            if guess < names.count, names[guess] == name { return guess }
            return index(of: name)
        }

        func index(of name: String) -> Int? {
            var low = 0
            var high = names.count - 1
            while low <= high {
                let middle = (low + high) / 2
                let candidate = names[middle]
                if candidate == name { return middle }
                if candidate < name { low = middle + 1 } else { high = middle - 1 }
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
        let names = RecordShapes.shared(fields.keys.sorted(), type: type)
        var values: [Value] = []
        var valueLocations: [SourceLocation?] = []
        values.reserveCapacity(names.count)
        valueLocations.reserveCapacity(names.count)
        for name in names {
            if let value = fields[name] { values.append(value) }
            valueLocations.append(locations[name])
        }
        storage = Storage(typeName: type, names: names, values: values, valueLocations: valueLocations, location: location)
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
    /// of `init(type:fields:locations:location:)`: the document loader builds one per mapping.
    public init(type: String, fields: [Field], location: SourceLocation? = nil) {
        self.init(type: type, sortedFields: Self.isSorted(fields) ? fields : fields.sorted { $0.name < $1.name },
                  location: location)
    }

    private init(type: String, sortedFields fields: [Field], location: SourceLocation?) {
        let names = RecordShapes.shared(fields.map(\.name), type: type)
        storage = Storage(typeName: type, names: names, values: fields.map(\.value),
                          valueLocations: fields.map(\.location), location: location)
    }

    private static func isSorted(_ fields: [Field]) -> Bool {
        var index = 1
        while index < fields.count {
            guard fields[index - 1].name < fields[index].name else { return false }
            index += 1
        }
        return true
    }

    /// This record with `updates` set: a field of the same name is replaced, others are added. The
    /// fields are kept sorted, so the two sorted lists are merged rather than sorted again.
    public func setting(_ updates: [Field]) -> Record {
        let updates = Self.isSorted(updates) ? updates : updates.sorted { $0.name < $1.name }
        var merged: [Field] = []
        merged.reserveCapacity(storage.names.count + updates.count)
        var position = 0
        for update in updates {
            while position < storage.names.count, storage.names[position] < update.name {
                merged.append(Field(name: storage.names[position], value: storage.values[position],
                                    location: storage.valueLocations[position]))
                position += 1
            }
            if position < storage.names.count, storage.names[position] == update.name { position += 1 }
            // A name repeated in `updates`: the first one wins.
            if merged.last?.name != update.name { merged.append(update) }
        }
        while position < storage.names.count {
            merged.append(Field(name: storage.names[position], value: storage.values[position],
                                location: storage.valueLocations[position]))
            position += 1
        }
        return Record(type: storage.typeName, sortedFields: merged, location: storage.location)
    }

    /// The record type's name.
    public var typeName: String { storage.typeName }
    /// Present fields (built on each call; prefer the subscript to read one field).
    public var fields: [String: Value] {
        Dictionary(uniqueKeysWithValues: zip(storage.names, storage.values))
    }
    /// Document location of each present field's value (built on each call; prefer `location(of:)`).
    public var locations: [String: SourceLocation] {
        var result: [String: SourceLocation] = [:]
        for (name, location) in zip(storage.names, storage.valueLocations) {
            if let location { result[name] = location }
        }
        return result
    }
    /// Document location of the record itself.
    public var location: SourceLocation? { storage.location }

    /// The value of `field`, or nil when it is absent.
    public subscript(field: String) -> Value? {
        storage.index(of: field).map { storage.values[$0] }
    }

    /// The value of `field` and its position among the record's fields, looking first at `guess` (the
    /// position the field had in the last record of this type: records of one type mostly share their
    /// fields, so a caller that reads one field from many records rarely needs the search).
    func value(of field: String, guess: Int) -> (value: Value, position: Int)? {
        storage.index(of: field, guess: guess).map { (storage.values[$0], $0) }
    }

    /// The document location of `field`'s value, if the field is present and its location known.
    public func location(of field: String) -> SourceLocation? {
        storage.index(of: field).flatMap { storage.valueLocations[$0] }
    }

    // Locations are provenance, not part of the value.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.typeName == rhs.typeName && lhs.storage.names == rhs.storage.names && lhs.storage.values == rhs.storage.values)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        hasher.combine(storage.names)
        hasher.combine(storage.values)
    }
}

/// Interned field-name arrays: records of one shape (same present fields) share one array buffer
/// instead of each holding its own copy of the names.
enum RecordShapes {
    /// Shapes by record type name: a type has a handful of shapes (which optional fields are present).
    private static let table = Mutex<(shapes: [String: [[String]]], count: Int)>(([:], 0))
    /// Shapes beyond this many are not interned (a bound, so hostile inputs cannot grow the table).
    private static let limit = 4096

    static func shared(_ names: [String], type: String) -> [String] {
        table.withLock { table in
            if let existing = table.shapes[type]?.first(where: { $0 == names }) { return existing }
            if table.count < limit {
                table.shapes[type, default: []].append(names)
                table.count += 1
            }
            return names
        }
    }
}
