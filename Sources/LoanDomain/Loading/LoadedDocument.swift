import Diagnostics
import RuleLanguage

/// One input document after loading: its kind, id, typed record and where it was written.
///
/// A value type over one shared, immutable storage object: documents are copied into many lists (by
/// kind, by subject, per lender), and a copy is then one reference count rather than one per field.
public struct LoadedDocument: Sendable {
    private final class Storage: Sendable {
        let kind: String
        let id: String
        let file: String
        let location: SourceLocation
        let idLocation: SourceLocation
        let record: Record
        let derivationProblems: [String: String]
        /// A product's `closed_on`, read once: every rule checked on the product asks for it.
        let closedOn: CivilDate?

        init(kind: String, id: String, file: String, location: SourceLocation, idLocation: SourceLocation, record: Record,
             derivationProblems: [String: String]) {
            self.kind = kind
            self.id = id
            self.file = file
            self.location = location
            self.idLocation = idLocation
            self.record = record
            self.derivationProblems = derivationProblems
            if kind == "LoanProduct", case .date(let date)? = record["closed_on"] { closedOn = date } else { closedOn = nil }
        }

        func with(record: Record, derivationProblems: [String: String]) -> Storage {
            Storage(kind: kind, id: id, file: file, location: location, idLocation: idLocation, record: record,
                    derivationProblems: derivationProblems)
        }
    }

    private var storage: Storage

    public var kind: String { storage.kind }
    public var id: String { storage.id }
    public var file: String { storage.file }
    /// The document's root node.
    public var location: SourceLocation { storage.location }
    /// Where the `id` value is written (the waiver's `rule` for waivers without an id).
    public var idLocation: SourceLocation { storage.idLocation }
    /// The fields as written (with defaults), plus the derived fields once the set is enriched.
    public internal(set) var record: Record {
        get { storage.record }
        set { storage = storage.with(record: newValue, derivationProblems: storage.derivationProblems) }
    }
    /// The date a product was closed to new business (`closed_on`), nil for other kinds and open products.
    public var closedOn: CivilDate? { storage.closedOn }
    /// Why a derived value could not be computed (e.g. the APR), keyed by field name.
    public internal(set) var derivationProblems: [String: String] {
        get { storage.derivationProblems }
        set { storage = storage.with(record: storage.record, derivationProblems: newValue) }
    }

    public init(kind: String, id: String, file: String, location: SourceLocation, idLocation: SourceLocation, record: Record) {
        storage = Storage(kind: kind, id: id, file: file, location: location, idLocation: idLocation, record: record,
                          derivationProblems: [:])
    }

    /// This document with its derived fields set (one new storage instead of one per property set).
    func enriched(record: Record, derivationProblems: [String: String]) -> LoadedDocument {
        var copy = self
        copy.storage = storage.with(record: record, derivationProblems: derivationProblems)
        return copy
    }

    /// A field of the record, if present.
    public subscript(field: String) -> Value? { storage.record[field] }
}

/// Every document of one audit, in the order they were read (files sorted, documents in file order).
public struct DocumentSet: Sendable {
    public let schema: DocumentSchema
    public let documents: [LoadedDocument]
    private let index: [String: Int]

    public init(schema: DocumentSchema, documents: [LoadedDocument]) {
        self.init(schema: schema, documents: documents, index: ReferenceChecker.index(documents).first)
    }

    /// `index`: the position of the first institution or product with each id (`ReferenceChecker.index`).
    init(schema: DocumentSchema, documents: [LoadedDocument], index: [String: Int]) {
        self.schema = schema
        self.documents = documents
        self.index = index
    }

    /// The institution or product with this id.
    public func document(id: String) -> LoadedDocument? { index[id].map { documents[$0] } }

    public func documents(ofKind kind: String) -> [LoadedDocument] { documents.filter { $0.kind == kind } }

    public var institutions: [LoadedDocument] { documents(ofKind: "Institution") }
    public var products: [LoadedDocument] { documents(ofKind: "LoanProduct") }
    public var waivers: [LoadedDocument] { documents(ofKind: "Waiver") }
}
