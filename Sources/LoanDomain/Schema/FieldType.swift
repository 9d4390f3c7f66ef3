/// The type of a document field, as declared in the document schema (`Rules/schema/documents.yaml`).
public indirect enum FieldType: Sendable, Hashable {
    case string
    /// A document id: lowercase letters, digits and hyphens.
    case identifier
    case boolean
    case integer
    case decimal
    case money
    case percent
    case ratio
    case rate
    case duration
    case date
    case province
    /// A list of provinces; `[all]` stands for every mainland province.
    case provinces
    /// A fee's one-off charge: a percent of principal or an amount of money.
    case moneyOrPercent
    case enumeration(name: String, values: [String])
    /// The id of a loaded document of `kind` (`nil` = a document of any kind), restricted to documents
    /// whose `type` is one of `constraint.types` when there is a constraint.
    case reference(kind: String?, constraint: ReferenceConstraint?)
    case record(name: String, fields: [FieldSpec])
    case list(FieldSpec)
    /// `{min, max}` of a scalar type; `allowsSingle` also accepts one value (min = max).
    case range(of: FieldType, allowsSingle: Bool)
    /// The whole record of a document of `kind` (derived fields included), joined in by loancheck.
    case document(kind: String)

    /// The type's name in messages and in the schema file.
    public var displayName: String {
        switch self {
        case .string: "string"
        case .identifier: "id"
        case .boolean: "boolean"
        case .integer: "integer"
        case .decimal: "decimal"
        case .money: "money"
        case .percent: "percent"
        case .ratio: "ratio"
        case .rate: "rate"
        case .duration: "duration"
        case .date: "date"
        case .province: "province"
        case .provinces: "provinces"
        case .moneyOrPercent: "money-or-percent"
        case .enumeration(let name, _): "enum \(name)"
        case .reference(let kind, let constraint):
            "reference to \(kind ?? "a document")" + (constraint.map { " (type \($0.types.joined(separator: " | ")))" } ?? "")
        case .record(let name, _): "record \(name)"
        case .list(let element): "list of \(element.type.displayName)"
        case .range(let bound, _): "range of \(bound.displayName)"
        case .document(let kind): "\(kind) record"
        }
    }

    /// Whether this is an enum type.
    public var isEnumeration: Bool {
        if case .enumeration = self { true } else { false }
    }

    /// Whether values of this type are written as a YAML scalar.
    public var isScalar: Bool {
        switch self {
        case .record, .list, .range, .provinces, .document: false
        default: true
        }
    }
}

/// One field of a document or record: its name, type, and whether it may be absent.
/// The `type` values a reference may name (`types:` in the schema), and the hint shown otherwise: a
/// product's `lender` must be an institution that lends, never a platform or a guarantor.
public struct ReferenceConstraint: Sendable, Hashable {
    public let types: [String]
    public let hint: String?

    public init(types: [String], hint: String?) {
        self.types = types
        self.hint = hint
    }
}

public struct FieldSpec: Sendable, Hashable {
    public let name: String
    public let type: FieldType
    public let isRequired: Bool
    /// Raw YAML text of the default value of an absent field (e.g. `false`, `active`, `[]`).
    public let defaultValue: DefaultValue?
    public let doc: String?
    /// Computed by loancheck after loading; a document that writes it is rejected.
    public let isDerived: Bool

    public init(
        name: String, type: FieldType, isRequired: Bool, defaultValue: DefaultValue? = nil, doc: String? = nil,
        isDerived: Bool = false
    ) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.doc = doc
        self.isDerived = isDerived
    }

    /// A copy marked as derived.
    func markedDerived() -> FieldSpec {
        FieldSpec(name: name, type: type, isRequired: isRequired, defaultValue: defaultValue, doc: doc, isDerived: true)
    }

    /// Whether a document may omit the field (optional, or filled in by a default).
    public var mayBeAbsent: Bool { !isRequired || defaultValue != nil }
}

/// The value an absent field takes.
public enum DefaultValue: Sendable, Hashable {
    /// A literal, written as YAML scalar text (`false`, `active`) or `[]` for an empty list.
    case literal(String)
    case emptyList
    /// A copy of another field of the same document, by dotted path (`credit_line.max`).
    case copyOf(path: [String])
    /// Filled in by loancheck after loading (`default: computed`), e.g. funding = the lender at 100%.
    case computed
}
