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

    /// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped. Everything else,
    /// including non-ASCII text, is written as UTF-8.
    mutating func appendQuoted(_ text: String) {
        bytes.append(0x22)
        // Most strings need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            bytes.append(contentsOf: text.utf8)
        } else {
            for byte in text.utf8 {
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0..<0x20, 0x7F:
                    let hex = String(byte, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default:
                    // Bytes of multi-byte characters are never below 0x80, so they pass through whole.
                    bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
    }
}
