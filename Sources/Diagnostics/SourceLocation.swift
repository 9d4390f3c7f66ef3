/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars.
///
/// Columns count Unicode scalars (not bytes, not display cells) so that a line holding Chinese text
/// points at the right character; the renderer converts to display cells when it draws the caret.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file's name, shared with the file's other locations.
    public let fileName: SourceFileName
    // 32-bit storage keeps a location at 16 bytes: an audit holds one per field of every document.
    private let storedLine: Int32
    private let storedColumn: Int32

    /// The file as the user named it (relative paths stay relative).
    public var file: String { fileName.text }
    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    /// Lines and columns beyond 2^31 − 1 are clamped (no YAML file reaches them: inputs are bounded).
    public init(file: String, line: Int, column: Int) {
        self.init(fileName: SourceFileName(file), line: line, column: column)
    }

    /// A location in a file whose name object is already at hand (a parser makes one per file).
    public init(fileName: SourceFileName, line: Int, column: Int) {
        self.fileName = fileName
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// `file:line:column`, the form editors and CI annotations understand; the file name as
    /// `DisplayText` shows it (a name can hold line breaks, and bytes that are not UTF-8).
    public var description: String { "\(DisplayText.safe(file)):\(line):\(column)" }

    // Equal names are equal files, whether or not they share the name object.
    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.storedLine == rhs.storedLine && lhs.storedColumn == rhs.storedColumn
            && (lhs.fileName === rhs.fileName || lhs.fileName.text == rhs.fileName.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fileName.text)
        hasher.combine(storedLine)
        hasher.combine(storedColumn)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.fileName === rhs.fileName { return (lhs.line, lhs.column) < (rhs.line, rhs.column) }
        return (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// Where a text embedded in another file begins, e.g. a rule expression written as a YAML scalar.
///
/// Positions inside the embedded text (line and column within the text) map back to the file:
/// the first line starts at `line`/`column`; later lines start at `continuationColumn` on the
/// following file lines (the indentation of a block scalar).
public struct EmbeddedTextOrigin: Sendable, Hashable {
    public let file: String
    public let line: Int
    public let column: Int
    public let continuationColumn: Int

    public init(file: String, line: Int, column: Int, continuationColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.continuationColumn = continuationColumn ?? column
    }

    /// An origin for text that is not embedded anywhere (e.g. `loancheck eval EXPR`).
    public static func standalone(name: String) -> EmbeddedTextOrigin {
        EmbeddedTextOrigin(file: name, line: 1, column: 1)
    }

    /// The file location of a position inside the embedded text.
    /// - Parameters:
    ///   - textLine: 1-based line inside the embedded text.
    ///   - textColumn: 1-based column (Unicode scalars) inside that line.
    public func location(textLine: Int, textColumn: Int) -> SourceLocation {
        if textLine <= 1 {
            return SourceLocation(file: file, line: line, column: column + textColumn - 1)
        }
        return SourceLocation(file: file, line: line + textLine - 1, column: continuationColumn + textColumn - 1)
    }
}
