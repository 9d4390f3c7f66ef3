import Diagnostics
import YAML

/// Reads the document schema (`kind: DocumentSchema`) from YAML, failing closed on any defect.
public struct SchemaReader: Sendable {
    public init() {}

    private static let scalarTypes: [String: FieldType] = [
        "string": .string, "id": .identifier, "boolean": .boolean, "integer": .integer, "decimal": .decimal,
        "money": .money, "percent": .percent, "ratio": .ratio, "rate": .rate, "duration": .duration,
        "date": .date, "province": .province, "provinces": .provinces, "money-or-percent": .moneyOrPercent,
    ]
    private static let compoundTypes = ["enum", "reference", "record", "list", "range", "document"]
    private static let specKeys: Set<String> = ["type", "values", "to", "fields", "derived", "of", "required",
                                                "default", "default_from", "doc", "single", "types", "hint"]

    /// The schema of a `DocumentSchema` YAML document.
    public func read(_ root: Node) throws(DiagnosticList) -> DocumentSchema {
        var diagnostics: [Diagnostic] = []
        guard let entries = root.mapping else {
            throw DiagnosticList([.error("a document schema must be a mapping", at: root.location)])
        }
        var kinds: [DocumentKindSchema] = []
        var id = ""
        var version = ""
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            switch key {
            case "kind": break
            case "id": id = entry.value.scalar?.text ?? ""
            case "version": version = entry.value.scalar?.text ?? ""
            case "documents":
                for document in entry.value.mapping ?? [] {
                    if let kind = readKind(document, &diagnostics) { kinds.append(kind) }
                }
            default:
                diagnostics.append(.error(
                    "unknown field '\(key)' in a document schema", at: entry.key.location,
                    hint: Suggestions.hint(for: key, in: ["kind", "id", "version", "documents"])))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return DocumentSchema(id: id, version: version, kinds: kinds)
    }

    private func readKind(_ entry: MappingEntry, _ diagnostics: inout [Diagnostic]) -> DocumentKindSchema? {
        let kind = entry.key.scalar?.text ?? ""
        guard let body = entry.value.mapping else {
            diagnostics.append(.error("document kind '\(kind)' must be a mapping", at: entry.value.location))
            return nil
        }
        var fields: [FieldSpec] = []
        var derived: [FieldSpec] = []
        var doc: String?
        for item in body {
            switch item.key.scalar?.text ?? "" {
            case "doc": doc = item.value.scalar?.text
            case "fields": fields = readFields(item.value, owner: kind, &diagnostics)
            case "derived": derived = readFields(item.value, owner: kind, &diagnostics)
            case let other:
                diagnostics.append(.error(
                    "unknown key '\(other)' in document kind '\(kind)'", at: item.key.location,
                    hint: Suggestions.hint(for: other, in: ["doc", "fields", "derived"])))
            }
        }
        return DocumentKindSchema(kind: kind, doc: doc, fields: fields + derived.map { $0.markedDerived() })
    }

    private func readFields(_ node: Node, owner: String, _ diagnostics: inout [Diagnostic]) -> [FieldSpec] {
        guard let entries = node.mapping else {
            diagnostics.append(.error("'fields' of \(owner) must be a mapping of field names to types", at: node.location))
            return []
        }
        return entries.compactMap { entry in
            readField(name: entry.key.scalar?.text ?? "", entry.value, &diagnostics)
        }
    }

    private func readField(name: String, _ node: Node, _ diagnostics: inout [Diagnostic]) -> FieldSpec? {
        if let scalar = node.scalar {
            var typeName = scalar.text
            let optional = typeName.hasSuffix("?")
            if optional { typeName.removeLast() }
            guard let type = Self.scalarTypes[typeName] else {
                diagnostics.append(unknownType(typeName, at: node.location))
                return nil
            }
            return FieldSpec(name: name, type: type, isRequired: !optional)
        }
        guard let entries = node.mapping else {
            diagnostics.append(.error("field '\(name)' must be a type name or a mapping", at: node.location))
            return nil
        }
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            if !Self.specKeys.contains(key) {
                diagnostics.append(.error("unknown key '\(key)' in the declaration of field '\(name)'", at: entry.key.location,
                                          hint: Suggestions.hint(for: key, in: Self.specKeys)))
            }
        }
        guard let typeNode = node.value(forKey: "type"), var typeName = typeNode.scalar?.text else {
            diagnostics.append(.error("field '\(name)' has no 'type'", at: node.location))
            return nil
        }
        var optional = false
        if typeName.hasSuffix("?") {
            optional = true
            typeName.removeLast()
        }
        let type: FieldType
        if let scalarType = Self.scalarTypes[typeName] {
            type = scalarType
        } else {
            switch typeName {
            case "enum":
                let values = node.value(forKey: "values")?.sequence?.compactMap { $0.scalar?.text } ?? []
                if values.isEmpty {
                    diagnostics.append(.error("enum field '\(name)' needs a non-empty 'values' list", at: node.location))
                }
                type = .enumeration(name: name, values: values)
            case "reference":
                let target = node.value(forKey: "to")?.scalar?.text
                var constraint: ReferenceConstraint?
                if let typesNode = node.value(forKey: "types") {
                    let types = typesNode.sequence?.compactMap { $0.scalar?.text } ?? []
                    if types.isEmpty {
                        diagnostics.append(.error("'types' of reference field '\(name)' must be a non-empty list", at: typesNode.location))
                    }
                    constraint = ReferenceConstraint(types: types, hint: node.value(forKey: "hint")?.scalar?.text)
                } else if let hintNode = node.value(forKey: "hint") {
                    diagnostics.append(.error("'hint' of field '\(name)' goes with 'types'", at: hintNode.location))
                }
                type = .reference(kind: target == "any" ? nil : target, constraint: constraint)
            case "record":
                guard let fieldsNode = node.value(forKey: "fields") else {
                    diagnostics.append(.error("record field '\(name)' needs 'fields'", at: node.location))
                    return nil
                }
                let derived = node.value(forKey: "derived").map { readFields($0, owner: name, &diagnostics) } ?? []
                type = .record(name: name, fields: readFields(fieldsNode, owner: name, &diagnostics)
                    + derived.map { $0.markedDerived() })
            case "document":
                guard let kind = node.value(forKey: "of")?.scalar?.text else {
                    diagnostics.append(.error("document field '\(name)' needs 'of' naming a document kind", at: node.location))
                    return nil
                }
                type = .document(kind: kind)
            case "list":
                guard let ofNode = node.value(forKey: "of"), let element = readField(name: name, ofNode, &diagnostics) else {
                    diagnostics.append(.error("list field '\(name)' needs 'of'", at: node.location))
                    return nil
                }
                type = .list(element)
            case "range":
                guard let bound = node.value(forKey: "of")?.scalar?.text, let boundType = Self.scalarTypes[bound] else {
                    diagnostics.append(.error("range field '\(name)' needs 'of' naming a scalar type", at: node.location))
                    return nil
                }
                type = .range(of: boundType, allowsSingle: node.value(forKey: "single")?.scalar?.text == "true")
            default:
                diagnostics.append(unknownType(typeName, at: typeNode.location))
                return nil
            }
        }
        let requiredText = node.value(forKey: "required")?.scalar?.text
        let isRequired = !optional && requiredText != "false"
        var defaultValue: DefaultValue?
        if let defaultNode = node.value(forKey: "default") {
            if let items = defaultNode.sequence, items.isEmpty {
                defaultValue = .emptyList
            } else if defaultNode.scalar?.text == "computed" {
                defaultValue = .computed
            } else if let text = defaultNode.scalar?.text {
                defaultValue = .literal(text)
            } else {
                diagnostics.append(.error("a default must be a scalar or []", at: defaultNode.location))
            }
        } else if let copy = node.value(forKey: "default_from")?.scalar?.text {
            defaultValue = .copyOf(path: copy.split(separator: ".").map(String.init))
        }
        return FieldSpec(name: name, type: type, isRequired: isRequired && defaultValue == nil,
                         defaultValue: defaultValue, doc: node.value(forKey: "doc")?.scalar?.text)
    }

    private func unknownType(_ name: String, at location: SourceLocation) -> Diagnostic {
        .error("unknown field type '\(name)'", at: location,
               hint: Suggestions.hint(for: name, in: Array(Self.scalarTypes.keys) + Self.compoundTypes)
                   ?? "types: \((Array(Self.scalarTypes.keys) + Self.compoundTypes).sorted().joined(separator: ", "))")
    }
}
