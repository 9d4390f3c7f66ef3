import Synchronization

/// The field names of the records of one type that have the same fields, shared by all of them.
///
/// An audit holds millions of fields in a few dozen combinations (a product's fields, its pricing's,
/// each fee's …): keeping the names once per combination lets a record hold only values and their
/// locations, and lets a compiled field read that found a field in one record go straight to its slot
/// in the next record of the same shape (`FieldLookup`, keyed by `number`).
///
/// Shapes are made through `shape(type:fields:)`, which returns the one already made for the same type
/// and names, so records of one kind share one shape across documents and threads.
final class RecordShape: Sendable {
    /// The record type's name in the `TypeEnvironment`.
    let typeName: String
    /// Field names in `Record.precedes` order.
    let names: [String]
    /// Unique among the shapes of this process (from 1), or 0 for a shape that must not be remembered
    /// by a field read (only once 2³² − 1 shapes have been numbered).
    let number: UInt32

    private init(typeName: String, names: [String], number: UInt32) {
        self.typeName = typeName
        self.names = names
        self.number = number
    }

    /// The position of `name` among `names`, or nil when records of this shape do not have it.
    func index(of name: String) -> Int? {
        // The order is by length first (`Record.precedes`): only names of the sought length are
        // compared as strings, and each of those once.
        let length = name.utf8.count
        var low = 0
        var high = names.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let candidate = names[middle]
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

    /// Whether records of this shape have exactly the fields named in `fields` (in order).
    private func matches(type: String, _ fields: borrowing [Record.Field]) -> Bool {
        guard names.count == fields.count, typeName == type else { return false }
        // The decoder's names are the schema's strings, so each comparison is usually one of identical
        // storage (a word compare), not of bytes.
        for index in names.indices where names[index] != fields[index].name { return false }
        return true
    }

    // MARK: The shapes made so far

    private struct Key: Hashable {
        let typeName: String
        let names: [String]
    }

    private struct Registry: ~Copyable {
        /// Shapes asked for lately, of any type: an audit's records come in a few dozen shapes, so a
        /// short scan (field counts and names compared, most often as identical strings) finds them
        /// without hashing every name. Replaced in turn once full.
        var recent: [RecordShape] = []
        var nextReplaced = 0
        var byKey: [Key: RecordShape] = [:]
        var lastNumber: UInt32 = 0
    }

    private static let registry = Mutex(Registry())
    /// Past this many shapes (inputs whose records have thousands of different field sets), new shapes
    /// are made for each record and not kept: memory stays bounded, field reads search by name.
    static let registryLimit = 50_000
    private static let recentLimit = 32

    /// The shape of records of `type` with `fields` (sorted by `Record.precedes`, distinct names).
    static func shape(type: String, fields: borrowing [Record.Field]) -> RecordShape {
        registry.withLock { registry in
            for shape in registry.recent where shape.matches(type: type, fields) { return shape }
            let key = Key(typeName: type, names: fields.map(\.name))
            if let shape = registry.byKey[key] {
                remember(shape, in: &registry)
                return shape
            }
            let number: UInt32 = registry.lastNumber == UInt32.max ? 0 : registry.lastNumber + 1
            if number != 0 { registry.lastNumber = number }
            let shape = RecordShape(typeName: type, names: key.names, number: number)
            if registry.byKey.count < registryLimit {
                registry.byKey[key] = shape
                remember(shape, in: &registry)
            }
            return shape
        }
    }

    private static func remember(_ shape: RecordShape, in registry: inout Registry) {
        if registry.recent.count < recentLimit {
            registry.recent.append(shape)
        } else {
            registry.recent[registry.nextReplaced] = shape
            registry.nextReplaced = (registry.nextReplaced + 1) % recentLimit
        }
    }
}
