import Diagnostics
import RuleLanguage

/// Where each canonical column of a table is in one file's header, checked against the schema's
/// mapping: a required column that is not there, or a mapped header that does not exist, is an error
/// at the header line.
public struct ColumnPositions: Sendable {
    /// Field index by column ordinal (-1: not in this table, or an optional column the file does not have).
    private let fieldIndexes: [Int]
    /// The column's format by ordinal (`.standard` for columns not in this table).
    private let formats: [CellFormat]
    /// Codes of choice and boolean columns (`values:` in the mapping), by ordinal.
    private let codes: [[String: String]?]
    private let specTable: [ColumnSpec?]
    public let fieldCount: Int
    /// Field indexes and formats in fixed storage: a row's reader copies them without touching a
    /// reference count.
    let layout: ColumnLayout

    /// Field index per canonical column (-1: an optional column the file does not have).
    public var positions: [TapeColumn: Int] {
        var result: [TapeColumn: Int] = [:]
        for column in TapeColumn.allCases where specTable[column.ordinal] != nil { result[column] = fieldIndexes[column.ordinal] }
        return result
    }

    public var specs: [TapeColumn: ColumnSpec] {
        var result: [TapeColumn: ColumnSpec] = [:]
        for column in TapeColumn.allCases { if let spec = specTable[column.ordinal] { result[column] = spec } }
        return result
    }

    public init(_ files: TapeFiles, file: Int) throws(DiagnosticList) {
        let header = files.headers[file]
        let path = files.files[file].path
        var positions = [Int](repeating: -1, count: TapeColumn.ordinalCount)
        var specs = [ColumnSpec?](repeating: nil, count: TapeColumn.ordinalCount)
        var diagnostics: [Diagnostic] = []
        let headerLocation = SourceLocation(file: path, line: 1, column: 1)
        for column in files.table.columns {
            let spec = files.source.spec(for: column)
            specs[column.ordinal] = spec
            let matches = header.indices.filter { header[$0] == spec.header }
            if matches.count > 1 {
                diagnostics.append(.error("the header of '\(path)' has two columns named '\(spec.header)'", at: headerLocation))
                continue
            }
            if let position = matches.first {
                positions[column.ordinal] = position
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
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        fieldIndexes = positions
        specTable = specs
        formats = specs.map { $0?.format ?? .standard }
        codes = specs.map { $0?.values }
        fieldCount = header.count
        layout = ColumnLayout(fieldIndexes: positions, formats: formats)
    }

    /// The field index of `column` in this file, or -1.
    @inline(__always)
    public func fieldIndex(_ column: TapeColumn) -> Int { fieldIndexes[column.ordinal] }

    @inline(__always)
    func format(_ column: TapeColumn) -> CellFormat { formats[column.ordinal] }

    /// The codes of a choice or boolean column, when its mapping gives any.
    func codes(_ column: TapeColumn) -> [String: String]? { codes[column.ordinal] }
}

/// Reads cells of one row, recording every bad one (with its message, hint and offset) and going on,
/// so one pass reports every problem of the row.
struct CellReader {
    let fields: CSVFields
    let bytes: UnsafeRawBufferPointer
    let place: RowPlace
    let layout: ColumnLayout
    var failed = false

    init(fields: CSVFields, bytes: UnsafeRawBufferPointer, place: RowPlace, positions: ColumnPositions) {
        self.fields = fields
        self.bytes = bytes
        self.place = place
        layout = positions.layout
    }

    @inline(__always)
    func field(_ column: TapeColumn) -> CSVFields.Field? {
        let position = Int(layout.fieldIndexes[column.ordinal])
        guard position >= 0 else { return nil }
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
                          _ parse: (UnsafeRawBufferPointer, CellFormat) throws(CellError) -> T) -> T? {
        guard let field = field(column) else { return nil }
        guard !field.isEmpty else {
            if column.isRequired {
                error(&errors, column, offset: field.start, "empty cell", hint: "every row needs its \(column.name) (\(column.meaning))")
            }
            return nil
        }
        let spec = layout.format(column)
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
    /// One of `choices` by its bytes (no `String` per cell); the codes of a mapping (`values:`), a
    /// spelling that is not a choice and every message go through `choiceSlowly`.
    @inline(__always)
    static func choice(_ cell: UnsafeRawBufferPointer, codes: [String: String]?, _ choices: ChoiceSet) throws(CellError) -> UInt8 {
        if codes == nil, let index = choices.index(of: cell) { return index }
        return try choiceSlowly(cell, codes: codes, choices.names)
    }

    static func choiceSlowly(_ cell: UnsafeRawBufferPointer, codes: [String: String]?, _ choices: [String]) throws(CellError) -> UInt8 {
        var text = CellParser.text(cell)
        if let values = codes {
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

    static func boolean(_ cell: UnsafeRawBufferPointer, codes: [String: String]?) throws(CellError) -> Bool {
        try choice(cell, codes: codes, .booleans) == 1
    }

    static func date(_ cell: UnsafeRawBufferPointer, _ format: CellFormat) throws(CellError) -> Int32 {
        try CellParser.date(cell, compact: format == .compactDate)
    }

    static func money(_ cell: UnsafeRawBufferPointer, _ format: CellFormat) throws(CellError) -> Int64 {
        try CellParser.money(cell, inFen: format == .fen)
    }

    static func ratio(_ cell: UnsafeRawBufferPointer, _ format: CellFormat) throws(CellError) -> Int64 {
        try CellParser.ratio(cell, asFraction: format == .fraction)
    }

    /// Non-empty valid UTF-8 without control characters.
    static func text(_ cell: UnsafeRawBufferPointer, _: CellFormat) throws(CellError) -> Void {
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

/// The canonical values of a choice column, as bytes, for matching a cell without making a `String`.
struct ChoiceSet: Sendable {
    let names: [String]
    private let bytes: [[UInt8]]

    init(_ names: [String]) {
        self.names = names
        bytes = names.map { Array($0.utf8) }
    }

    func index(of cell: UnsafeRawBufferPointer) -> UInt8? {
        for (index, option) in bytes.enumerated() where option.count == cell.count {
            if option.withUnsafeBytes({ $0.elementsEqual(cell) }) { return UInt8(index) }
        }
        return nil
    }

    static let borrowerTypes = ChoiceSet(["individual", "business"])
    static let purposes = ChoiceSet(["consumption", "business"])
    static let booleans = ChoiceSet(["false", "true"])
}

/// Where each canonical column is in a file and how it is written, by the column's ordinal, in SIMD
/// storage (plain bytes: copying it retains nothing).
struct ColumnLayout: Sendable {
    /// Field index, -1 for none.
    let fieldIndexes: SIMD32<Int32>
    /// `CellFormat.allCases` index.
    private let formatCodes: SIMD32<UInt8>

    init(fieldIndexes: [Int], formats: [CellFormat]) {
        var indexes = SIMD32<Int32>(repeating: -1)
        var codes = SIMD32<UInt8>(repeating: 0)
        for (ordinal, index) in fieldIndexes.enumerated() where ordinal < 32 {
            indexes[ordinal] = Int32(clamping: index)
            codes[ordinal] = UInt8(CellFormat.allCases.firstIndex(of: formats[ordinal]) ?? 0)
        }
        self.fieldIndexes = indexes
        formatCodes = codes
    }

    @inline(__always)
    func format(_ column: TapeColumn) -> CellFormat {
        switch formatCodes[column.ordinal] {
        case 1: .compactDate
        case 2: .isoDate
        case 3: .yuan
        case 4: .fen
        case 5: .percent
        case 6: .fraction
        default: .standard
        }
    }
}
