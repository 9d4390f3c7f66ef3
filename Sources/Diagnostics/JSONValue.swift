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
        var out = JSONText()
        write(into: &out, indent: indent, level: 0)
        out.append(terminator)
        return out.string
    }

    /// `serialized(indent:terminator:)` as UTF-8 bytes, for a caller that writes them to a file: a report
    /// of 100,000 products is 70 MB, and making a `String` of the bytes held it twice.
    public func serializedUTF8(indent: Int = 0, terminator: String = "") -> [UInt8] {
        var out = JSONText()
        write(into: &out, indent: indent, level: 0)
        out.append(terminator)
        return out.utf8
    }

    private func write(into out: inout JSONText, indent: Int, level: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .number(let text): out.append(text)
        case .string(let text): out.appendQuoted(text)
        case .array(let items):
            Self.writeArray(count: items.count, element: { items[$0] }, into: &out, indent: indent, level: level)
        case .generatedArray(let count, let element):
            Self.writeArray(count: count, element: element, into: &out, indent: indent, level: level)
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append(UInt8(ascii: "{"))
            out.newline(indent: indent)
            for (index, member) in members.enumerated() {
                out.pad(indent * (level + 1))
                out.appendQuoted(member.0)
                out.append(indent > 0 ? ": " : ":")
                member.1.write(into: &out, indent: indent, level: level + 1)
                if index + 1 < members.count { out.append(UInt8(ascii: ",")) }
                out.newline(indent: indent)
            }
            out.pad(indent * level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeArray(
        count: Int, element: @Sendable (Int) -> JSONValue, into out: inout JSONText, indent: Int, level: Int
    ) {
        if count == 0 { out.append("[]"); return }
        out.append(UInt8(ascii: "["))
        out.newline(indent: indent)
        if count >= Self.concurrentArrayThreshold {
            writeConcurrently(count: count, element: element, into: &out, indent: indent, level: level)
        } else {
            write(0..<count, element: element, into: &out, indent: indent, level: level, isLast: true)
        }
        out.pad(indent * level)
        out.append(UInt8(ascii: "]"))
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
        _ range: Range<Int>, element: (Int) -> JSONValue, into out: inout JSONText, indent: Int, level: Int, isLast: Bool
    ) {
        for index in range {
            out.pad(indent * (level + 1))
            element(index).write(into: &out, indent: indent, level: level + 1)
            if index + 1 < range.upperBound || !isLast { out.append(UInt8(ascii: ",")) }
            out.newline(indent: indent)
        }
    }

    private static func writeConcurrently(
        count: Int, element: @Sendable (Int) -> JSONValue, into out: inout JSONText, indent: Int, level: Int
    ) {
        let chunkSize = concurrentChunkSize
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let texts = Mutex<[JSONText]>(Array(repeating: JSONText(), count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(start + chunkSize, count)
            var text = JSONText()
            write(start..<end, element: element, into: &text, indent: indent, level: level, isLast: end == count)
            texts.withLock { $0[chunk] = text }
        }
        // Appended chunk by chunk, each released as it goes: no second copy of the whole array's text.
        texts.withLock { texts in
            out.reserve(texts.reduce(0) { $0 + $1.count })
            for index in texts.indices {
                out.append(texts[index])
                texts[index] = JSONText()
            }
        }
    }
}
