#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import LedgerTape
import RuleLanguage

/// Where one file or table of a tape is read from, and its columns: a local CSV file (its header read
/// by loancheck, columns then named by position `c0, c1, …`), a URI (`s3://…/*.parquet`, `…csv`), or a
/// table the engine already has. Everything arrives as text and is parsed by `SQLCellParsing`.
struct SQLSource: Sendable {
    enum Kind: Sendable, Equatable {
        /// A local CSV file and its header.
        case localCSV(path: String, header: [String])
        case parquet(uri: String)
        /// A CSV file the engine reads by URI (its header is not known here: columns by name).
        case remoteCSV(uri: String)
        /// A table or view of the engine's catalogue.
        case table(name: String)
    }

    let kind: Kind
    let source: TableSource
    /// The schema's `as_of`: no loan is disbursed after it.
    let dataDate: CivilDate
    /// Numbered across the whole tape (every table, every schema), from 1.
    let fileNumber: Int

    /// A label for errors: the path, URI or table.
    var label: String {
        switch kind {
        case .localCSV(let path, _): path
        case .parquet(let uri), .remoteCSV(let uri): uri
        case .table(let name): name
        }
    }

    /// The real path of a local file (the path itself when it cannot be resolved).
    static func absolute(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func classify(_ external: String) -> Kind {
        let lowered = external.lowercased()
        let parquet = lowered.hasSuffix(".parquet") || lowered.hasSuffix(".parquet/") || lowered.contains(".parquet?")
        if lowered.contains("://") { return parquet ? .parquet(uri: external) : .remoteCSV(uri: external) }
        // A local Parquet file (the schema reader keeps them apart from CSV files), else a table name.
        return parquet ? .parquet(uri: absolute(external)) : .table(name: external)
    }

    /// The cell of `column` as text, NULL when empty.
    func cell(_ column: TapeColumn, alias: String, dialect: SQLDialect) -> String {
        let header = source.spec(for: column).header
        switch kind {
        case .localCSV(_, let names):
            guard let position = names.firstIndex(of: header) else { return "CAST(NULL AS \(dialect.text))" }
            return "NULLIF(\(alias).c\(position), '')"
        case .remoteCSV:
            return "NULLIF(\(alias).\(dialect.identifier(header)), '')"
        case .parquet, .table:
            return "NULLIF(CAST(\(alias).\(dialect.identifier(header)) AS \(dialect.text)), '')"
        }
    }

    /// Statements that make the source readable (PostgreSQL copies a file into a table; Spark declares
    /// a view), and the relation to select from.
    func reader(_ dialect: SQLDialect) throws(SQLSourceError) -> (setup: [String], relation: String) {
        let name = "lc_src\(fileNumber)"
        let delimiter = String(UnicodeScalar(source.delimiter))
        switch (kind, dialect) {
        case (.localCSV(let path, let header), .duckdb):
            let columns = header.indices.map { "'c\($0)': 'VARCHAR'" }.joined(separator: ", ")
            return ([], "read_csv(\(dialect.string(path)), header = true, delim = \(dialect.string(delimiter)), quote = '\"', "
                + "escape = '\"', columns = {\(columns)}, auto_detect = false, strict_mode = true, null_padding = false, "
                + "parallel = true)")
        case (.remoteCSV(let uri), .duckdb):
            return ([], "read_csv(\(dialect.string(uri)), header = true, all_varchar = true, delim = \(dialect.string(delimiter)), "
                + "quote = '\"', escape = '\"', strict_mode = true)")
        case (.parquet(let uri), .duckdb):
            let numbered = Self.isSingleFile(uri) ? ", file_row_number = true" : ""
            return ([], "read_parquet(\(dialect.string(uri))\(numbered))")
        case (.localCSV(let path, let header), .postgres):
            let columns = header.indices.map { "c\($0) TEXT" }.joined(separator: ", ")
            let names = header.indices.map { "c\($0)" }.joined(separator: ", ")
            return (["CREATE TEMPORARY TABLE \(name) (lc_row BIGSERIAL, \(columns))",
                     "\\copy \(name) (\(names)) FROM \(dialect.string(path)) WITH (FORMAT csv, HEADER true, DELIMITER "
                        + "\(dialect.string(delimiter)), QUOTE '\"', ESCAPE '\"', ENCODING 'UTF8')"], name)
        case (.localCSV(let path, let header), .spark):
            let columns = header.indices.map { "c\($0) STRING" }.joined(separator: ", ")
            return (["CREATE OR REPLACE TEMPORARY VIEW \(name) (\(columns)) USING csv OPTIONS (path \(dialect.string(path)), "
                        + "header 'true', multiLine 'true', quote '\"', escape '\"', sep \(dialect.string(delimiter)), "
                        + "encoding 'UTF-8', mode 'FAILFAST', ignoreLeadingWhiteSpace 'false', ignoreTrailingWhiteSpace 'false')"],
                    name)
        case (.remoteCSV(let uri), .spark):
            return (["CREATE OR REPLACE TEMPORARY VIEW \(name) USING csv OPTIONS (path \(dialect.string(uri)), header 'true', "
                        + "multiLine 'true', quote '\"', escape '\"', sep \(dialect.string(delimiter)), mode 'FAILFAST', "
                        + "ignoreLeadingWhiteSpace 'false', ignoreTrailingWhiteSpace 'false')"], name)
        case (.parquet(let uri), .spark):
            return ([], "parquet.\(dialect.identifier(uri))")
        case (.table(let table), _):
            return ([], table)
        case (.localCSV, .trino), (.remoteCSV, .trino), (.parquet, .trino):
            // `table:` (a name in `files:` is a path, and matches no file).
            let table = source.table.rawValue
            throw SQLSourceError(source: self, message: "Trino reads tables, not files: name the table in the LedgerSchema "
                + "(e.g. `\(table): {table: hive.lending.\(table)}`)")
        case (.remoteCSV, .postgres), (.parquet, .postgres):
            throw SQLSourceError(source: self, message: "PostgreSQL reads local CSV files and its own tables only")
        }
    }

    /// The record's ordinal in its file, where the engine gives it (NULL otherwise).
    func rowNumber(_ dialect: SQLDialect, alias: String) -> String {
        switch (kind, dialect) {
        case (.localCSV, .postgres): "\(alias).lc_row"
        // The file's own ordinal where DuckDB has one: `ROW_NUMBER() OVER ()` gives the same numbers but
        // is a window over the whole table, which DuckDB computes on one thread, and with it every cell
        // parsed above it (a 1M-loan Parquet audit ran at 60–90% of one core instead of two).
        case (.parquet(let uri), .duckdb) where Self.isSingleFile(uri): "\(alias).file_row_number + 1"
        // Spark's hidden per-file ordinal of a Parquet file (0-based); without it every record was
        // placed at 1 and a loan's fundings came back in no defined order.
        case (.parquet(let uri), .spark) where Self.isSingleFile(uri): "\(alias)._metadata.row_index + 1"
        case (_, .duckdb): "ROW_NUMBER() OVER ()"
        default: "CAST(NULL AS BIGINT)"
        }
    }

    /// A Parquet URI naming one file, not a pattern (a pattern's files would each restart their
    /// `file_row_number`; `ROW_NUMBER() OVER ()` numbers them as one sequence, as before).
    private static func isSingleFile(_ uri: String) -> Bool {
        !uri.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "{" })
    }
}

/// A table the chosen engine cannot read.
struct SQLSourceError: Error, Sendable {
    let source: SQLSource
    let message: String
}
