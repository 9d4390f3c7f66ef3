/// Fills a rule's message template: `{name}` placeholders replaced by their values in one pass.
///
/// A brace that does not open a known placeholder is kept as written, so a template can mention `{` or
/// an unknown `{word}` literally.
public enum MessageTemplate {
    public static func fill(_ template: String, with values: [String: String]) -> String {
        let bytes = template.utf8
        guard bytes.contains(UInt8(ascii: "{")) else { return template }
        // Braces are found in the UTF-8 bytes (one byte each, never inside another character's
        // encoding): searching characters costs grapheme breaking of every Chinese message.
        var result = ""
        result.reserveCapacity(bytes.count + 32)
        var rest = bytes[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "{")) {
            result += Substring(rest[..<open])
            let afterOpen = bytes.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
               let value = values[String(Substring(rest[afterOpen..<close]))] {
                result += value
                rest = rest[bytes.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        result += Substring(rest)
        return result
    }
}
