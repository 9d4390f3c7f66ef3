import Foundation
import LoanCheckTestSupport
import Testing

/// The SQL engines against the stream engine, through the built binary and the engines' own clients:
/// the same JSON report (apart from the engine's name) and the same `--failures-out` files on the same
/// data. Each engine's tests run only when it is available (`scripts/sql-conformance.sh` sets them up);
/// the fail-closed cases that need no engine always run (`SQLConformanceTests.FailClosed`).
@Suite(.serialized) struct SQLConformanceTests {
    typealias L = LoanCheckBinary
    typealias C = SQLConformance

    static let examples = L.repository + "/Examples"

    // MARK: - The examples

    @Test(.enabled(if: SQLEngines.duckdb != nil)) func examplesOnDuckDBAreTheStreamEnginesReport() throws {
        let stream = try C.audit([Self.examples], engine: "stream")
        #expect(stream.status == 1)
        C.expectSameReport(try C.audit([Self.examples], engine: "duckdb"), engine: "duckdb", as: stream)
    }

    @Test(.enabled(if: SQLEngines.psql != nil)) func examplesOnPostgreSQLAreTheStreamEnginesReport() throws {
        let stream = try C.audit([Self.examples], engine: "stream")
        C.expectSameReport(try C.audit([Self.examples], engine: "postgres"), engine: "postgres", as: stream)
    }

    // MARK: - A generated tape with every boundary row

    @Test(.enabled(if: SQLEngines.duckdb != nil)) func aGeneratedTapeOnDuckDBIsTheStreamEnginesReportAndFailures() throws {
        let tape = try GeneratedTape()
        defer { tape.remove() }
        try tape.expectConformance(engine: "duckdb")
    }

    @Test(.enabled(if: SQLEngines.psql != nil)) func aGeneratedTapeOnPostgreSQLIsTheStreamEnginesReportAndFailures() throws {
        let tape = try GeneratedTape()
        defer { tape.remove() }
        try tape.expectConformance(engine: "postgres")
    }

    /// One Spark session (`local[2]`), about two minutes.
    @Test(.enabled(if: SQLEngines.spark != nil)) func aGeneratedTapeOnSparkIsTheStreamEnginesReportAndFailures() throws {
        let tape = try GeneratedTape()
        defer { tape.remove() }
        try tape.expectConformance(engine: "spark", timeout: 900)
    }

    // MARK: - Spellings and paths

    /// Money, percentages and provinces in the unit parser's spellings are read by the SQL engines as the
    /// stream engine reads them (1 fen over or under a bound decides a finding).
    @Test(.enabled(if: SQLEngines.duckdb != nil || SQLEngines.psql != nil)) func theUnitParsersSpellingsReadTheSameOnEveryEngine() throws {
        let loans = SQLTapes.header + """
            L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,20万,¥200000,23.5 %,广东省
            L2,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,"¥200,000.00",1.5万元,24.00000001%,gd
            L3,bank-a,B2,individual,consumption,2025-01-10,2025-01-10,CNY 200000,200000 RMB,24％,Guangdong
            L4,bank-a,B3,business,business,2025-01-10,2025-01-10,.5,0.01,24%,CN-GD
            L5,oml-a,B4,individual,consumption,2025-01-10,2025-01-10,1.5亿,0.1万, 36% ,广东

            """
        let directory = try C.directory(SQLTapes.files(loans: loans))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stream = try C.audit([directory], engine: "stream")
        #expect(stream.status == 1, "\(stream.stderr)")
        #expect(stream.stdout.contains("\"id\": \"L2\""))
        for engine in SQLTapes.availableEngines {
            C.expectSameReport(try C.audit([directory], engine: engine), engine: engine, as: stream)
        }
    }

    /// A tape under a directory whose name holds quotes, a space, a semicolon and Chinese: the file paths
    /// are literals in DuckDB's `read_csv` and PostgreSQL's `\copy`.
    @Test(.enabled(if: SQLEngines.duckdb != nil || SQLEngines.psql != nil)) func aPathWithQuotesAndSpacesIsReadOnEveryEngine() throws {
        let directory = try C.directory(SQLTapes.files(loans: SQLTapes.loans), under: "it's a \"tape\"; 借据 x")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stream = try C.audit([directory], engine: "stream")
        #expect(stream.status == 1, "\(stream.stderr)")
        for engine in SQLTapes.availableEngines {
            C.expectSameReport(try C.audit([directory], engine: engine), engine: engine, as: stream)
        }
    }

    // MARK: - Printed SQL run by the user's own client

    /// `loancheck sql` → `duckdb -csv -c ".read script.sql" > result.csv` → `loancheck import`: the
    /// report `--engine duckdb` gives.
    @Test(.enabled(if: SQLEngines.duckdb != nil)) func aPrintedDuckDBScriptRunByItsCLIImportsAsTheEngineReports() throws {
        let duckdb = try #require(SQLEngines.duckdb)
        try expectImportIsTheEngine("duckdb") { script, result in
            try C.runClient(duckdb, ["-csv", "-c", ".read \(script)"], outputFile: result)
        }
    }

