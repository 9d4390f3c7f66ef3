/// A JSON value with ordered object keys, for reports whose key order is part of their contract.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number already in its exact decimal text (never passed through binary floating point).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// The JSON text; `indent` > 0 pretty-prints with that many spaces per level.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" : ""
        var pad: String { String(repeating: " ", count: indent * (level + 1)) }
        var closePad: String { String(repeating: " ", count: indent * level) }
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): JSONValue.writeString(text, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            let pad = pad
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent, level: level + 1)
                out += (index + 1 < items.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            let pad = pad
            for (index, member) in members.enumerated() {
                out += pad
                JSONValue.writeString(member.0, into: &out)
                out += indent > 0 ? ": " : ":"
                member.1.write(into: &out, indent: indent, level: level + 1)
                out += (index + 1 < members.count ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        // Most strings need no escaping: append them whole (a report holds tens of thousands).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
