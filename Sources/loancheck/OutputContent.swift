/// What an output receives: text, or the UTF-8 bytes of a report rendered as bytes (`json`, `sarif`),
/// which are written as they are rather than copied into a `String` first.
enum OutputContent {
    case text(String)
    case utf8([UInt8])

    /// Calls `body` with the content's UTF-8 bytes.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch self {
        case .text(var text): text.withUTF8(body)
        case .utf8(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }
}
