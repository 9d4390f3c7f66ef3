import Diagnostics

/// Escaping for GitHub-flavoured Markdown (pull-request comments, SARIF `help.markdown`).
enum MarkdownEscaping {
    /// Inline text, safe inside a table cell: Markdown punctuation is backslash-escaped (`|` → `\|`),
    /// `&`, `<` and `>` become entities (no raw HTML gets through), line feeds become `<br>`, and the
    /// other control and bidi characters are shown escaped (`DisplayText`: `\x1B`, `\u202E`).
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += "<br>"
            default:
                if let escaped = DisplayText.escape(scalar, layout: .block) {
                    // The escape's backslash is Markdown punctuation too.
                    out += "\\" + escaped
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A code span for `text` (rule ids, paths), safe in a table cell; plain escaped text when the text
    /// holds a backtick or a line break, which a code span cannot show faithfully.
    static func code(_ text: String) -> String {
        if text.isEmpty { return "" }
        if text.unicodeScalars.contains(where: { $0 == "`" || $0 == "\n" }) { return inline(text) }
        // Inside a code span only `|` needs care in a table row (GFM splits cells before parsing spans);
        // a code span shows an escape's backslash as it is.
        return "`" + DisplayText.safe(text).replacing("|", with: "\\|") + "`"
    }
}
