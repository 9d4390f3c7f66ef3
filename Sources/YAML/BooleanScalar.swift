import Diagnostics

/// A scalar where a boolean is expected: `true` and `false` written plain (or tagged `!!bool`) are
/// the booleans; the same words quoted or tagged as text (`"false"`, `'true'`, `!!str false`,
/// `! false`) are strings and an error, never silently the boolean. (Quoted numbers stay accepted
/// for amounts, DESIGN §2: `"200,000"` cannot be read as anything but an amount, while a quoted
/// `"false"` is a string that a reader of the file may well take for something else.)
public enum BooleanScalar {
    /// The boolean `node` holds, or the diagnostic for it. `what` names the field in messages (`'secured'`).
    public static func read(_ node: some YAMLNode, _ what: String) -> Result<Bool, Diagnostic> {
        guard let scalar = node.scalar else {
            return .failure(.error("expected true or false for \(what), found a \(node.kindName)", at: node.location))
        }
        let text = scalar.text
        let isText = scalar.tag == nil ? scalar.style != .plain : scalar.tag != "!!bool"
        if isText && (text == "true" || text == "false") {
            return .failure(.error(
                "expected a boolean for \(what), got the string \"\(text)\"", at: node.location,
                hint: "remove the \(scalar.style == .plain ? "tag" : "quotes") to write the boolean: `\(text)`"))
        }
        switch text {
        case "true": return .success(true)
        case "false": return .success(false)
        default:
            let yaml11 = ["yes", "no", "on", "off", "True", "False", "TRUE", "FALSE", "y", "n", "Yes", "No", "YES", "NO"]
            return .failure(.error(
                "expected true or false for \(what), found '\(text)'", at: node.location,
                hint: yaml11.contains(text) ? "write true or false (YAML 1.1 spellings are not accepted)" : nil))
        }
    }
}
