import Diagnostics
import RuleLanguage

/// Turns the document schema into a JSON Schema (draft-07), so editors running the YAML language
/// server validate product and institution files as they are typed.
///
/// The value formats come from the unit grammar the loader parses with (`UnitPatterns`), so the
/// schema accepts every spelling loancheck accepts and rejects what it rejects; `make check-schema`
/// runs a JSON Schema validator and the loader on the same corpus and requires them to agree. The
/// document kinds are dispatched on `kind` with `if`/`then` (not a bare `oneOf`), so an error names
/// the field of the kind written, not every kind. What spans several values — references, sums, min ≤
/// max — stays loancheck's (see `docs/documents.md`).
public struct JSONSchemaWriter: Sendable {
    public init() {}

    public func jsonSchema(for schema: DocumentSchema) -> JSONValue {
        var definitions = JSONSchemaUnits.definitions
        for kind in schema.kinds {
            definitions.append((kind.kind, document(kind)))
        }
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string("https://loancheck.invalid/schema/\(schema.id)-v\(schema.version).json")),
            ("title", .string("loancheck documents")),
            ("description", .string("Institution, LoanProduct and Waiver documents checked by loancheck.")),
            ("type", .string("object")),
            ("required", .array([.string("kind")])),
            ("properties", .object([("kind", .object([
                ("description", .string("the document kind")),
                ("enum", .array(schema.kindNames.map(JSONValue.string))),
            ]))])),
            ("allOf", .array(schema.kinds.map { kind in
                .object([
                    ("if", .object([("properties", .object([("kind", .object([("const", .string(kind.kind))]))])),
                                    ("required", .array([.string("kind")]))])),
                    ("then", reference(kind.kind)),
                ])
            })),
            ("definitions", .object(definitions)),
        ])
    }

    private func document(_ kind: DocumentKindSchema) -> JSONValue {
        let fields = kind.inputFields
        let properties = fields.map { field in
            field.name == "kind" ? ("kind", .object([("const", .string(kind.kind))])) : (field.name, property(field))
        }
        return .object([
            ("title", .string(kind.kind)),
            ("description", .string(kind.doc ?? kind.kind)),
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("required", .array(fields.filter { !$0.mayBeAbsent }.map { .string($0.name) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// A field: its type, its description, and `null` when the loader accepts an empty value (an
    /// optional field without a default is then simply absent).
    private func property(_ field: FieldSpec) -> JSONValue {
        var schema = fieldSchema(field.type)
        if !field.isRequired && field.defaultValue == nil {
            schema = .object([("anyOf", .array([schema, .object([("type", .string("null"))])]))])
        }
        let description = [field.doc, describe(field.type)].compactMap { $0 }.joined(separator: " — ")
        guard !description.isEmpty, case .object(var members) = schema else { return schema }
        members.append(("description", .string(description)))
        return .object(members)
    }

    private func describe(_ type: FieldType) -> String? {
        if case .enumeration(_, let values) = type { return values.joined(separator: " | ") }
        return nil
    }

    private func reference(_ name: String) -> JSONValue {
        .object([("$ref", .string("#/definitions/\(name)"))])
    }

    private func fieldSchema(_ type: FieldType) -> JSONValue {
        switch type {
        case .string: reference("string")
        case .identifier, .reference: reference("id")
        case .boolean: reference("boolean")
        case .integer: reference("integer")
        case .decimal: reference("decimal")
        case .money: reference("money")
        case .percent: reference("percent")
        case .ratio: reference("ratio")
        case .rate: reference("rate")
        case .duration: reference("duration")
        case .date: reference("date")
        case .province: reference("province")
        case .provinces: reference("provinces")
        case .moneyOrPercent: reference("money-or-percent")
        case .enumeration(_, let values): .object([("enum", .array(values.map(JSONValue.string)))])
        case .record(_, let allFields):
            record(allFields.filter { !$0.isDerived })
        case .list(let element): .object([("type", .string("array")), ("items", fieldSchema(element.type))])
        case .range(let bound, let allowsSingle):
            allowsSingle ? .object([("anyOf", .array([range(bound), fieldSchema(bound)]))]) : range(bound)
        case .document: .object([("not", .object([]))])
        }
    }

    private func record(_ fields: [FieldSpec]) -> JSONValue {
        .object([
            ("type", .string("object")),
            ("properties", .object(fields.map { ($0.name, property($0)) })),
            ("required", .array(fields.filter { !$0.mayBeAbsent }.map { .string($0.name) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// `{min, max}`; that min ≤ max is loancheck's to check.
    private func range(_ bound: FieldType) -> JSONValue {
        let bounds = FieldSpec(name: "min", type: bound, isRequired: true)
        return record([bounds, FieldSpec(name: "max", type: bound, isRequired: true)])
    }
}
