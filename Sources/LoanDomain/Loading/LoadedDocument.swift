import Diagnostics
import RuleLanguage

/// One input document after loading: its kind, id, typed record and where it was written.
public struct LoadedDocument: Sendable {
    public let kind: String
    public let id: String
    public let file: String
    /// The document's root node.
    public let location: SourceLocation
    /// Where the `id` value is written (the waiver's `rule` for waivers without an id).
    public let idLocation: SourceLocation
    /// The fields as written (with defaults), plus the derived fields once the set is enriched.
    public internal(set) var record: Record
    /// Why a derived value could not be computed (e.g. the APR), keyed by field name.
    public internal(set) var derivationProblems: [String: String] = [:]

    public init(kind: String, id: String, file: String, location: SourceLocation, idLocation: SourceLocation, record: Record) {
        self.kind = kind
        self.id = id
        self.file = file
        self.location = location
        self.idLocation = idLocation
        self.record = record
    }

    /// A field of the record, if present.
    public subscript(field: String) -> Value? { record[field] }
}

/// Every document of one audit, in the order they were read (files sorted, documents in file order).
public struct DocumentSet: Sendable {
    public let schema: DocumentSchema
    public let documents: [LoadedDocument]
    private let index: [String: Int]

    public init(schema: DocumentSchema, documents: [LoadedDocument]) {
        self.schema = schema
        self.documents = documents
        var index: [String: Int] = [:]
        for (position, document) in documents.enumerated() where index[document.id] == nil && document.kind != "Waiver" {
            index[document.id] = position
        }
        self.index = index
    }

    /// The institution or product with this id.
    public func document(id: String) -> LoadedDocument? { index[id].map { documents[$0] } }

    public func documents(ofKind kind: String) -> [LoadedDocument] { documents.filter { $0.kind == kind } }

    public var institutions: [LoadedDocument] { documents(ofKind: "Institution") }
    public var products: [LoadedDocument] { documents(ofKind: "LoanProduct") }
    public var waivers: [LoadedDocument] { documents(ofKind: "Waiver") }
}
