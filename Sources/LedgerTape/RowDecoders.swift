import Diagnostics
import RuleLanguage

/// Where each canonical column of a table is in one file's header, checked against the schema's
/// mapping: a required column that is not there, or a mapped header that does not exist, is an error
/// at the header line.
public struct ColumnPositions: Sendable {
    /// Field index per canonical column (-1: an optional column the file does not have).
    public let positions: [TapeColumn: Int]
    public let specs: [TapeColumn: ColumnSpec]
    public let fieldCount: Int

    public init(_ files: TapeFiles, file: Int) throws(DiagnosticList) {
        let header = files.headers[file]
        let path = files.files[file].path
        var positions: [TapeColumn: Int] = [:]
        var specs: [TapeColumn: ColumnSpec] = [:]
        var diagnostics: [Diagnostic] = []
        let headerLocation = SourceLocation(file: path, line: 1, column: 1)
        for column in files.table.columns {
            let spec = files.source.spec(for: column)
            specs[column] = spec
            let matches = header.indices.filter { header[$0] == spec.header }
            if matches.count > 1 {
                diagnostics.append(.error("the header of '\(path)' has two columns named '\(spec.header)'", at: headerLocation))
                continue
            }
            if let position = matches.first {
                positions[column] = position
            } else if column.isRequired || spec.location != nil {
                let mapped = spec.location != nil ? " (mapped from \(column.name))" : ""
                diagnostics.append(.error(
                    "the \(files.table.rawValue) table '\(path)' has no column '\(spec.header)'\(mapped): \(column.meaning)",
                    at: headerLocation,
                    hint: Suggestions.hint(for: spec.header, in: header)
                        ?? (spec.location == nil ? "map it in the LedgerSchema: columns: {\(column.name): YOUR-COLUMN}"
                            : "the file's columns are " + header.prefix(30).joined(separator: ", ")
                                + (header.count > 30 ? ", …" : "")),
                    notes: spec.location.map { [.init("mapped here", at: $0)] } ?? []))
            } else {
                positions[column] = -1
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        self.positions = positions
        self.specs = specs
        fieldCount = header.count
    }
}

/// Reads cells of one row, recording every bad one (with its message, hint and offset) and going on,
/// so one pass reports every problem of the row.
struct CellReader {
    let fields: CSVFields
    let bytes: UnsafeRawBufferPointer
    let place: RowPlace
    let positions: ColumnPositions
    var failed = false

    func field(_ column: TapeColumn) -> CSVFields.Field? {
        guard let position = positions.positions[column], position >= 0 else { return nil }
        return fields[position]
    }

    mutating func error(_ errors: inout TapeErrors, kind: TapeErrorKind = .badCell, _ column: TapeColumn?, offset: Int,
                        _ message: String, hint: String?, notes: [Diagnostic.Note] = []) {
        failed = true
        errors.append(TapeError(kind: kind, file: place.file, chunk: place.chunk, recordLine: place.line,
                                recordStart: place.recordStart, offset: Int64(offset),
                                message: column.map { "\($0.name): \(message)" } ?? message, hint: hint, notes: notes))
    }

    /// The parsed cell, nil when it is empty (for an optional column) or bad (recorded).
    mutating func read<T>(_ column: TapeColumn, _ errors: inout TapeErrors, kind: TapeErrorKind = .badCell,
                          _ parse: (UnsafeRawBufferPointer, ColumnSpec) throws(CellError) -> T) -> T? {
        guard let field = field(column) else { return nil }
        guard !field.isEmpty else {
            if column.isRequired {
                error(&errors, column, offset: field.start, "empty cell", hint: "every row needs its \(column.name) (\(column.meaning))")
            }
            return nil
        }
        let spec = positions.specs[column] ?? ColumnSpec(header: column.name, format: .standard, values: nil, location: nil)
        let result: Result<T, CellError>
        if field.escaped {
            // `""` inside a quoted cell: parse the unescaped copy (rare).
            result = field.bytes(in: bytes).withUnsafeBytes { cell in Result { () throws(CellError) in try parse(cell, spec) } }
        } else {
            let cell = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
            result = Result { () throws(CellError) in try parse(cell, spec) }
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let problem):
            error(&errors, kind: kind, column, offset: field.start + min(problem.offset, field.end - field.start), problem.message,
                  hint: problem.hint)
            return nil
        }
    }
}

/// Parsing by the kind and format of a column.
enum TypedCell {
    static func choice(_ cell: UnsafeRawBufferPointer, _ spec: ColumnSpec, _ choices: [String]) throws(CellError) -> UInt8 {
        var text = CellParser.text(cell)
        if let values = spec.values {
            guard let mapped = values[text] else {
                throw CellError("'\(text)' is not one of the codes \(values.keys.sorted().joined(separator: ", "))",
                                hint: "add it to the column's values: in the LedgerSchema")
            }
            text = mapped
        }
        guard let index = choices.firstIndex(of: text) else {
            throw CellError("'\(text)' is not one of \(choices.joined(separator: ", "))",
                            hint: Suggestions.hint(for: text, in: choices) ?? "write one of \(choices.joined(separator: ", "))")
        }
        return UInt8(index)
    }

    static func boolean(_ cell: UnsafeRawBufferPointer, _ spec: ColumnSpec) throws(CellError) -> Bool {
        try choice(cell, spec, ["false", "true"]) == 1
    }

    static func date(_ cell: UnsafeRawBufferPointer, _ spec: ColumnSpec) throws(CellError) -> Int32 {
        try CellParser.date(cell, compact: spec.format == .compactDate)
    }

    static func money(_ cell: UnsafeRawBufferPointer, _ spec: ColumnSpec) throws(CellError) -> Int64 {
        try CellParser.money(cell, inFen: spec.format == .fen)
    }

    static func ratio(_ cell: UnsafeRawBufferPointer, _ spec: ColumnSpec) throws(CellError) -> Int64 {
        try CellParser.ratio(cell, asFraction: spec.format == .fraction)
    }

    /// Non-empty valid UTF-8 without control characters.
    static func text(_ cell: UnsafeRawBufferPointer, _ spec: ColumnSpec) throws(CellError) -> Void {
        var ascii = true
        for byte in cell {
            if byte < 0x20 || byte == 0x7F { throw CellError("a control character in a text cell", hint: "remove it") }
            if byte >= 0x80 { ascii = false }
        }
        if !ascii, String(validating: cell, as: UTF8.self) == nil {
            throw CellError("the cell is not UTF-8", hint: "save the table as UTF-8")
        }
    }
}
