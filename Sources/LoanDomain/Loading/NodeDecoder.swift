import Diagnostics
import FoundationEssentials
import RuleLanguage
import YAML

/// Decodes YAML nodes into rule-language values, driven by the document schema: `FlatNodeView`s of
/// the documents read from files (no `Node` tree is built for them), `Node`s of streams parsed beforehand.
///
/// Every defect becomes a diagnostic at the node that causes it and decoding goes on, so one run
/// reports all of a file's problems. References are only collected here; `ReferenceChecker` resolves
/// them once every file is loaded.
struct NodeDecoder {
    /// A document id written in a reference field, checked after loading.
    ///
    /// Small, because a list may hold millions: what the field expects is one object shared by the
    /// references of a field, and the path is rendered only for a message (a list's elements share their
    /// parent's text).
    struct PendingReference: Sendable {
        let id: String
        let location: SourceLocation
        let path: FieldPath
        let target: ReferenceTarget

        /// The kind the field expects (`nil` = any kind).
        var kind: String? { target.kind }
        /// The `type` values the referenced document may have (nil = any).
        var constraint: ReferenceConstraint? { target.constraint }
        var fieldPath: String { path.description }
    }

    /// What a reference field expects.
    final class ReferenceTarget: Sendable {
        let kind: String?
        let constraint: ReferenceConstraint?

        init(kind: String?, constraint: ReferenceConstraint?) {
            self.kind = kind
            self.constraint = constraint
        }
    }

    /// The target of the last reference decoded, reused while the field's expectations are the same.
    private var lastTarget: ReferenceTarget?

    /// At most this many diagnostics are kept per document: a runaway list (a million bad elements)
    /// would otherwise cost memory and output in proportion. The rest are only counted.
    static let diagnosticLimit = 1_000

    private(set) var diagnostics: [Diagnostic] = []
    /// Diagnostics past `diagnosticLimit`, counted but not kept.
    private(set) var suppressed = 0
    private(set) var references: [PendingReference] = []

    mutating func record(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.diagnosticLimit {
            diagnostics.append(diagnostic)
        } else {
            suppressed += 1
        }
    }

    /// Decodes a document's root mapping as a record of `kind`.
    mutating func decodeDocument<N: YAMLNode>(_ node: N, schema: DocumentKindSchema) -> Record? {
        decodeRecord(node, typeName: schema.kind, fields: schema.fields, path: .root)
    }

