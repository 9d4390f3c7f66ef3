/// Escaping and small building blocks for the HTML report.
///
/// Every text that comes from the inputs (ids, names, file names, waiver reasons, messages) goes through
/// `text` or `attribute`; markup is only ever produced by the renderer itself. Element ids derived from
/// input ids go through `fragment`, which keeps them valid and unique.
enum HTMLEscaping {
    /// Text content: `&`, `<`, `>` become entities (`<script>` shows as text), characters HTML cannot
    /// carry become U+FFFD.
    static func text(_ value: String) -> String { XMLEscaping.text(value) }

    /// A double-quoted attribute value: also `"` and `'`.
    static func attribute(_ value: String) -> String { XMLEscaping.attribute(value) }

    /// A fragment id made of `prefix` and `value`: ASCII letters, digits and `-` stay, every other UTF-8
    /// byte becomes `_XX` (hex), so distinct values give distinct ids and any id is safe in `href="#…"`.
    static func fragment(_ prefix: String, _ value: String) -> String {
        var out = prefix + "-"
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "_" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

/// Builds HTML (and inline SVG) elements from already-escaped content.
enum HTML {
    /// ` name="value"` for each attribute, values escaped, in the order given.
    static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(HTMLEscaping.attribute($0.1))\"" }.joined()
    }

    /// `<name …>content</name>`; `content` is markup (escape text with `HTMLEscaping.text` first).
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
        "<\(name)\(Self.attributes(attributes))>\(content)</\(name)>"
    }

    /// `<name …>escaped text</name>`.
    static func text(_ name: String, _ attributes: [(String, String)] = [], _ text: String) -> String {
        element(name, attributes, HTMLEscaping.text(text))
    }

    /// `<code>escaped text</code>`, or nothing for an empty text.
    static func code(_ text: String) -> String {
        text.isEmpty ? "" : element("code", [], HTMLEscaping.text(text))
    }

    /// A SHA-256 (or other long hex digest) as code in two halves that may wrap between them.
    static func digest(_ hex: String) -> String {
        let half = hex.index(hex.startIndex, offsetBy: hex.count / 2)
        return code(String(hex[..<half])) + "<wbr>" + code(String(hex[half...]))
    }

    /// A table with a caption, column headers (`<th scope="col">`) and body rows (already rendered).
    static func table(
        caption: String, headers: [String], rows: [String], attributes: [(String, String)] = [], numeric: Set<Int> = []
    ) -> String {
        var out = "<table\(Self.attributes(attributes))>\n<caption>\(HTMLEscaping.text(caption))</caption>\n<thead><tr>"
        for (index, header) in headers.enumerated() {
            let attributes = [("scope", "col")] + (numeric.contains(index) ? [("class", "num")] : [])
            out += Self.text("th", attributes, header)
        }
        out += "</tr></thead>\n<tbody>\n"
        out += rows.joined(separator: "\n")
        return out + (rows.isEmpty ? "" : "\n") + "</tbody>\n</table>\n"
    }

    /// `<details>` with a `<summary>` line (escaped text) and markup: open when `open`, else collapsed,
    /// so a long list does not push the findings away (a browser shows it on a click).
    static func details(_ summary: String, open: Bool, _ attributes: [(String, String)] = [], _ content: String) -> String {
        "<details" + Self.attributes(attributes) + (open ? " open" : "") + ">\n" + Self.text("summary", [], summary) + "\n"
            + content + "</details>\n"
    }

    /// A count cell: right-aligned, with thousands separators, and `data-count` (and the given extra
    /// attributes) for checks.
    static func countCell(_ count: Int, _ attributes: [(String, String)] = []) -> String {
        element("td", [("class", count == 0 ? "num zero" : "num"), ("data-count", String(count))] + attributes, ReportWording.grouped(count))
    }
}
