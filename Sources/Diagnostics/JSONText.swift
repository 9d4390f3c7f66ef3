/// JSON text being written, as UTF-8 bytes.
///
/// A report is written from hundreds of thousands of small pieces; appending bytes to an array is a
/// copy, while appending to a `String` also re-checks its capacity, ASCII flag and breadcrumbs each time
/// (it was most of the cost of writing a report). The bytes become a `String` once, at the end.
struct JSONText {
    private var bytes: [UInt8] = []

    /// The number of bytes written so far.
    var count: Int { bytes.count }

    /// The text written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes written so far (UTF-8).
    var utf8: [UInt8] { bytes }

    mutating func reserve(_ additional: Int) {
        bytes.reserveCapacity(bytes.count + additional)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends text as it is (no quoting or escaping).
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ other: JSONText) {
        bytes.append(contentsOf: other.bytes)
    }

    /// A line break when pretty-printing (`indent` > 0).
    mutating func newline(indent: Int) {
        if indent > 0 { bytes.append(0x0A) }
    }

    /// `count` spaces of indentation.
    mutating func pad(_ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(0x20, count: count)) }
    }

    /// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped. C1 controls, bidi
    /// embeddings, overrides and isolates, direction marks and U+2028/U+2029 are written as `\u` escapes
    /// too: the value is the same, and a report opened in a terminal or an editor cannot be made to
    /// read differently from what it holds. Everything else, including non-ASCII text, is UTF-8.
    mutating func appendQuoted(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            // Unescaped runs are appended whole: most strings need no escape at all.
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C {
                    index += 1
                    continue
                }
                let (escape, length) = Self.escape(in: utf8, at: index)
                guard let escape else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: utf8[runStart..<index])
                append(escape)
                index += length
                runStart = index
            }
            bytes.append(contentsOf: utf8[runStart..<utf8.count])
        }
        bytes.append(0x22)
    }

    /// The escape for the character starting at `index` and its length in bytes; nil for a character
    /// written as it is.
    private static func escape(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (String?, Int) {
        let byte = utf8[index]
        switch byte {
        case 0x22: return ("\\\"", 1)
        case 0x5C: return ("\\\\", 1)
        case 0x0A: return ("\\n", 1)
        case 0x0D: return ("\\r", 1)
        case 0x09: return ("\\t", 1)
        case 0..<0x20, 0x7F: return (unicodeEscape(UInt32(byte)), 1)
        case 0xC2:
            // U+0080–U+009F (C1 controls): C2 80 – C2 9F.
            guard index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) else { return (nil, 1) }
            return (unicodeEscape(UInt32(utf8[index + 1])), 2)
        case 0xD8:
            // U+061C (Arabic letter mark): D8 9C.
            guard index + 1 < utf8.count, utf8[index + 1] == 0x9C else { return (nil, 1) }
            return (unicodeEscape(0x061C), 2)
        case 0xE2:
            // U+200E, U+200F, U+2028–U+202E (E2 80 8E/8F/A8–AE) and U+2066–U+2069 (E2 81 A6–A9).
            guard index + 2 < utf8.count else { return (nil, 1) }
            let second = utf8[index + 1], third = utf8[index + 2]
            let value = 0x2000 + (UInt32(second & 0x3F) << 6) + UInt32(third & 0x3F)
            switch (second, third) {
            case (0x80, 0x8E), (0x80, 0x8F), (0x80, 0xA8...0xAE), (0x81, 0xA6...0xA9):
                return (unicodeEscape(value), 3)
            default:
                return (nil, 1)
            }
        default:
            return (nil, 1)
        }
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