    /// The same with `psql --csv -f script.sql > result.csv`.
    @Test(.enabled(if: SQLEngines.psql != nil)) func aPrintedPostgreSQLScriptRunByPsqlImportsAsTheEngineReports() throws {
        let psql = try #require(SQLEngines.psql)
        try expectImportIsTheEngine("postgres") { script, result in
            try C.runClient(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-f", script], outputFile: result)
        }
    }

    private func expectImportIsTheEngine(_ dialect: String, run: (String, String) throws -> (status: Int32, stderr: String)) throws {
        let directory = try L.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (script, manifest, result) = (directory + "/script.sql", directory + "/manifest.json", directory + "/result.csv")
        let printed = try L.run(["sql", "--dialect", dialect, Self.examples, "--as-of", C.asOf, "--output", script, "--manifest", manifest])
        #expect(printed.status == 0, "\(printed.stderr)")
        let ran = try run(script, result)
        #expect(ran.status == 0, "\(ran.stderr)")
        let imported = try L.run(["import", result, "--manifest", manifest, Self.examples, "--as-of", C.asOf, "--format", "json"])
        let engine = try C.audit([Self.examples], engine: dialect)
        #expect(imported.status == 1 && engine.status == 1, "\(imported.stderr)")
        #expect(C.firstDifference(imported.stdout, engine.stdout) == nil)
        #expect(imported.stderr == engine.stderr)
    }

    // MARK: - Trino

    /// The Trino script of a schema of catalogue tables is one query sqlglot parses as Trino, and calls
    /// only functions Trino has.
    @Test(.enabled(if: SQLEngines.sqlglotPython != nil)) func theTrinoScriptParsesAndCallsOnlyTrinoFunctions() throws {
        let python = try #require(SQLEngines.sqlglotPython)
        let directory = try C.directory(["schema.yaml": SQLTapes.tableSchema])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/script.sql"
        let paths = ["institutions", "products", "waivers"].map { Self.examples + "/" + $0 } + [directory]
        let printed = try L.run(["sql", "--dialect", "trino"] + paths + ["--as-of", C.asOf, "--output", script])
        #expect(printed.status == 0, "\(printed.stderr)")
        let parsed = try C.runClient(python, ["-c", Self.functionLister, script], outputFile: directory + "/functions.txt")
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let lines = try String(contentsOfFile: directory + "/functions.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "statements 1")
        let functions = Set(lines.dropFirst())
        #expect(functions.subtracting(Self.trinoFunctions) == [])
        // The check sees the calls: the regular expressions, the casts, the windows.
        #expect(functions.isSuperset(of: ["CAST", "REGEXP_LIKE", "REGEXP_EXTRACT", "ROW_NUMBER", "SUM", "ARRAY_JOIN"]))
    }

    /// Functions of Trino's documentation (https://trino.io/docs/current/functions/list.html) the
    /// compiled SQL may call.
    static let trinoFunctions: Set<String> = [
        "ARRAY_AGG", "ARRAY_JOIN", "CAST", "COALESCE", "COUNT", "LENGTH", "LOWER", "MAX", "MIN", "NULLIF", "REGEXP_EXTRACT",
        "REGEXP_LIKE", "REPLACE", "ROW_NUMBER", "RPAD", "SUBSTR", "SUM", "TRIM",
    ]

    /// Parses the script as Trino (an error is a failure), prints `statements N`, then the name of every
    /// function call as sqlglot writes it for Trino.
    static let functionLister = #"""
        import re, sys
        import sqlglot
        from sqlglot import exp, ErrorLevel
        text = open(sys.argv[1], encoding="utf-8").read()
        trees = [t for t in sqlglot.parse(text, read="trino", error_level=ErrorLevel.RAISE) if t is not None]
        print("statements", len(trees))
        names = set()
        for tree in trees:
            tree.sql(dialect="trino", unsupported_level=ErrorLevel.RAISE)
            for node in tree.find_all(exp.Func):
                # AND/OR, CASE's branches and EXISTS (subquery) are syntax (sqlglot writes a one-branch CASE as
                # IF, and models EXISTS as a function).
                if isinstance(node, (exp.Connector, exp.Case, exp.If, exp.Exists)):
                    continue
                match = re.match(r"([A-Za-z_][A-Za-z_0-9]*)\(", node.sql(dialect="trino"))
                if match:
                    names.add(match.group(1).upper())
        for name in sorted(names):
            print(name)
        """#
}

/// Small tapes written by the tests.
enum SQLTapes {
    static let institutions = SmallLedgerTape.institutions

    static let schema = SmallLedgerTape.schema
    static let header = SmallLedgerTape.header
    static let loans = SmallLedgerTape.loans
    static let fundings = SmallLedgerTape.fundings

    static func files(loans: String, fundings: String = fundings) -> [String: String] {
        ["institutions.yaml": institutions, "tape/schema.yaml": schema, "tape/loans.csv": loans, "tape/fundings.csv": fundings]
    }

    static let tableSchema = """
        kind: LedgerSchema
        id: lake
        as_of: 2026-10-31
        loans: {table: hive.lending.loans}
        fundings: {table: hive.lending.fundings}
        borrower_groups: {table: hive.lending.borrower_groups}

        """

    static var availableEngines: [String] {
        (SQLEngines.duckdb == nil ? [] : ["duckdb"]) + (SQLEngines.psql == nil ? [] : ["postgres"])
    }
}
