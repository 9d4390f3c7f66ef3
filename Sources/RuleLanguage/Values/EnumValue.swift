import Synchronization

/// A value of a named enum type, e.g. `local-bank` of `InstitutionType`.
///
/// The type's name is kept once per process (`EnumTypeName`) and referred to without a reference
/// count: an enum value is 24 bytes, which keeps every `Value` at 32, and copying one touches no count
/// that several threads share.
public struct EnumValue: Sendable, Hashable {
    // Safe without a count: every `EnumTypeName` is held by the registry for the life of the process.
    private unowned(unsafe) let type: EnumTypeName
    public let caseName: String

    /// The enum type's name in the `TypeEnvironment`.
    public var typeName: String { type.name }

    /// The case `caseName` of enum type `typeName`.
    public init(type typeName: String, case caseName: String) {
        type = EnumTypeName.named(typeName)
        self.caseName = caseName
    }

    public static func == (lhs: EnumValue, rhs: EnumValue) -> Bool {
        lhs.type === rhs.type && lhs.caseName == rhs.caseName
    }

    public func hash(into hasher: inout Hasher) {
        // One object per name, so its identity hashes as the name would (within the process, which is
        // all `Hasher` promises).
        hasher.combine(ObjectIdentifier(type))
        hasher.combine(caseName)
    }
}

/// The name of an enum type, one object per distinct name, never released.
///
/// Enum type names come from the document schema and the ledger's types: a few dozen per process.
final class EnumTypeName: Sendable {
    let name: String

    private init(_ name: String) { self.name = name }

    private static let registry = Mutex<[String: EnumTypeName]>([:])

    /// The one object for `name`.
    static func named(_ name: String) -> EnumTypeName {
        registry.withLock { names in
            if let known = names[name] { return known }
            let made = EnumTypeName(name)
            names[name] = made
            return made
        }
    }
}
