import Diagnostics
import RuleLanguage
import YAML

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads `kind: LedgerSchema` documents strictly: unknown keys, a missing table, a mapping to a column
/// that does not exist, a format that does not fit the column and a glob that matches no file are all
/// located errors with a hint.
public struct LedgerSchemaReader {
    private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    private static let documentKeys = ["kind", "id", "as_of", "loans", "fundings", "borrower_groups", "columns", "doc"]
    private static let tableKeys = ["files", "table", "columns", "delimiter"]

    /// The schema, or every problem found in it.
    public static func read(_ node: Node, file: String) throws(DiagnosticList) -> LedgerSchema {
        var reader = LedgerSchemaReader()
        guard let schema = reader.schema(node, file: file), reader.diagnostics.isEmpty else {
            throw DiagnosticList(reader.diagnostics)
        }
        return schema
    }

    private mutating func schema(_ node: Node, file: String) -> LedgerSchema? {
        guard let fields = fields(of: node, "a LedgerSchema", allowed: Self.documentKeys, required: ["id", "as_of", "loans"]) else {
            return nil
        }
        let id = text(fields["id"], "the schema id")
        if let id, !Self.isIdentifier(id) {
            error("'\(id)' is not a valid id", fields["id"]?.location, hint: "ids use lowercase letters, digits and hyphens, e.g. platform-tape-2026-11")
        }
        var asOf: CivilDate?
        if let node = fields["as_of"], let written = text(node, "as_of") {
            do {
                asOf = try UnitParser.date(written)
            } catch {
                diagnostics.append(error.diagnostic(in: written, origin: node.textOrigin))
            }
        }
        let directory = Self.directory(of: file)
        if fields["columns"] != nil, fields["loans"]?.value(forKey: "columns") != nil {
            error("the loans' columns are mapped twice", fields["columns"]?.location,
                  hint: "keep one `columns:`, at the top or under `loans:`")
        }
        let loans = fields["loans"].flatMap { table(.loans, $0, topColumns: fields["columns"], directory: directory) }
        let fundings = fields["fundings"].flatMap { table(.fundings, $0, topColumns: nil, directory: directory) }
        let groups = fields["borrower_groups"].flatMap { table(.borrowerGroups, $0, topColumns: nil, directory: directory) }
        guard let id, let asOf, let loans, diagnostics.isEmpty else { return nil }
        return LedgerSchema(id: id, asOf: asOf, file: file, location: node.location,
                            asOfLocation: fields["as_of"]?.location ?? node.location,
                            loans: loans, fundings: fundings, borrowerGroups: groups)
    }

