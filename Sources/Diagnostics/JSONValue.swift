import Dispatch
import Synchronization

/// A JSON value with ordered object keys, for reports whose key order is part of their contract.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number already in its exact decimal text (never passed through binary floating point).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array whose elements are made when the text is written, a chunk at a time on all cores, and
    /// dropped once written: the 100,000 inputs and findings of a large audit are never all held as
    /// values at once.
    case generatedArray(count: Int, element: @Sendable (Int) -> JSONValue)

    /// An array of `items.count` elements, each made from its item when written.
    public static func array<Item: Sendable>(of items: [Item], _ element: @escaping @Sendable (Item) -> JSONValue) -> JSONValue {
        .generatedArray(count: items.count) { element(items[$0]) }
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// The JSON text; `indent` > 0 pretty-prints with that many spaces per level. `terminator` is
    /// appended in place (a report ends with a newline; adding it afterwards copied the whole text).
    public func serialized(indent: Int = 0, terminator: String = "") -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        out += terminator
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
            if items.count >= Self.concurrentArrayThreshold {
                Self.writeConcurrently(count: items.count, element: { items[$0] }, into: &out, indent: indent, level: level)
            } else {
                Self.write(0..<items.count, element: { items[$0] }, into: &out, indent: indent, level: level, isLast: true)
            }
            out += closePad + "]"
        case .generatedArray(let count, let element):
            if count == 0 { out += "[]"; return }
            out += "[" + newline
            if count >= Self.concurrentArrayThreshold {
                Self.writeConcurrently(count: count, element: element, into: &out, indent: indent, level: level)
            } else {
                Self.write(0..<count, element: element, into: &out, indent: indent, level: level, isLast: true)
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

    /// Arrays at least this long (the findings, the inputs of a large audit) are written in chunks on
    /// all cores and joined in order: the text is the same, a large report is written faster. (The
    /// 1,500 findings of a 10,000-product audit, each a few hundred bytes, are worth it.)
    static let concurrentArrayThreshold = 256
    /// Elements per chunk: enough per task to pay for the lock, small enough that both cores get work.
    static let concurrentChunkSize = 128

    /// The elements `range` of an array, each on its own line at `level + 1`; the last one has no comma
    /// when `isLast`.
    private static func write(
        _ range: Range<Int>, element: (Int) -> JSONValue, into out: inout String, indent: Int, level: Int, isLast: Bool
    ) {
        let newline = indent > 0 ? "\n" : ""
        let pad = String(repeating: " ", count: indent * (level + 1))
        for index in range {
            out += pad
            element(index).write(into: &out, indent: indent, level: level + 1)
            if index + 1 < range.upperBound || !isLast { out += "," }
            out += newline
        }
    }

    private static func writeConcurrently(
        count: Int, element: @Sendable (Int) -> JSONValue, into out: inout String, indent: Int, level: Int
    ) {
        let chunkSize = concurrentChunkSize
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let texts = Mutex<[String]>(Array(repeating: "", count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(start + chunkSize, count)
            var text = ""
            write(start..<end, element: element, into: &text, indent: indent, level: level, isLast: end == count)
            texts.withLock { $0[chunk] = text }
        }
        // Appended chunk by chunk, each released as it goes: no second copy of the whole array's text.
        texts.withLock { texts in
            out.reserveCapacity(out.utf8.count + texts.reduce(0) { $0 + $1.utf8.count })
            for index in texts.indices {
                out += texts[index]
                texts[index] = ""
            }
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
