/// The schema of one document kind: the fields a document may hold and the derived fields rules can read.
public struct DocumentKindSchema: Sendable, Hashable {
    public let kind: String
    public let doc: String?
    /// Fields written in documents, then the derived ones (`isDerived`), computed by loancheck after
    /// loading (APR, affiliate groups, joined funders…).
    public let fields: [FieldSpec]

    public init(kind: String, doc: String?, fields: [FieldSpec]) {
        self.kind = kind
        self.doc = doc
        self.fields = fields
    }

    /// The fields a document may write.
    public var inputFields: [FieldSpec] { fields.filter { !$0.isDerived } }

    /// The declared field named `name`, if any.
    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// The schema of every input document kind, read from data (`Rules/schema/documents.yaml`).
public struct DocumentSchema: Sendable, Hashable {
    public let id: String
    public let version: String
    public let kinds: [DocumentKindSchema]

    public init(id: String, version: String, kinds: [DocumentKindSchema]) {
        self.id = id
        self.version = version
        self.kinds = kinds
    }

    /// The schema of `kind`, if it is a known document kind.
    public func kind(_ kind: String) -> DocumentKindSchema? { kinds.first { $0.kind == kind } }

    public var kindNames: [String] { kinds.map(\.kind) }
}
