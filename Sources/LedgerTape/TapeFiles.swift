import Diagnostics

/// The opened files of one table: mapped, their headers read, and cut into chunks that start at record
/// boundaries, so every core scans part of the table.
public final class TapeFiles: Sendable {
    /// A part of one file to scan: records only (the header is read once, in `open`).
    public struct Chunk: Sendable, Hashable {
        /// Index into `files`.
        public let file: Int32
        /// Index into `chunks`.
        public let index: Int32
        public let range: Range<Int>
    }

    public let table: TapeTable
    public let source: TableSource
    public let files: [MappedFile]
    /// Each file's header, unescaped.
    public let headers: [[String]]
    /// Where each file's header starts (after a UTF-8 byte-order mark) and ends.
    public let headerRanges: [Range<Int>]
    /// Lines each header spans (1 unless a header cell holds a line break).
    public let headerLines: [Int]
    public let chunks: [Chunk]

    /// Opens every file of `source`; `fileOffset` numbers files across tables (a `TapeText`'s `file`).
    public init(_ source: TableSource, parts: Int) throws(DiagnosticList) {
        table = source.table
        self.source = source
        var files: [MappedFile] = []
        var headers: [[String]] = []
        var headerRanges: [Range<Int>] = []
        var headerLines: [Int] = []
        var diagnostics: [Diagnostic] = []
        for path in source.files {
            let file: MappedFile
            do {
                file = try MappedFile(path: path)
            } catch {
                diagnostics += error.diagnostics
                continue
            }
            let bytes = file.bytes
            let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            var scanner = CSVScanner(bytes, range: start..<bytes.count, delimiter: source.delimiter)
            var fields = CSVFields()
            do {
                guard try scanner.next(into: &fields) else {
                    diagnostics.append(.error("'\(path)' is empty: a table needs a header row", at: SourceLocation(file: path, line: 1, column: 1),
                                              hint: "the first line names the columns, e.g. \(source.table.columns.prefix(4).map(\.name).joined(separator: ","))"))
                    continue
                }
            } catch {
                let position = TextLocator.position(of: error.offset, in: bytes, from: 0, line: 1)
                diagnostics.append(.error(error.message, at: SourceLocation(file: path, line: position.line, column: position.column),
                                          hint: error.hint))
                continue
            }
            let names = fields.fields.map { $0.text(in: bytes) }
            if names.contains(where: { $0.utf8.contains(0xEF) && $0.contains("\u{FFFD}") }) || !Self.isUTF8(bytes, fields) {
                diagnostics.append(.error("the header of '\(path)' is not UTF-8", at: SourceLocation(file: path, line: 1, column: 1),
                                          hint: "save the table as UTF-8 (GBK and other encodings are not read)"))
                continue
            }
            files.append(file)
            headers.append(names)
            headerRanges.append(start..<scanner.position)
            headerLines.append(scanner.line)
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        self.files = files
        self.headers = headers
        self.headerRanges = headerRanges
        self.headerLines = headerLines
        var chunks: [Chunk] = []
        let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
        // 4 chunks per core at least, and at most ≈32 MB each: a scanned chunk's pages are given back,
        // so the chunk size bounds the tape's share of the resident set.
        let chunkCount = max(parts * 4, totalBytes / Self.chunkBytes)
        for (index, file) in files.enumerated() {
            file.populate(0..<file.bytes.count)
            let share = totalBytes == 0 ? 1 : max(1, Int((Double(file.bytes.count) / Double(totalBytes)) * Double(chunkCount)))
            for range in RecordSplitter.split(file.bytes, from: headerRanges[index].upperBound, parts: share) where !range.isEmpty {
                chunks.append(Chunk(file: Int32(index), index: Int32(chunks.count), range: range))
            }
            // Splitting read every byte (to count quotes): give the pages back until the scan reads them.
            file.release(0..<file.bytes.count)
        }
        self.chunks = chunks
    }

    /// The most bytes a chunk has when a table is large.
    public static let chunkBytes = 32 << 20

    private static func isUTF8(_ bytes: UnsafeRawBufferPointer, _ fields: CSVFields) -> Bool {
        fields.fields.allSatisfy { field in
            String(validating: field.bytes(in: bytes), as: UTF8.self) != nil
        }
    }

    /// The absolute first line (1-based) of each chunk, from each chunk's line count.
    public func lineBases(lineCounts: [Int]) -> [Int] {
        var bases = [Int](repeating: 0, count: chunks.count)
        var next: [Int32: Int] = [:]
        for chunk in chunks {
            let base = next[chunk.file] ?? (1 + headerLines[Int(chunk.file)])
            bases[Int(chunk.index)] = base
            next[chunk.file] = base + lineCounts[Int(chunk.index)]
        }
        return bases
    }
}

/// Line and column (1-based; columns count Unicode scalars) of a byte offset, counted from a known
/// line start — only for messages, so a linear walk is fine.
public enum TextLocator {
    public static func position(of offset: Int, in bytes: UnsafeRawBufferPointer, from start: Int, line: Int)
        -> (line: Int, column: Int, lineStart: Int) {
        var line = line
        var lineStart = start
        var index = start
        while index < offset, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        for position in lineStart..<min(offset, bytes.count) where bytes[position] & 0xC0 != 0x80 { column += 1 }
        return (line, column, lineStart)
    }

    /// The text of the line starting at `lineStart`, without its terminator.
    public static func line(startingAt lineStart: Int, in bytes: UnsafeRawBufferPointer) -> String {
        var end = lineStart
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[lineStart..<end], as: UTF8.self)
    }
}
