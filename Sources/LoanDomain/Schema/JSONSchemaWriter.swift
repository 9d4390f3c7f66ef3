import Diagnostics

/// Turns the document schema into a JSON Schema (draft-07), so editors running the YAML language
/// server validate product and institution files as they are typed.
///
/// The JSON Schema is a helper for editors: it checks structure, enum values and the shape of unit
/// strings, while loancheck itself stays the authority (exact units, references, sums).
public struct JSONSchemaWriter: Sendable {
    public init() {}

    public func jsonSchema(for schema: DocumentSchema) -> JSONValue {
        let variants: [JSONValue] = schema.kinds.map { kind in
            var properties = object(kind.inputFields)
            properties = properties.map { name, value in
                name == "kind" ? ("kind", .object([("const", .string(kind.kind))])) : (name, value)
            }
            return .object([
                ("title", .string(kind.kind)),
                ("description", .string(kind.doc ?? kind.kind)),
                ("type", .string("object")),
                ("properties", .object(properties)),
                ("required", .array(kind.inputFields.filter { !$0.mayBeAbsent }.map { .string($0.name) })),
                ("additionalProperties", .bool(false)),
            ])
        }
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string("https://loancheck.invalid/schema/\(schema.id)-v\(schema.version).json")),
            ("title", .string("loancheck documents")),
            ("description", .string("Institution, LoanProduct and Waiver documents checked by loancheck.")),
            ("oneOf", .array(variants)),
        ])
    }

    private func object(_ fields: [FieldSpec]) -> [(String, JSONValue)] {
        fields.map { field in
            var schema = fieldSchema(field.type)
            if let doc = field.doc, case .object(var members) = schema {
                members.append(("description", .string(doc)))
                schema = .object(members)
            }
            return (field.name, schema)
        }
    }

    private func pattern(_ regex: String, _ description: String) -> JSONValue {
        .object([("type", .string("string")), ("pattern", .string(regex)), ("description", .string(description))])
    }

    private static let number = #"[0-9]+(\.[0-9]+)?"#
    private static let grouped = #"[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?"#

    private func fieldSchema(_ type: FieldType) -> JSONValue {
        let n = Self.number
        switch type {
        case .string: return .object([("type", .string("string"))])
        case .identifier, .reference: return pattern("^[a-z0-9][a-z0-9-]*$", "a document id")
        case .boolean: return .object([("type", .string("boolean"))])
        case .integer: return .object([("type", .string("integer"))])
        case .decimal: return .object([("type", .array([.string("number"), .string("string")]))])
        case .money:
            return .object([
                ("type", .array([.string("number"), .string("string")])),
                ("pattern", .string("^(¥|CNY ?)?(\(Self.grouped)|\(n))(万亿|万|亿)?元?$")),
                ("description", .string("yuan: 200000, \"200,000\", 20万, 1.5亿, ¥200,000, CNY 200000")),
            ])
        case .percent: return pattern("^-?\(n)%$", "a percent such as 30%")
        case .ratio: return pattern("^(\(n)%|[0-9]+/[0-9]+)$", "a percent (30%) or a fraction (1/3)")
        case .rate:
            return pattern("^((日息|月息|年化)\(n)%|\(n)% ?(per |/)(day|month|year))$",
                           "0.05% per day, 18% per year, 1.5% per month, 日息0.05%, 年化18%, 月息1.5%")
        case .duration:
            return pattern("^[0-9]+ ?(days?|months?|years?|天|个月|月|年)$", "12 months, 1 year, 90 days, 12个月, 1年")
        case .date: return pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date YYYY-MM-DD")
        case .province: return pattern("^.+$", "CN-GD, GD, 广东 or 广东省")
        case .provinces:
            return .object([("type", .string("array")), ("items", pattern("^.+$", "a province or all")), ("minItems", .int(1))])
        case .moneyOrPercent:
            return .object([("type", .array([.string("number"), .string("string")])),
                            ("description", .string("a percent of principal (2%) or an amount of money (50)"))])
        case .enumeration(_, let values): return .object([("enum", .array(values.map { .string($0) }))])
        case .record(_, let allFields):
            let fields = allFields.filter { !$0.isDerived }
            return .object([
                ("type", .string("object")),
                ("properties", .object(object(fields))),
                ("required", .array(fields.filter { !$0.mayBeAbsent }.map { .string($0.name) })),
                ("additionalProperties", .bool(false)),
            ])
        case .list(let element): return .object([("type", .string("array")), ("items", fieldSchema(element.type))])
        case .range(let bound, let allowsSingle):
            let pair: JSONValue = .object([
                ("type", .string("object")),
                ("properties", .object([("min", fieldSchema(bound)), ("max", fieldSchema(bound))])),
                ("required", .array([.string("min"), .string("max")])),
                ("additionalProperties", .bool(false)),
            ])
            return allowsSingle ? .object([("oneOf", .array([pair, fieldSchema(bound)]))]) : pair
        case .document: return .object([])
        }
    }
}
