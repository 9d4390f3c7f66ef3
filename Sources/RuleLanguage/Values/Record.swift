import Diagnostics

/// A record read from a document: named fields and where each came from.
///
/// Records are built by the document loader from data; the evaluator attaches `locations` to the values
/// it reads so that evidence points at the YAML node. A field that is absent from `fields` is a missing
/// optional value. Copies are cheap (shared immutable storage).
public struct Record: Sendable, Hashable {
    private final class Storage: Sendable {
        let typeName: String
        let fields: [String: Value]
        let locations: [String: SourceLocation]
        let location: SourceLocation?

        init(typeName: String, fields: [String: Value], locations: [String: SourceLocation], location: SourceLocation?) {
            self.typeName = typeName
            self.fields = fields
            self.locations = locations
            self.location = location
        }
    }

    private let storage: Storage

    /// - Parameters:
    ///   - type: the record type's name in the `TypeEnvironment`.
    ///   - fields: present fields; leave an absent optional field out.
    ///   - locations: the document location of each field's value node.
    ///   - location: the location of the record's own node (used for list elements and missing fields).
    public init(
        type: String, fields: [String: Value], locations: [String: SourceLocation] = [:],
        location: SourceLocation? = nil
    ) {
        storage = Storage(typeName: type, fields: fields, locations: locations, location: location)
    }

    /// The record type's name.
    public var typeName: String { storage.typeName }
    /// Present fields.
    public var fields: [String: Value] { storage.fields }
    /// Document location of each field's value.
    public var locations: [String: SourceLocation] { storage.locations }
    /// Document location of the record itself.
    public var location: SourceLocation? { storage.location }

    /// The value of `field`, or nil when it is absent.
    public subscript(field: String) -> Value? { storage.fields[field] }

    // Locations are provenance, not part of the value.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.storage === rhs.storage || (lhs.typeName == rhs.typeName && lhs.fields == rhs.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        hasher.combine(fields)
    }
}
