import YAML

/// Reads a file's text for quoting in diagnostics even when it is not valid UTF-8.
enum TextFileReader {
    /// The file decoded as UTF-8 with invalid bytes replaced, or nil when it cannot be read.
    static func lossyText(atPath path: String) -> String? {
        guard let bytes = try? FileBytes.contents(atPath: path, displayPath: path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
