/// Text from the inputs made safe to show to people: on a terminal, in a CI log, in a report.
///
/// Names, waiver reasons, keys and pack texts can hold any character a YAML escape can write. Written
/// raw, a line break starts a new log line (`::error file=…` is a GitHub workflow command, so a
/// product file could forge annotations), ESC sequences move the cursor and erase earlier lines, and a
/// bidi override (U+202E) makes text read differently from what it is. Every human-readable output
/// passes its input-derived text through `safe`; the renderers never print such a character as itself.
///
/// What is escaped, in the notation of YAML's double-quoted strings (so an escape can be pasted back):
/// - C0 controls, DEL and C1 controls: `\n`, `\r`, `\t`, else `\x1B` (two hex digits);
/// - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible direction
///   marks (U+200E, U+200F, U+061C): `\u202E`. Escaping them rather than isolating them keeps every
///   format the same and shows the reader that the text holds them;
/// - the line and paragraph separators U+2028, U+2029: `\u2028` (some viewers break lines at them);
/// - the stand-ins of a non-UTF-8 file name's bytes (`PathBytes`): `\xFF`.
///
/// A backslash is not escaped: `\n` in the output is a line break of the input or the two characters
/// `\` and `n`, never a line break of the output.
public enum DisplayText {
    /// Which layout characters a text keeps.
    public enum Layout: Sendable {
        /// Everything escaped: the text is one line of the output (a message, a name, a log line).
        case line
        /// Line feeds and tabs kept: the output lays text out itself and they cannot start a log line
        /// of their own (HTML, XML), or the caller prints a multi-line block it built.
        case block
    }

    /// `text` with every character listed above replaced by its escape; the text itself when it has none.
    public static func safe(_ text: String, layout: Layout = .line) -> String {
        guard text.unicodeScalars.contains(where: { escape($0, layout: layout) != nil }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if let escaped = escape(scalar, layout: layout) {
                out += escaped
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The escape shown for `scalar`, or nil when it is shown as itself.
    public static func escape(_ scalar: Unicode.Scalar, layout: Layout = .line) -> String? {
        let value = scalar.value
        // Most characters are printable ASCII or CJK: settle them with one comparison each.
        if value >= 0x20 && value < 0x7F { return nil }
        switch value {
        case 0x0A: return layout == .block ? nil : "\\n"
        case 0x09: return layout == .block ? nil : "\\t"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F...0x9F: return "\\x" + hex(value, digits: 2)
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            return "\\u" + hex(value, digits: 4)
        default:
            if let byte = PathBytes.byte(standingFor: scalar) { return "\\x" + hex(UInt32(byte), digits: 2) }
            return nil
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