    private mutating func table(_ table: TapeTable, _ node: Node, topColumns: Node?, directory: String) -> TableSource? {
        guard let fields = fields(of: node, "the \(table.rawValue) table", allowed: Self.tableKeys, required: []) else { return nil }
        var files: [String] = []
        var external: [String] = []
        if let filesNode = fields["files"] {
            guard let items = filesNode.sequence else {
                error("'files' must be a list of paths or globs", filesNode.location, hint: "write files: [loans-*.csv]")
                return nil
            }
            for item in items {
                guard let pattern = text(item, "a file") else { continue }
                if pattern.contains("://") {
                    external.append(pattern)
                    continue
                }
                let matches = Self.expand(pattern, relativeTo: directory)
                if matches.isEmpty {
                    error("no file matches '\(pattern)'", item.location,
                          hint: "paths and globs are relative to the schema's directory (\(directory))")
                }
                // Parquet is read by the SQL engines only: kept apart from the CSV files the stream engine reads.
                for match in matches {
                    if match.lowercased().hasSuffix(".parquet") { external.append(match) } else { files.append(match) }
                }
            }
        }
        if let tableNode = fields["table"], let name = text(tableNode, "a table name") { external.append(name) }
        if files.isEmpty, external.isEmpty {
            error("the \(table.rawValue) table names no file", node.location, hint: "add files: [PATH or GLOB, …]")
        }
        var delimiter = UInt8(ascii: ",")
        if let node = fields["delimiter"], let written = text(node, "the delimiter") {
            let decoded = written == "\\t" ? "\t" : written
            if decoded.utf8.count == 1, let byte = decoded.utf8.first, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n") {
                delimiter = byte
            } else {
                error("a delimiter is one character other than a quote or a line break, found '\(written)'", node.location,
                      hint: "write delimiter: \"|\" or delimiter: \"\\t\"")
            }
        }
        let columns = (fields["columns"] ?? topColumns).map { self.columns(table, $0) } ?? [:]
        var seen = Set<String>()
        for (_, spec) in columns.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !seen.insert(spec.header).inserted {
            error("two canonical columns are mapped to '\(spec.header)'", spec.location)
        }
        return TableSource(table: table, files: files, external: external, delimiter: delimiter, columns: columns,
                           location: node.location)
    }

    private mutating func columns(_ table: TapeTable, _ node: Node) -> [TapeColumn: ColumnSpec] {
        guard let entries = node.mapping else {
            error("'columns' must map canonical names to the files' columns", node.location,
                  hint: "write columns: {loan_id: XDJJH, disbursed_on: {column: DKFFRQ, format: yyyyMMdd}}")
            return [:]
        }
        var result: [TapeColumn: ColumnSpec] = [:]
        for entry in entries {
            let name = entry.key.scalar?.text ?? ""
            guard let column = TapeColumn.named(name, in: table) else {
                error("'\(name)' is not a column of the \(table.rawValue) table", entry.key.location,
                      hint: Suggestions.hint(for: name, in: table.columns.map(\.name))
                          ?? "columns: " + table.columns.map(\.name).joined(separator: ", "))
                continue
            }
            if let header = entry.value.scalar?.text, !entry.value.isNull {
                result[column] = ColumnSpec(header: header, format: .standard, values: nil, location: entry.value.location)
                continue
            }
            guard let fields = fields(of: entry.value, "the mapping of '\(name)'", allowed: ["column", "format", "values"],
                                      required: ["column"]),
                  let header = text(fields["column"], "the column name") else { continue }
            var format = CellFormat.standard
            if let formatNode = fields["format"], let written = text(formatNode, "the format") {
                let allowed = CellFormat.allowed(for: column.kind)
                if let parsed = CellFormat(rawValue: written), allowed.contains(parsed) {
                    format = parsed
                } else {
                    let names = allowed.filter { $0 != .standard }.map(\.rawValue)
                    error("'\(written)' is not a format of the \(name) column", formatNode.location,
                          hint: names.isEmpty ? "\(name) has no formats" : "formats: " + names.joined(separator: ", "))
                }
            }
            var values: [String: String]?
            if let valuesNode = fields["values"] { values = codes(column, valuesNode) }
            result[column] = ColumnSpec(header: header, format: format, values: values, location: entry.value.location)
        }
        return result
    }

    /// `values: {"1": individual, "2": business}` for a choice or boolean column written as codes.
    private mutating func codes(_ column: TapeColumn, _ node: Node) -> [String: String]? {
        let canonical: [String]
        switch column.kind {
        case .choice(let choices): canonical = choices
        case .boolean: canonical = ["true", "false"]
        default:
            error("only choice and boolean columns take 'values'", node.location)
            return nil
        }
        guard let entries = node.mapping else {
            error("'values' must map each code to a value", node.location, hint: "write values: {\"1\": \(canonical[0])}")
            return nil
        }
        var result: [String: String] = [:]
        for entry in entries {
            guard let code = entry.key.scalar?.text, let value = text(entry.value, "a value") else { continue }
            guard canonical.contains(value) else {
                error("'\(value)' is not a value of \(column.name)", entry.value.location,
                      hint: Suggestions.hint(for: value, in: canonical) ?? "values: " + canonical.joined(separator: ", "))
                continue
            }
            result[code] = value
        }
        return result
    }

    // MARK: - Strict mapping reading

    private mutating func fields(of node: Node, _ context: String, allowed: [String], required: [String]) -> [String: Node]? {
        guard let entries = node.mapping else {
            error("expected a mapping for \(context), found a \(node.kindName)", node.location)
            return nil
        }
        var result: [String: Node] = [:]
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            if allowed.contains(key) {
                result[key] = entry.value
            } else {
                error("unknown key '\(key)' in \(context)", entry.key.location,
                      hint: Suggestions.hint(for: key, in: allowed) ?? "keys: " + allowed.joined(separator: ", "))
            }
        }
        for key in required where result[key] == nil { error("\(context) is missing '\(key)'", node.location) }
        return result
    }

    private mutating func text(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let text = node.scalar?.text, !node.isNull else {
            error("expected text for \(what), found a \(node.isNull ? "null" : node.kindName)", node.location)
            return nil
        }
        return text
    }

    private mutating func error(_ message: String, _ location: SourceLocation?, hint: String? = nil) {
        diagnostics.append(.error(message, at: location, hint: hint))
    }

    // MARK: - Paths

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// The regular files matching `pattern` (relative to `directory` unless absolute), sorted.
    static func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : directory + "/" + pattern
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(full, 0, nil, &matches) == 0 else { return [] }
        var result: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            guard let pointer = matches.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            var status = stat()
            if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG { result.append(path) }
        }
        return result.sorted()
    }
}
