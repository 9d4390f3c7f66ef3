/// Fills a rule's message template: `{name}` placeholders replaced by their values in one pass.
///
/// A brace that does not open a known placeholder is kept as written, so a template can mention `{` or
/// an unknown `{word}` literally.
public enum MessageTemplate {
    public static func fill(_ template: String, with values: [String: String]) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        // Braces are found in the UTF-8 bytes (one byte each, never inside another character's
        // encoding): searching characters costs grapheme breaking of every Chinese message. The result
        // is built as bytes too: appending substrings of the template cost ≈13,000 instructions a message.
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var position = 0
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "{"),
                  let close = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "}")),
                  let value = values[String(decoding: bytes[(position + 1)..<close], as: UTF8.self)] else {
                result.append(bytes[position])
                position += 1
                continue
            }
            result.append(contentsOf: value.utf8)
            position = close + 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
