import Diagnostics
import LedgerTape

/// Turns the chunk-relative places of rows and errors into `file:line:column`, once every chunk's
/// line count is known, and records the quoted lines for the diagnostic renderer.
struct TapePlaces: Sendable {
    let tapes: TapeSet
    /// The absolute first line of each chunk, by tape-wide file id and chunk index.
    private let bases: [Int32: [Int32: Int]]
    /// One name object per tape file, shared by the file's locations.
    private let fileNames: [SourceFileName]

    init(tapes: TapeSet, lineCounts: [ObjectIdentifier: [Int]]) {
        self.tapes = tapes
        var bases: [Int32: [Int32: Int]] = [:]
        for (table, firstId) in tapes.tables {
            let counts = lineCounts[ObjectIdentifier(table)] ?? Array(repeating: 0, count: table.chunks.count)
            let tableBases = table.lineBases(lineCounts: counts)
            for chunk in table.chunks {
                bases[firstId + chunk.file, default: [:]][chunk.index] = tableBases[Int(chunk.index)]
            }
        }
        self.bases = bases
        fileNames = tapes.files.map { SourceFileName($0.path) }
    }

    /// The location of byte `offset` of a record that starts on relative line `line` of `chunk`, and
    /// the text of its line (recorded in `sources`).
    func location(file: Int32, chunk: Int32, line: Int32, recordStart: Int64, offset: Int64,
                  sources: inout SourceTexts) -> SourceLocation {
        let mapped = tapes.files[Int(file)]
        let base = (bases[file]?[chunk] ?? 1) + Int(line)
        let position = TextLocator.position(of: Int(offset), in: mapped.bytes, from: Int(recordStart), line: base)
        sources.add(file: mapped.path, line: position.line, text: TextLocator.line(startingAt: position.lineStart, in: mapped.bytes))
        return SourceLocation(fileName: fileNames[Int(file)], line: position.line, column: position.column)
    }

    func location(_ place: RowPlace, offset: Int64, sources: inout SourceTexts) -> SourceLocation {
        location(file: place.file, chunk: place.chunk, line: place.line, recordStart: place.recordStart, offset: offset,
                 sources: &sources)
    }

    /// Every kept error as a diagnostic, and a count of the ones not kept.
    func diagnostics(_ errors: TapeErrors, sources: inout SourceTexts) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for kind in TapeErrorKind.allCases {
            for error in errors.kept[kind] ?? [] {
                let location = location(file: error.file, chunk: error.chunk, line: error.recordLine,
                                        recordStart: error.recordStart, offset: error.offset, sources: &sources)
                result.append(.error(error.message, at: location, hint: error.hint, notes: error.notes))
            }
            let more = (errors.counts[kind] ?? 0) - (errors.kept[kind]?.count ?? 0)
            if more > 0 {
                result.append(.error("\(more) more \(kind.rawValue) error\(more == 1 ? "" : "s") in the tape are not listed", at: nil,
                                     hint: "the first \(TapeErrors.limitPerKind) of each kind are shown; fix them and run again"))
            }
        }
        return result
    }
}
