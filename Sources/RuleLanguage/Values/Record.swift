import Diagnostics

/// A record read from a document: named fields and where each came from.
///
/// Records are built by the document loader from data; the evaluator attaches `locations` to the values
/// it reads so that evidence points at the YAML node. A field that is absent is a missing optional value.
/// Copies are cheap (shared immutable storage).
///
/// A record is one allocation: its `RecordShape` (the field names in `precedes` order, shared by every
/// record of the type with the same fields) and, in the same block, a slot per field with its value and
/// the line and column of its value node; the file of those positions is kept once, in the header
/// (a record whose fields come from several files keeps their full locations beside the slots). Names
/// are found in the shape by binary search; a compiled field read remembers the slot per shape
/// (`FieldLookup`). Hash tables with their spare capacity cost about twice the memory for records of a
/// dozen fields, a name per field another 16 bytes, and a file reference per field 8 more, counted on
/// one object by every thread.
// `@unchecked`: `ManagedBuffer` is never `Sendable`, but a record's storage is written only while it is
// made, before the record exists, and never after.
public struct Record: @unchecked Sendable, Hashable {
    struct Header {
        let shape: RecordShape
        let location: SourceLocation?
        /// The file of every slot's position.
        let file: SourceFileName?
        /// The fields' locations by slot, when they are not all in `file` (the slots' positions then
        /// are unused).
        let fieldLocations: [SourceLocation?]?
    }

    struct Slot {
        let value: Value
        let position: Position
    }

    /// A line and column in the record's file, or none.
    struct Position {
        let line: Int32
        let column: Int32

        static let none = Position(line: Int32.min, column: Int32.min)

        /// `location`'s line and column if it is in `file` (and is not the one position that stands for none).
        static func packing(_ location: SourceLocation?, in file: SourceFileName?) -> Position? {
            guard let location else { return Position.none }
            guard let file, location.fileName === file else { return nil }
            let position = Position(line: Int32(truncatingIfNeeded: location.line), column: Int32(truncatingIfNeeded: location.column))
            return position.isNone ? nil : position
        }

        var isNone: Bool { line == Int32.min && column == Int32.min }
    }

