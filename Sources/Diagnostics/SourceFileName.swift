/// The name of a file, shared by every location in it.
///
/// An audit holds a location for every field of every document; each used to hold its own copy of the
/// file name (a `String`, 16 bytes). One shared reference makes a `SourceLocation` 16 bytes, and an
/// optional one 16 rather than 32 (the reference's spare bits mark `nil`).
public final class SourceFileName: Sendable {
    /// The file as the user named it (relative paths stay relative).
    public let text: String

    public init(_ text: String) { self.text = text }
}
