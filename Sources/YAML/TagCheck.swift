import Diagnostics

/// Which explicit tags a document may carry.
///
/// The reader never gives a tag a meaning of its own: every value is text until the schema types it.
/// A tag loancheck does not know (`!!python/object:os.system`, `!custom`, `!!binary`, a `%TAG`
/// prefix) would otherwise be dropped without a word, and a reader of the file could believe it does
/// something. So only the YAML core schema's tags are accepted, each only on a value it fits (they
/// then change nothing), and the non-specific `!` (which makes a scalar text, like quotes). See
/// docs/yaml.md.
enum TagCheck {
    /// The tags accepted, in the order the hint lists them.
    static let accepted = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!"]

    /// The error for a node whose tag is unknown or does not fit it; nil when it is fine.
    static func diagnostic(tag: String?, scalar: Scalar?, isMapping: Bool, at location: SourceLocation) -> Diagnostic? {
        guard let tag else { return nil }
        let kind = scalar != nil ? "a scalar" : isMapping ? "a mapping" : "a sequence"
        switch tag {
        case "!":
            return nil
        case "!!map", "!!seq":
            let fits = scalar == nil && isMapping == (tag == "!!map")
            if fits { return nil }
            return .error("the tag '\(tag)' is for \(tag == "!!map" ? "a mapping" : "a sequence"), but the value is \(kind)",
                          at: location, hint: "remove the tag")
        case "!!str", "!!int", "!!float", "!!bool", "!!null":
            guard let scalar else {
                return .error("the tag '\(tag)' is for a scalar, but the value is \(kind)", at: location, hint: "remove the tag")
            }
            guard let expected = mismatch(tag, scalar.text) else { return nil }
            return .error("'\(scalar.text)' is not a valid \(tag) value (\(expected))", at: location,
                          hint: "remove the tag: the schema gives every field its type")
        default:
            return .error("unknown tag '\(tag)'", at: location,
                          hint: "remove it: loancheck reads plain values and the schema gives every field its type "
                              + "(accepted tags: \(accepted.joined(separator: ", ")))")
        }
    }

    /// What a core-schema tag needs, when `text` is not it.
    private static func mismatch(_ tag: String, _ text: String) -> String? {
        switch tag {
        case "!!bool":
            return text == "true" || text == "false" ? nil : "true or false"
        case "!!null":
            return ["", "~", "null", "Null", "NULL"].contains(text) ? nil : "empty, ~ or null"
        case "!!int":
            return isInteger(Substring(text)) ? nil : "a whole number in decimal digits"
        case "!!float":
            return isNumber(text) ? nil : "a decimal number"
        default:
            return nil
        }
    }

    /// `[-+]?[0-9]+`
    private static func isInteger(_ text: Substring) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?` — YAML 1.2's float without `.inf` and `.nan`,
    /// which no amount or rate can be.
    private static func isNumber(_ text: String) -> Bool {
        var mantissa = Substring(text)
        if let exponent = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard isInteger(mantissa[mantissa.index(after: exponent)...]) else { return false }
            mantissa = mantissa[..<exponent]
        }
        if mantissa.first == "-" || mantissa.first == "+" { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = parts.joined()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return true
    }
}
