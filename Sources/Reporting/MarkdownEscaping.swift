/// Escaping for GitHub-flavoured Markdown (pull-request comments, SARIF `help.markdown`).
enum MarkdownEscaping {
    /// Inline text, safe inside a table cell: Markdown punctuation is backslash-escaped (`|` → `\|`),
    /// `&`, `<` and `>` become entities (no raw HTML gets through), line breaks become `<br>`.
    static func inline(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "<br>"
            case "\n": if !previousWasCR { out += "<br>" }
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += " "
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
        if text.unicodeScalars.contains(where: { $0 == "`" || $0 == "\n" || $0 == "\r" }) { return inline(text) }
        // Inside a code span only `|` needs care in a table row (GFM splits cells before parsing spans).
        return "`" + text.replacing("|", with: "\\|") + "`"
    }
}
