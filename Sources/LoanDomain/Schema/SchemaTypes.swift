import RuleLanguage

/// The rule-language types of the document schema: one record type per document kind and per nested
/// record, one enum type per enum field. Rules are type-checked against them, so a rule that names a
/// field the schema does not declare fails to compile.
public enum SchemaTypes {
    /// Declares every record and enum type of `schema` in `environment`.
    public static func declare(_ schema: DocumentSchema, in environment: inout TypeEnvironment) {
        for kind in schema.kinds {
            declareRecord(name: kind.kind, fields: kind.fields, doc: kind.doc, in: &environment)
        }
    }

    /// The rule-language type of a field of `owner` (a record type name).
    public static func valueType(of spec: FieldSpec, owner: String) -> ValueType {
        switch spec.type {
        case .string, .identifier, .reference, .moneyOrPercent: .string
        case .boolean: .boolean
        case .integer: .integer
        case .decimal: .decimal
        case .money: .money
        case .percent, .ratio: .ratio
        case .rate: .rate
        case .duration: .duration
        case .date: .date
        case .province: .province
        case .provinces: .list(.province)
        case .enumeration: .enumeration("\(owner).\(spec.name)")
        case .record, .range: .record("\(owner).\(spec.name)")
        case .list(let element): .list(valueType(of: element, owner: owner))
        case .document(let kind): .record(kind)
        }
    }

    private static func declareRecord(name: String, fields: [FieldSpec], doc: String?, in environment: inout TypeEnvironment) {
        var declarations: [FieldDeclaration] = []
        for spec in fields {
            declareNested(spec, owner: name, in: &environment)
            // Fields with defaults are always present after loading; derived fields may be absent
            // only when declared optional (e.g. an APR that cannot be computed).
            let optional = spec.isDerived ? !spec.isRequired : !spec.isRequired && spec.defaultValue == nil
            declarations.append(FieldDeclaration(name: spec.name, type: valueType(of: spec, owner: name),
                                                 optional: optional, doc: spec.doc))
        }
        environment.declare(RecordType(name: name, fields: declarations, doc: doc))
    }

    private static func declareNested(_ spec: FieldSpec, owner: String, in environment: inout TypeEnvironment) {
        switch spec.type {
        case .enumeration(_, let values):
            environment.declare(EnumType(name: "\(owner).\(spec.name)", cases: values, doc: spec.doc))
        case .record(_, let fields):
            declareRecord(name: "\(owner).\(spec.name)", fields: fields, doc: spec.doc, in: &environment)
        case .range(let bound, _):
            let boundSpec = FieldSpec(name: "bound", type: bound, isRequired: true)
            let type = valueType(of: boundSpec, owner: owner)
            environment.declare(RecordType(name: "\(owner).\(spec.name)", fields: [
                FieldDeclaration(name: "min", type: type), FieldDeclaration(name: "max", type: type),
            ], doc: spec.doc))
        case .list(let element):
            declareNested(element, owner: owner, in: &environment)
        default:
            break
        }
    }
}
