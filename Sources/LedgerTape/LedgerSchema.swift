import Diagnostics
import RuleLanguage

/// A `kind: LedgerSchema` document (DESIGN §8.1): the files of a loan tape and how their columns map
/// to the canonical ones.
public struct LedgerSchema: Sendable {
    public let id: String
    /// The data date of the balances (must not be after the audit's as-of date).
    public let asOf: CivilDate
    /// The YAML file of the schema; table paths are relative to its directory.
    public let file: String
    public let location: SourceLocation
    public let asOfLocation: SourceLocation
    public let loans: TableSource
    public let fundings: TableSource?
    public let borrowerGroups: TableSource?

    public var tables: [TableSource] { [loans] + [fundings, borrowerGroups].compactMap { $0 } }

    public init(id: String, asOf: CivilDate, file: String, location: SourceLocation, asOfLocation: SourceLocation,
                loans: TableSource, fundings: TableSource?, borrowerGroups: TableSource?) {
        self.id = id
        self.asOf = asOf
        self.file = file
        self.location = location
        self.asOfLocation = asOfLocation
        self.loans = loans
        self.fundings = fundings
        self.borrowerGroups = borrowerGroups
    }
}

/// Where one table of a tape is, and how to read its columns.
public struct TableSource: Sendable {
    public let table: TapeTable
    /// Local files, resolved (globs expanded, relative to the schema's directory), in sorted order.
    public let files: [String]
    /// URIs (`s3://…`) and engine table names: passed to SQL engines as they are; the stream engine
    /// cannot read them.
    public let external: [String]
    /// The field separator (`,` unless `delimiter:` says otherwise).
    public let delimiter: UInt8
    /// How each canonical column is found; columns not mapped use their canonical name.
    public let columns: [TapeColumn: ColumnSpec]
    public let location: SourceLocation

    public init(table: TapeTable, files: [String], external: [String], delimiter: UInt8, columns: [TapeColumn: ColumnSpec],
                location: SourceLocation) {
        self.table = table
        self.files = files
        self.external = external
        self.delimiter = delimiter
        self.columns = columns
        self.location = location
    }

    /// The column in the files that holds `column`, and how to read it.
    public func spec(for column: TapeColumn) -> ColumnSpec {
        columns[column] ?? ColumnSpec(header: column.name, format: .standard, values: nil, location: nil)
    }
}

/// A canonical column's header in the files, its format and, for codes, what each code means.
public struct ColumnSpec: Sendable, Hashable {
    public let header: String
    public let format: CellFormat
    /// For choice and boolean columns written as codes (EAST's `1`/`2`): code → canonical value.
    public let values: [String: String]?
    /// Where the mapping is written (nil for an unmapped column).
    public let location: SourceLocation?
}

/// How a column's cells are written, when it is not the canonical spelling.
public enum CellFormat: String, Sendable, Hashable, CaseIterable {
    /// The canonical spelling: dates `yyyy-MM-dd`, money in yuan, percentages with `%`.
    case standard
    /// Dates as `yyyyMMdd`.
    case compactDate = "yyyyMMdd"
    /// Dates as `yyyy-MM-dd` (the default, stated explicitly).
    case isoDate = "yyyy-MM-dd"
    /// Money in yuan (the default, stated explicitly).
    case yuan
    /// Money as a whole number of fen.
    case fen
    /// Percentages with `%` (the default, stated explicitly).
    case percent
    /// Percentages as fractions: `0.235` for 23.5%.
    case fraction

    /// The formats a column of `kind` may have.
    public static func allowed(for kind: CellKind) -> [CellFormat] {
        switch kind {
        case .date: [.standard, .compactDate, .isoDate]
        case .money: [.standard, .yuan, .fen]
        case .percent: [.standard, .percent, .fraction]
        default: [.standard]
        }
    }
}