    /// The header and the slots in one block, immutable once made.
    private final class Storage: ManagedBuffer<Header, Slot> {
        deinit {
            _ = withUnsafeMutablePointers { header, slots in
                slots.deinitialize(count: header.pointee.shape.names.count)
            }
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
        self.init(type: type, sortedFields: sorted, location: location)
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
    public init(type: String, fields: consuming [Field], location: SourceLocation? = nil) {
        // Sorted in place: a copy into a local `var` made the buffer shared, and sorting then copied it.
        if !Self.isSorted(fields) { fields.sort { Record.precedes($0.name, $1.name) } }
        self.init(type: type, sortedFields: fields, location: location)
    }

    private init(type: String, sortedFields fields: borrowing [Field], location: SourceLocation?) {
        let shape = RecordShape.shape(type: type, fields: fields)
        let count = fields.count
        // Positions are packed when every field's location is in one file, the record's own as a rule.
        let file = location?.fileName ?? fields.lazy.compactMap(\.location).first?.fileName
        let packed = fields.allSatisfy { Position.packing($0.location, in: file) != nil }
        let fieldLocations = packed ? nil : fields.map(\.location)
        let buffer = Storage.create(minimumCapacity: count) { _ in
            Header(shape: shape, location: location, file: file, fieldLocations: fieldLocations)
        }
        // `create` on the subclass makes an instance of it (documented for `ManagedBuffer`).
        storage = unsafeDowncast(buffer, to: Storage.self)
        storage.withUnsafeMutablePointerToElements { slots in
            for index in 0..<count {
                let position = packed ? Position.packing(fields[index].location, in: file) ?? .none : .none
                (slots + index).initialize(to: Slot(value: fields[index].value, position: position))
            }
        }
    }

    // Through the pointer, not `header`: the property is a class's stored `var`, so every read of it
    // would go through the runtime's exclusivity check.
    private var shape: RecordShape { storage.withUnsafeMutablePointerToHeader { $0.pointee.shape } }

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

    /// The slot at `index` (< the shape's field count).
    private func slot(_ index: Int) -> Slot {
        storage.withUnsafeMutablePointerToElements { $0[index] }
    }

    /// The location of the field in slot `index`.
    private func fieldLocation(_ index: Int) -> SourceLocation? {
        storage.withUnsafeMutablePointers { header, slots in
            if let locations = header.pointee.fieldLocations { return locations[index] }
            let position = slots[index].position
            guard !position.isNone, let file = header.pointee.file else { return nil }
            return SourceLocation(fileName: file, line: Int(position.line), column: Int(position.column))
        }
    }

    /// This record with `updates` set: a field of the same name is replaced, others are added. The
    /// fields are kept sorted, so the two sorted lists are merged rather than sorted again.
    public func setting(_ updates: [Field]) -> Record {
        let updates = Self.isSorted(updates) ? updates : updates.sorted { Record.precedes($0.name, $1.name) }
        let names = shape.names
        var merged: [Field] = []
        merged.reserveCapacity(names.count + updates.count)
        var position = 0
        func appendCurrent() {
            let current = slot(position)
            merged.append(Field(name: names[position], value: current.value, location: fieldLocation(position)))
            position += 1
        }
        for update in updates {
            while position < names.count, Record.precedes(names[position], update.name) { appendCurrent() }
            if position < names.count, names[position] == update.name { position += 1 }
            // A name repeated in `updates`: the first one wins.
            if merged.last?.name != update.name { merged.append(update) }
        }
        while position < names.count { appendCurrent() }
        return Record(type: shape.typeName, sortedFields: merged, location: location)
    }

    /// The record type's name.
    public var typeName: String { shape.typeName }
    /// Present fields (built on each call; prefer the subscript to read one field).
    public var fields: [String: Value] {
        Dictionary(uniqueKeysWithValues: shape.names.indices.map { (shape.names[$0], slot($0).value) })
    }
    /// Document location of each present field's value (built on each call; prefer `location(of:)`).
    public var locations: [String: SourceLocation] {
        var result: [String: SourceLocation] = [:]
        for index in shape.names.indices {
            if let location = fieldLocation(index) { result[shape.names[index]] = location }
        }
        return result
    }
    /// Document location of the record itself.
    public var location: SourceLocation? { storage.withUnsafeMutablePointerToHeader { $0.pointee.location } }

    /// The value of `field`, or nil when it is absent.
    public subscript(field: String) -> Value? {
        shape.index(of: field).map { slot($0).value }
    }

    /// The number of this record's shape (see `RecordShape.number`) and the slot of `field` in it, or
    /// nil as the slot when records of this shape do not have the field.
    func slotNumber(of field: String) -> (shape: UInt32, slot: Int?) {
        (shape.number, shape.index(of: field))
    }

    /// The number of this record's shape.
    var shapeNumber: UInt32 { shape.number }

    /// The value in slot `index`, found by `slotNumber(of:)` in this record or one of the same shape.
    func value(atSlot index: Int) -> Value { slot(index).value }

    /// The document location of `field`'s value, if the field is present and its location known.
    public func location(of field: String) -> SourceLocation? {
        shape.index(of: field).flatMap(fieldLocation)
    }

    // Locations are provenance, not part of the value.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let (left, right) = (lhs.shape, rhs.shape)
        guard left === right || (left.typeName == right.typeName && left.names == right.names) else { return false }
        return left.names.indices.allSatisfy { lhs.slot($0).value == rhs.slot($0).value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        hasher.combine(shape.names.count)
        for index in shape.names.indices {
            hasher.combine(shape.names[index])
            hasher.combine(slot(index).value)
        }
    }
}
