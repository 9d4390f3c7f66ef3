import Diagnostics

/// Escaping for XML 1.0 (JUnit) and HTML text.
///
/// Control characters (CR included) and bidi overrides are shown escaped, as `DisplayText` shows them
/// (`\x1B`, `\u202E`): XML 1.0 cannot carry most C0 controls at all, and people read these reports.
/// Line feeds and tabs are kept. Other characters XML 1.0 does not allow (U+FFFE, U+FFFF) become U+FFFD.
enum XMLEscaping {
    /// Escapes text content: `&`, `<`, `>`.
    static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// Escapes an attribute value (double-quoted): also `"`, `'`, and tab / LF as character references
    /// so that attribute-value normalisation keeps them.
    static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            default:
                if let escaped = DisplayText.escape(scalar, layout: .block) {
                    out += escaped
                } else {
                    out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
                }
            }
        }
        return out
    }

    /// Whether XML 1.0 allows the character.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

/// A small XML writer: elements with attributes in the order given, two-space indentation.
struct XMLWriter {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(XMLEscaping.attribute($0.1))\"" }.joined()
    }

    /// `<name a="…">` on its own line; close it with `close(name)`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        output += "\(indent)<\(name)\(Self.attributes(attributes))>\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        output += "\(indent)</\(name)>\n"
    }

    /// `<name a="…"/>`.
    mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        output += "\(indent)<\(name)\(Self.attributes(attributes))/>\n"
    }

    /// `<name a="…">text</name>`, the text escaped and kept exactly (no indentation added inside).
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        if text.isEmpty {
            empty(name, attributes)
        } else {
            output += "\(indent)<\(name)\(Self.attributes(attributes))>\(XMLEscaping.text(text))</\(name)>\n"
        }
    }

    /// `<!-- text -->` (a `--` inside is broken up, as XML requires).
    mutating func comment(_ text: String) {
        let safe = DisplayText.safe(text).replacing("--", with: "- -").unicodeScalars
            .map { XMLEscaping.isAllowed($0) ? String($0) : "\u{FFFD}" }.joined()
        output += "\(indent)<!-- \(safe) -->\n"
    }
}
