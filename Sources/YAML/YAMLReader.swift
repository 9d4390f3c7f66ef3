import Diagnostics

/// Reads YAML with libyaml's event parser into positioned documents (`FlatDocument`, or `Node` trees).
///
/// Scalars keep their text (no implicit typing), aliases are expanded within `YAMLLimits`, nesting
/// is bounded, duplicate keys and non-scalar keys are errors, and every error has `file:line:column`.
/// See `docs/yaml.md`.
public enum YAMLReader {
    /// Parses every document of a stream.
    ///
    /// An empty stream, or one with only comments, gives `[]`; a bare `---` gives one null document.
    /// A leading byte-order mark is accepted and not counted in columns (`SourceTexts` does count it,
    /// so callers rendering snippets should drop it from the text they register).
    ///
    /// - Throws: every duplicate key, non-scalar key and unknown alias found, and then the first
    ///   syntax error or exceeded limit, after which libyaml cannot go on.
    public static func parse(
        _ text: String, file: String, limits: YAMLLimits = .default
    ) throws(DiagnosticList) -> [Node] {
        var text = text
        let result = text.withUTF8 { bytes in StreamReader.read(bytes, file: file, limits: limits) }
        return try result.get().map { $0.tree() }
    }

    /// Reads the file at `path` and parses it.
    ///
    /// The bytes must be UTF-8 (optionally with a BOM) without NUL bytes; otherwise the error points
    /// at the first offending byte.
    /// - Parameters:
    ///   - displayPath: the name used in node positions and diagnostics (default: `path`).
    /// - Returns: the file's text without its byte-order mark (register it with `SourceTexts` to
    ///   quote lines in diagnostics), and its documents.
    public static func parseFile(
        atPath path: String, displayPath: String? = nil, limits: YAMLLimits = .default
    ) throws(DiagnosticList) -> (text: String, documents: [Node]) {
        var documents: [Node] = []
        let text = try parseFlatFile(atPath: path, displayPath: displayPath, limits: limits) { documents.append($0.tree()) }
        return (text, documents)
    }

    /// Reads the file at `path` and hands each document to `eachDocument` as soon as it is parsed, so a
    /// file of many documents never holds them all at once. Returns the text, as `parseFile`.
    ///
    /// Documents before a syntax error have already been handed over when it is thrown; callers that
    /// must not act on a file that fails to parse discard what they did with them.
    public static func parseFile(
        atPath path: String, displayPath: String? = nil, limits: YAMLLimits = .default,
        eachDocument: (Node) -> Void
    ) throws(DiagnosticList) -> String {
        try parseFlatFile(atPath: path, displayPath: displayPath, limits: limits) { eachDocument($0.tree()) }
    }

    /// As `parseFile(atPath:displayPath:limits:eachDocument:)`, handing over each document as parsed,
    /// without making its `Node` tree (decoders read it in place through `FlatNodeView`).
    public static func parseFlatFile(
        atPath path: String, displayPath: String? = nil, limits: YAMLLimits = .default,
        eachDocument: (FlatDocument) -> Void
    ) throws(DiagnosticList) -> String {
        let file = displayPath ?? path
        let bytes = try FileBytes.contents(atPath: path, displayPath: file, maxBytes: limits.maxFileBytes)
        let result = withoutActuallyEscaping(eachDocument) { handler in
            bytes.withUnsafeBufferPointer { buffer -> Result<String, DiagnosticList> in
                if let problem = EncodingCheck.diagnostic(for: buffer, file: file) {
                    return .failure(DiagnosticList([problem]))
                }
                let content = SourcePositions.hasByteOrderMark(buffer) ? UnsafeBufferPointer(rebasing: buffer[3...]) : buffer
                let text = String(decoding: content, as: UTF8.self)
                return StreamReader.read(buffer, file: file, limits: limits, onDocument: handler).map { _ in text }
            }
        }
        return try result.get()
    }
}

/// Runs libyaml over a buffer and feeds its events to a `DocumentBuilder`.
enum StreamReader {
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits, onDocument: ((FlatDocument) -> Void)? = nil
    ) -> Result<[FlatDocument], DiagnosticList> {
        guard var parser = LibYAMLParser(bytes: bytes) else {
            let at = SourceLocation(file: file, line: 1, column: 1)
            return .failure(DiagnosticList([.error("out of memory while reading YAML", at: at)]))
        }
        var builder = DocumentBuilder(file: file, limits: limits, positions: SourcePositions(bytes: bytes))
        builder.documentHandler = onDocument
        var bounds = StreamBounds(file: file, limits: limits)
        while true {
            switch parser.next() {
            case .failure(let failure):
                let error = LibYAMLDiagnostics.diagnostic(for: failure, file: file, positions: &builder.positions)
                return .failure(DiagnosticList(builder.diagnostics + [error]))
            case .success(let event):
                do {
                    try bounds.check(event, positions: builder.positions)
                    try builder.add(event)
                } catch {
                    return .failure(DiagnosticList(builder.diagnostics + [error]))
                }
                if case .streamEnd = event.kind {
                    if builder.diagnostics.isEmpty { return .success(builder.documents) }
                    return .failure(DiagnosticList(builder.diagnostics))
                }
            }
        }
    }
}
