/// A record type declared at run time, e.g. `LoanProduct` with its fields, built by the document loader.
public struct RecordType: Sendable, Hashable {
    /// The type's name, used in `ValueType.record(name)` and in messages.
    public let name: String
    public let fields: [FieldDeclaration]
    /// What the record is, shown in `explain` output.
    public let doc: String?
    private let index: [String: Int]

    /// A record type; when two fields share a name, the first wins.
    public init(name: String, fields: [FieldDeclaration], doc: String? = nil) {
        self.name = name
        self.fields = fields
        self.doc = doc
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = position }
        self.index = index
    }

    /// The declaration of `name`, if the record has such a field.
    public func field(_ name: String) -> FieldDeclaration? { index[name].map { fields[$0] } }
}

/// One field of a `RecordType`.
public struct FieldDeclaration: Sendable, Hashable {
    /// The field's key in the document and in `Record.fields`.
    public let name: String
    public let type: ValueType
    /// An optional field may be absent from a record; reading an absent field makes the evaluation
    /// unknown, and `has(path)` tests for it.
    public let optional: Bool
    public let doc: String?

    /// A field; `optional` fields may be absent (see `has`).
    public init(name: String, type: ValueType, optional: Bool = false, doc: String? = nil) {
        self.name = name
        self.type = type
        self.optional = optional
        self.doc = doc
    }
}

/// An enum type with fixed cases, e.g. `InstitutionType` with `national-bank`, `local-bank`, ….
public struct EnumType: Sendable, Hashable {
    /// The type's name, used in `ValueType.enumeration(name)` and in messages.
    public let name: String
    public let cases: [String]
    public let doc: String?

    /// An enum type with its cases as written in documents (`local-bank`).
    public init(name: String, cases: [String], doc: String? = nil) {
        self.name = name
        self.cases = cases
        self.doc = doc
    }
}
