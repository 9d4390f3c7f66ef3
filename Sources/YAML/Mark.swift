/// A position in a YAML file: 1-based line, 1-based column counted in Unicode scalars.
///
/// Same convention as `SourceLocation`, so a line holding Chinese text before a value still points at
/// the value's first character. Lines are separated by LF, CRLF or a lone CR; a UTF-8 byte-order mark
/// at the start of the file is not counted.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
