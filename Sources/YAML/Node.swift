public import Diagnostics

/// One key/value pair of a mapping, in file order.
public struct MappingEntry: Sendable {
    public let key: Node
    public let value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

/// A YAML node with the place it was written.
///
/// A node reached through an alias (`*name`) is a copy of the anchored node, positions included:
/// it points at the text that defines the value, which is what a user has to edit.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([MappingEntry])
    }

    public let content: Content
    /// The file's name, one object shared by every node of the file (and by the locations made from them).
    public let fileName: SourceFileName
    /// The file as the caller named it (the `file` / `displayPath` given to `YAMLReader`).
    public var file: String { fileName.text }
    /// The first character of the node, including its anchor and tag if it has them.
    public let start: Mark
    /// Just past the node's last character (exclusive). For a block scalar this is the start of the
    /// line after it; for a block collection, the end of its last entry.
    public let end: Mark
    /// The explicit tag of a sequence or mapping (for a scalar, the same as `scalar?.tag`).
    public let tag: String?

    /// Where the scalar's text begins (see `textOrigin`).
    let textStart: Mark
    /// The column later lines of the text start at (the indentation of a block scalar).
    let textContinuationColumn: Int

    /// A node whose text starts where the node does (no quote, tag or block header before it).
    public init(_ content: Content, file: String, start: Mark, end: Mark, tag: String? = nil) {
        self.init(content, fileName: SourceFileName(file), start: start, end: end, tag: tag)
    }

    /// A node of a file whose name object is at hand (a node made beside another: `fileName: other.fileName`).
    public init(_ content: Content, fileName: SourceFileName, start: Mark, end: Mark, tag: String? = nil) {
        self.init(
            content: content, fileName: fileName, start: start, end: end, tag: tag,
            textStart: start, textContinuationColumn: start.column
        )
    }

    init(
        content: Content, fileName: SourceFileName, start: Mark, end: Mark, tag: String?,
        textStart: Mark, textContinuationColumn: Int
    ) {
        self.content = content
        self.fileName = fileName
        self.start = start
        self.end = end
        self.tag = tag
        self.textStart = textStart
        self.textContinuationColumn = textContinuationColumn
    }

    /// The node's file and start, for diagnostics.
    public var location: SourceLocation {
        SourceLocation(fileName: fileName, line: start.line, column: start.column)
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [MappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The value of the first entry whose key is a scalar with exactly this text; nil for a missing
    /// key or when this node is not a mapping. (The reader rejects duplicate keys, so "first" is
    /// "only" for any tree it returned.)
    public func value(forKey key: String) -> Node? {
        guard case .mapping(let entries) = content else { return nil }
        for entry in entries {
            if case .scalar(let scalar) = entry.key.content, scalar.text == key { return entry.value }
        }
        return nil
    }

    /// True for YAML's null spellings written plain and untagged, or tagged `!!null`: empty, `~`,
    /// `null`, `Null`, `NULL`. Quoted `"null"` or `!!str null` is text, not null.
    public var isNull: Bool {
        guard case .scalar(let scalar) = content,
              scalar.text.utf8.count <= 4  // most values are longer than any null spelling: skip the compares
        else {
            return false
        }
        return Self.isNull(text: scalar.text, style: scalar.style, tag: scalar.tag)
    }

    /// Whether a scalar written so is null (see `isNull`).
    static func isNull(text: String, style: ScalarStyle, tag: String?) -> Bool {
        guard tag == nil ? style == .plain : tag == "!!null" else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// "scalar", "sequence" or "mapping", for messages such as "expected a mapping, found a scalar".
    public var kindName: String {
        switch content {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }

    /// Where the scalar's text begins, so positions inside an expression written in it map back to
    /// the file.
    ///
    /// - plain: the first character of the value (after any anchor and tag);
    /// - quoted: the character after the opening quote;
    /// - literal/folded block: the line after the `|`/`>` header (the text's first line) at the
    ///   block's indentation column, which is also the column of every later line.
    ///
    /// Exact for a literal block scalar and for single-line plain or quoted text without escapes.
    /// Folding (multi-line plain, quoted or `>` text) joins lines and escapes change lengths, so
    /// positions past the first folded line or first escape are approximate.
    /// For a sequence or mapping: its start.
    public var textOrigin: EmbeddedTextOrigin {
        EmbeddedTextOrigin(
            file: file, line: textStart.line, column: textStart.column,
            continuationColumn: textContinuationColumn
        )
    }
}