    mutating func decodeRecord<N: YAMLNode>(_ node: N, typeName: String, fields: [FieldSpec], path: FieldPath) -> Record? {
        guard let entries = node.entries else {
            report("expected a mapping for \(describe(path, typeName)), found a \(node.kindName)", node.location,
                   hints: [fullWidthHint(node), "write the fields as `name: value` lines"])
            return nil
        }
        let path = path.rendered()
        var present: [Record.Field] = []
        // The array becomes the record's storage: room for what is written and the defaults only.
        present.reserveCapacity(entries.underestimatedCount + fields.count { spec in
            if case .computed? = spec.defaultValue { false } else { spec.defaultValue != nil }
        })
        // Which specs the document writes (valid or not), so defaults are filled in without searching
        // the entries again for every field.
        var written = WrittenFields(count: fields.count)
        // Fields an unknown key was taken for ("did you mean"): a misspelt required field is one error,
        // the unknown key, not also a missing field reported before it.
        var suggested: Set<String> = []
        for entry in entries {
            guard let key = entry.key.scalar?.text else {
                report("mapping keys must be plain names", entry.key.location)
                continue
            }
            guard let specIndex = fields.firstIndex(where: { $0.name == key }) else {
                let writable = fields.filter { !$0.isDerived }.map(\.name)
                let closest = Suggestions.closest(to: key, in: writable)
                if let closest { suggested.insert(closest) }
                // `min：500` is the field `min` written with a full-width colon.
                if let name = key.split(separator: "：").first.map(String.init), writable.contains(name) { suggested.insert(name) }
                let hint = closest.map { "did you mean '\($0)'?" } ?? "fields of \(typeName): \(writable.joined(separator: ", "))"
                report("unknown field '\(key)' in \(typeName)", entry.key.location, hints: [fullWidthHint(entry.key), hint])
                continue
            }
            let spec = fields[specIndex]
            if spec.isDerived {
                report("'\(key)' is computed by loancheck and cannot be written in a document", entry.key.location,
                       hint: "remove it; rules read the computed value")
                continue
            }
            written[specIndex] = true
            let fieldPath = path.appending(key: key)
            if entry.value.isNull {
                if spec.isRequired {
                    report("'\(fieldPath)' has no value", entry.value.location,
                           hint: "give a \(spec.type.displayName), or remove the line if it is optional")
                } else if spec.defaultValue != nil {
                    report("'\(fieldPath)' has no value", entry.value.location,
                           hint: "remove the line to use the default, or give a \(spec.type.displayName)")
                }
                continue
            }
            if let value = decode(entry.value, spec: spec, owner: typeName, path: fieldPath) {
                // The schema's name, not the key's copy: every record of a type then shares the same strings.
                present.append(Record.Field(name: spec.name, value: value, location: entry.value.location))
            }
        }
        // Only the specs a document left out are copied (a copy is several reference counts on schema
        // objects that every decoding thread shares).
        for specIndex in fields.indices where !written[specIndex] && !fields[specIndex].isDerived {
            let spec = fields[specIndex]
            let fieldPath = path.appending(key: spec.name)
            switch spec.defaultValue {
            case .literal(let text)?:
                let synthetic = Node(.scalar(Scalar(text: text, style: .plain, tag: nil)),
                                     fileName: node.fileName, start: node.start, end: node.start)
                if let value = decode(synthetic, spec: spec, owner: typeName, path: fieldPath) {
                    present.append(Record.Field(name: spec.name, value: value, location: node.location))
                }
            case .emptyList?:
                present.append(Record.Field(name: spec.name, value: .list(ListValue([])), location: node.location))
            case .copyOf(let source)?:
                if let (value, location) = lookup(source, present) {
                    present.append(Record.Field(name: spec.name, value: value, location: location))
                }
            case .computed?:
                break
            case nil where spec.isRequired && !suggested.contains(spec.name):
                report("missing required field '\(fieldPath)' in \(typeName)", node.location,
                       hint: "add `\(spec.name): <\(spec.type.displayName)>`")
            case nil:
                break
            }
        }
        return Record(type: typeName, fields: present, location: node.location)
    }

    private func lookup(_ path: [String], _ fields: [Record.Field]) -> (Value, SourceLocation?)? {
        guard let first = path.first, let field = fields.first(where: { $0.name == first }) else { return nil }
        if path.count == 1 { return (field.value, field.location) }
        guard case .record(let record) = field.value else { return nil }
        return lookup(Array(path.dropFirst()), record)
    }

    private func lookup(_ path: [String], _ record: Record) -> (Value, SourceLocation?)? {
        guard let first = path.first, let value = record[first] else { return nil }
        if path.count == 1 { return (value, record.location(of: first)) }
        guard case .record(let inner) = value else { return nil }
        return lookup(Array(path.dropFirst()), inner)
    }

    /// The value of one field, or nil (with a diagnostic) when it is invalid.
    mutating func decode<N: YAMLNode>(_ node: N, spec: FieldSpec, owner: String, path: FieldPath) -> Value? {
        switch spec.type {
        case .record(_, let fields):
            return decodeRecord(node, typeName: "\(owner).\(spec.name)", fields: fields, path: path).map(Value.record)
        case .list(let element):
            return decodeList(node, element: element, owner: owner, path: path)
        case .range(let bound, let allowsSingle):
            return decodeRange(node, bound: bound, allowsSingle: allowsSingle, typeName: "\(owner).\(spec.name)", path: path)
        case .provinces:
            return decodeProvinces(node, path: path)
        case .document:
            report("'\(path)' is computed by loancheck and cannot be written in a document", node.location)
            return nil
        default:
            // The enum's type name is only assembled for enum fields.
            return decodeScalar(node, type: spec.type, enumName: spec.type.isEnumeration ? owner + "." + spec.name : "", path: path)
        }
    }

    private mutating func decodeList<N: YAMLNode>(_ node: N, element: FieldSpec, owner: String, path: FieldPath) -> Value? {
        guard let items = node.items else {
            report("expected a list for '\(path)', found a \(node.kindName)", node.location,
                   hint: "write `[a, b]` or one `- item` per line")
            return nil
        }
        let path = path.rendered()
        var values: [Value] = []
        var locations: [SourceLocation?] = []
        values.reserveCapacity(items.underestimatedCount)
        locations.reserveCapacity(items.underestimatedCount)
        // A list of references adds one pending reference per element: room for all at once, not a
        // doubling array that holds up to three times that while it grows.
        if case .reference = element.type { references.reserveCapacity(references.count + items.underestimatedCount) }
        for (index, item) in items.enumerated() {
            if let value = decode(item, spec: element, owner: owner, path: path.appending(index: index)) {
                values.append(value)
                locations.append(item.location)
            }
        }
        return .list(ListValue(values, locations: locations))
    }

