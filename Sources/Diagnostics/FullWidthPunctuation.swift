/// Full-width punctuation that a Chinese input method types in place of YAML's ASCII syntax
/// (`：` for `:`, `，` for `,`, `（）` around a remark), and the targeted hint for each.
///
/// Without it the mistake surfaces as libyaml's "could not find expected ':'" a line further down, or as
/// an unknown unit or province, neither of which names the character that caused it.
public enum FullWidthPunctuation {
    /// The characters recognised, in the order they are looked for.
    public static let characters: [Unicode.Scalar] = ["：", "，", "（", "）"]

    /// The first recognised character of `text` and its scalar offset, if any.
    public static func first(in text: some StringProtocol) -> (scalar: Unicode.Scalar, offset: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where characters.contains(scalar) {
            return (scalar, offset)
        }
        return nil
    }

    /// The first recognised character of a YAML source line outside quotes and comments, with its
    /// scalar offset in the line: a `，` inside `name: "某（深圳）银行"` or after `#` is no mistake.
    public static func firstInYAMLLine(_ line: some StringProtocol) -> (scalar: Unicode.Scalar, offset: Int)? {
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = " "
        for (offset, scalar) in line.unicodeScalars.enumerated() {
            defer { previous = scalar }
            if let open = quote {
                if scalar == open { quote = nil }
                continue
            }
            let afterSeparator = offset == 0 || [" ", "\t", ":", "[", "{", ","].contains(previous)
            if (scalar == "\"" || scalar == "'") && afterSeparator {
                quote = scalar
            } else if scalar == "#" && (offset == 0 || previous == " " || previous == "\t") {
                return nil
            } else if characters.contains(scalar) {
                return (scalar, offset)
            }
        }
        return nil
    }

    /// What `scalar` is, and what YAML or loancheck expects instead.
    public static func hint(for scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "：":
            "'：' is a full-width colon typed by a Chinese input method; YAML needs the ASCII ':' followed by a space"
        case "，":
            "'，' is a full-width comma typed by a Chinese input method; YAML and loancheck read only the ASCII ',' (`[CN-GD, CN-GX]`)"
        default:
            "'\(scalar)' is a full-width parenthesis typed by a Chinese input method; a value takes no remark in parentheses "
                + "(write the remark as a comment after ' #')"
        }
    }

    /// The hint for the first recognised character of `text`, if any.
    public static func hint(in text: some StringProtocol) -> String? {
        first(in: text).map { hint(for: $0.scalar) }
    }
}
