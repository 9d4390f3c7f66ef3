/// A compiled ledger audit: named relations computed in order, then one result query whose rows
/// loancheck reads back (`SQLResult`). How a relation is realised is the dialect's business: a
/// temporary table (DuckDB, PostgreSQL), a cached temporary view (Spark), a `WITH` clause (Trino).
public struct SQLScript: Sendable {
    /// One named relation.
    public struct Relation: Sendable {
        public let name: String
        public let query: String
        /// Read more than once, or large: materialise it where the dialect can.
        public let materialise: Bool
    }

    public let dialect: SQLDialect
    public private(set) var setup: [String] = []
    public private(set) var relations: [Relation] = []
    /// The final query: rows of `(section, rule, k, severity, status, a, b, c, d, e)`, all text.
    public var result = ""

    public init(dialect: SQLDialect) { self.dialect = dialect }

    mutating func add(setup statement: String) { setup.append(statement) }

    mutating func add(_ name: String, materialise: Bool = true, _ query: String) {
        relations.append(Relation(name: name, query: query, materialise: materialise))
    }

    /// The script as text: each statement followed by a line holding only `;` (a literal never holds a
    /// raw line break: the Spark runner splits there).
    public var text: String {
        var statements = setup
        switch dialect {
        case .trino:
            var with = relations.map { "\($0.name) AS (\n\($0.query)\n)" }.joined(separator: ",\n")
            if !with.isEmpty { with = "WITH " + with + "\n" }
            statements.append(with + result)
        case .duckdb, .postgres:
            for relation in relations {
                statements.append("CREATE TEMPORARY \(relation.materialise ? "TABLE" : "VIEW") \(relation.name) AS\n\(relation.query)")
            }
            statements.append(result)
        case .spark:
            for relation in relations {
                statements.append("CREATE OR REPLACE TEMPORARY VIEW \(relation.name) AS\n\(relation.query)")
                if relation.materialise { statements.append("CACHE TABLE \(relation.name)") }
            }
            statements.append(result)
        }
        return statements.map { $0 + "\n;\n" }.joined()
    }

    /// The columns of the result query, in order.
    public static let resultColumns = ["section", "rule", "k", "severity", "status", "a", "b", "c", "d", "e"]

    /// One result row of `section`: the named columns as text, NULL written as `SQLResult.null` — so the
    /// result means the same however a user's tool exports it (engines print NULL as `NULL`, `\N` or
    /// nothing).
    static func row(_ dialect: SQLDialect, section: String, _ values: [String: String]) -> String {
        let null = dialect.string(SQLResult.null)
        let cells = resultColumns.map { column -> String in
            if column == "section" { return "CAST(\(dialect.string(section)) AS \(dialect.text)) AS section" }
            guard let value = values[column] else { return "CAST(\(null) AS \(dialect.text)) AS \(column)" }
            return "COALESCE(CAST(\(value) AS \(dialect.text)), \(null)) AS \(column)"
        }
        return cells.joined(separator: ", ")
    }
}