    private mutating func decodeRange<N: YAMLNode>(
        _ node: N, bound: FieldType, allowsSingle: Bool, typeName: String, path: FieldPath
    ) -> Value? {
        if allowsSingle, node.scalar != nil {
            guard let value = decodeScalar(node, type: bound, enumName: typeName, path: path) else { return nil }
            return .record(Record(type: typeName, fields: ["min": value, "max": value],
                                  locations: ["min": node.location, "max": node.location], location: node.location))
        }
        guard node.entries != nil else {
            report("expected {min, max} for '\(path)', found a \(node.kindName)", node.location,
                   hint: allowsSingle ? "write `{min: …, max: …}` or a single \(bound.displayName)" : "write `{min: …, max: …}`")
            return nil
        }
        let fields = [FieldSpec(name: "min", type: bound, isRequired: true), FieldSpec(name: "max", type: bound, isRequired: true)]
        guard let record = decodeRecord(node, typeName: typeName, fields: fields, path: path),
              let low = record["min"], let high = record["max"] else { return nil }
        if let ordered = RangeOrder.isAbove(low, high), ordered {
            report("'\(path).min' (\(low.displayText)) is above '\(path).max' (\(high.displayText))",
                   record.location(of: "max") ?? node.location, hint: "min must not exceed max")
        } else if RangeOrder.isAbove(low, high) == nil {
            report("cannot compare '\(path).min' (\(low.displayText)) with '\(path).max' (\(high.displayText))",
                   record.location(of: "max") ?? node.location, hint: "write both bounds in the same unit")
        }
        return .record(record)
    }

    private mutating func decodeProvinces<N: YAMLNode>(_ node: N, path: FieldPath) -> Value? {
        let items: [N]
        if let sequence = node.items {
            items = Array(sequence)
        } else if let scalar = node.scalar, scalar.text.lowercased() == "all" {
            items = [node]
        } else {
            report("expected a list of provinces for '\(path)', found a \(node.kindName)", node.location,
                   hint: "write `[CN-GD, CN-GX]`, or `[all]` for every mainland province")
            return nil
        }
        if items.isEmpty {
            report("'\(path)' is empty", node.location, hint: "list the provinces served, or `[all]`")
            return nil
        }
        if items.count == 1, let only = items.first, only.scalar?.text.lowercased() == "all" {
            return .list(ListValue(Self.mainlandProvinces, uniformLocation: only.location))
        }
        // One province per item (`all` alone was handled above): room for exactly that.
        var values: [Value] = []
        var locations: [SourceLocation?] = []
        values.reserveCapacity(items.count)
        locations.reserveCapacity(items.count)
        var seen: [Province: SourceLocation] = [:]
        for item in items {
            guard let scalar = item.scalar else {
                report("expected a province, found a \(item.kindName)", item.location)
                continue
            }
            do {
                // `all` stands for the whole list: beside other entries (`[CN-GD, all]`) it is an error.
                let provinces = items.count == 1 ? try UnitParser.provinces(scalar.text) : [try UnitParser.province(scalar.text)]
                for province in provinces {
                    if let first = seen[province] {
                        report("province \(province.code) is listed twice in '\(path)'", item.location,
                               hint: "remove one of them", notes: [.init("first listed here", at: first)])
                        continue
                    }
                    seen[province] = item.location
                    values.append(.province(province))
                    locations.append(item.location)
                }
            } catch {
                record(error.diagnostic(in: scalar.text, origin: item.textOrigin))
            }
        }
        return .list(ListValue(values, locations: locations))
    }

    mutating func decodeScalar<N: YAMLNode>(_ node: N, type: FieldType, enumName: String, path: FieldPath) -> Value? {
        guard let scalar = node.scalar else {
            report("expected \(article(type.displayName)) for '\(path)', found a \(node.kindName)", node.location)
            return nil
        }
        let text = scalar.text
        do {
            switch type {
            case .string:
                return .string(text)
            case .identifier, .reference:
                guard DocumentId.isValid(text) else {
                    report("'\(text)' is not a valid id", node.location,
                           hints: [fullWidthHint(node), "ids use lowercase letters, digits and hyphens, e.g. weili-consumer"])
                    return nil
                }
                if case .reference(let kind, let constraint) = type {
                    let target: ReferenceTarget
                    if let last = lastTarget, last.kind == kind, last.constraint == constraint {
                        target = last
                    } else {
                        target = ReferenceTarget(kind: kind, constraint: constraint)
                        lastTarget = target
                    }
                    references.append(PendingReference(id: text, location: node.location, path: path, target: target))
                }
                return .string(text)
            case .boolean:
                switch BooleanScalar.read(node, "'\(path)'") {
                case .success(let value): return .boolean(value)
                case .failure(let diagnostic):
                    record(diagnostic)
                    return nil
                }
            case .integer:
                guard let value = Int(text), text.allSatisfy({ $0.isASCII }) else {
                    report("expected a whole number for '\(path)', found '\(text)'", node.location)
                    return nil
                }
                return .integer(value)
            case .decimal:
                guard let value = ExactNumber.parse(text) else {
                    report("expected a decimal number for '\(path)', found '\(text)'", node.location)
                    return nil
                }
                return .decimal(value)
            case .money: return .money(try UnitParser.money(text))
            case .percent: return .ratio(try UnitParser.percent(text))
            case .ratio: return .ratio(try UnitParser.ratio(text))
            case .rate: return .rate(try UnitParser.rate(text))
            case .duration: return .duration(try UnitParser.duration(text))
            case .date: return .date(try UnitParser.date(text))
            case .province: return .province(try UnitParser.province(text))
            case .moneyOrPercent:
                if let last = text.unicodeScalars.last(where: { !$0.properties.isWhitespace }),
                   UnitGrammar.percentSigns.contains(String(last)) {
                    _ = try UnitParser.percent(text)
                } else {
                    _ = try UnitParser.money(text)
                }
                return .string(text)
            case .enumeration(_, let values):
                guard values.contains(text) else {
                    report("'\(text)' is not a valid value for '\(path)'", node.location,
                           hints: [fullWidthHint(node), Suggestions.hint(for: text, in: values) ?? "one of: \(values.joined(separator: ", "))"])
                    return nil
                }
                return .enumeration(EnumValue(type: enumName, case: text))
            case .record, .list, .range, .provinces, .document:
                return nil
            }
        } catch {
            record(error.diagnostic(in: text, origin: node.textOrigin))
            return nil
        }
    }

    private func describe(_ path: FieldPath, _ typeName: String) -> String {
        path.isRoot ? "a \(typeName) document" : "'\(path)'"
    }

    private func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an \(noun)" : "a \(noun)"
    }

    private mutating func report(_ message: String, _ location: SourceLocation, hint: String? = nil, notes: [Diagnostic.Note] = []) {
        record(.error(message, at: location, hint: hint, notes: notes))
    }

    private mutating func report(_ message: String, _ location: SourceLocation, hints: [String?]) {
        record(Diagnostic(.error, message, at: location, hints: hints.compactMap { $0 }))
    }

    /// The hint for a full-width `：，（）` in a scalar (a key or value typed with a Chinese input method).
    private func fullWidthHint<N: YAMLNode>(_ node: N) -> String? {
        node.scalar.flatMap { FullWidthPunctuation.hint(in: $0.text) }
    }
}

extension NodeDecoder {
    /// The 31 mainland provinces of `regions: [all]`, one shared array for every product.
    static let mainlandProvinces: [Value] = Province.mainland.map(Value.province)
}

/// Document ids: lowercase ASCII letters, digits and hyphens, starting with a letter or digit.
public enum DocumentId {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Order of range bounds: money, ratios, dates and durations of the same unit.
enum RangeOrder {
    /// true when `low` > `high`, false when ordered, nil when the two cannot be compared.
    static func isAbove(_ low: Value, _ high: Value) -> Bool? {
        switch (low, high) {
        case (.money(let a), .money(let b)): a > b
        case (.ratio(let a), .ratio(let b)): a > b
        case (.date(let a), .date(let b)): a > b
        case (.decimal(let a), .decimal(let b)): a > b
        case (.integer(let a), .integer(let b)): a > b
        case (.duration(let a), .duration(let b)):
            if a.unit == b.unit { a.count > b.count }
            else if a.dayBounds.lowerBound > b.dayBounds.upperBound { true }
            else if a.dayBounds.upperBound <= b.dayBounds.lowerBound { false }
            else { nil }
        default: nil
        }
    }
}
