import Compliance
import LedgerAudit
@testable import LedgerSQL
import LedgerPlan
import Testing

/// The compiled script of one small request per dialect: how each engine reads the tape, the settings
/// that make it exact, every Loan rule in one scan, and one result query.
@Suite struct SQLScriptTests {
    /// The script for the small tape (local CSV; tables for Trino) and the request it was compiled from.
    private func compile(_ dialect: SQLDialect, schema: String = SmallTape.localSchema) throws
        -> (script: SQLScript, request: LedgerRequest, directory: String) {
        let scratch = try ScratchDirectory(SmallTape.files(schema: schema))
        defer { scratch.remove() }
        let request = try SQLTestRequests.request([scratch.path], rules: try SQLTestRequests.shippedRules())
        return (try SQLCompiler.compile(request, dialect: dialect).script, request, scratch.path)
    }

    /// The statements of a script's text (each ends with a line holding only `;`).
    private func statements(_ text: String) -> [String] {
        #expect(text.hasSuffix("\n;\n"))
        return text.components(separatedBy: "\n;\n").dropLast()
    }

    static let loansColumns = (0...10).map { "c\($0)" }

    @Test func duckDBReadsTheCSVStrictlyWithTheHeaderColumnsAsText() throws {
        let (script, _, directory) = try compile(.duckdb)
        #expect(script.setup.isEmpty)
        let types = Self.loansColumns.map { "'\($0)': 'VARCHAR'" }.joined(separator: ", ")
        #expect(script.text.contains("FROM read_csv('\(directory)/tape/loans.csv', header = true, delim = ',', quote = '\"', escape = '\"', "
            + "columns = {\(types)}, auto_detect = false, strict_mode = true, null_padding = false, parallel = true) s"))
        #expect(script.text.contains("FROM read_csv('\(directory)/tape/fundings.csv', header = true, delim = ',', quote = '\"', "
            + "escape = '\"', columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'}, auto_detect = false"))
        // Cells by their position in the header; a canonical column the file lacks is NULL.
        let loanCells = try #require(script.relations.first { $0.name == "lc_loan_cells" }).query
        #expect(loanCells.contains("NULLIF(s.c0, '') AS r_loan_id"))
        #expect(loanCells.contains("NULLIF(s.c10, '') AS r_region"))
        #expect(loanCells.contains("CAST(NULL AS VARCHAR) AS r_credit_line"))
        #expect(loanCells.contains("ROW_NUMBER() OVER () AS row_no"))
        let texts = statements(script.text)
        #expect(texts.count == script.relations.count + 1)
        for (relation, text) in zip(script.relations, texts) {
            #expect(text == "CREATE TEMPORARY \(relation.materialise ? "TABLE" : "VIEW") \(relation.name) AS\n\(relation.query)")
        }
        #expect(texts.last == script.result)
    }

    @Test func postgreSQLCopiesEachFileIntoATableOfItsHeaderColumns() throws {
        let (script, _, directory) = try compile(.postgres)
        #expect(script.setup == [
            "CREATE TEMPORARY TABLE lc_src1 (lc_row BIGSERIAL, \(Self.loansColumns.map { "\($0) TEXT" }.joined(separator: ", ")))",
            "\\copy lc_src1 (\(Self.loansColumns.joined(separator: ", "))) FROM '\(directory)/tape/loans.csv' WITH (FORMAT csv, "
                + "HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', ENCODING 'UTF8')",
            "CREATE TEMPORARY TABLE lc_src2 (lc_row BIGSERIAL, c0 TEXT, c1 TEXT, c2 TEXT)",
            "\\copy lc_src2 (c0, c1, c2) FROM '\(directory)/tape/fundings.csv' WITH (FORMAT csv, HEADER true, DELIMITER ',', "
                + "QUOTE '\"', ESCAPE '\"', ENCODING 'UTF8')",
        ])
        // psql runs a meta-command to the end of its line: each is one line.
        #expect(script.setup.allSatisfy { !$0.contains("\n") })
        let loanCells = try #require(script.relations.first { $0.name == "lc_loan_cells" }).query
        #expect(loanCells.contains("s.lc_row AS row_no"))
        #expect(loanCells.contains("FROM lc_src1 s"))
        // Listed keys in byte order, whatever the database's collation.
        #expect(script.text.contains("ROW_NUMBER() OVER (ORDER BY loan_id COLLATE \"C\") AS lc_rank"))
        #expect(statements(script.text).count == script.setup.count + script.relations.count + 1)
    }

    @Test func sparkSetsANSIModeFirstAndCachesWhatIsReadTwice() throws {
        let (script, _, directory) = try compile(.spark)
        #expect(script.text.hasPrefix("SET spark.sql.ansi.enabled = true\n;\nSET spark.sql.decimalOperations.allowPrecisionLoss = false\n;\n"))
        #expect(script.setup.count == 4)
        #expect(script.setup[2] == "CREATE OR REPLACE TEMPORARY VIEW lc_src1 (\(Self.loansColumns.map { "\($0) STRING" }.joined(separator: ", "))) "
            + "USING csv OPTIONS (path '\(directory)/tape/loans.csv', header 'true', multiLine 'true', quote '\"', escape '\"', sep ',', "
            + "encoding 'UTF-8', mode 'FAILFAST', ignoreLeadingWhiteSpace 'false', ignoreTrailingWhiteSpace 'false')")
        let texts = statements(script.text)
        #expect(texts.contains("CACHE TABLE lc_loan"))
        #expect(texts.contains("CACHE TABLE lc_loanres"))
        #expect(!texts.contains("CACHE TABLE lc_errors"))
        #expect(!texts.contains("CACHE TABLE lc_fund_rows"))
        let cached = script.relations.filter(\.materialise).count
        #expect(texts.count == script.setup.count + script.relations.count + cached + 1)
        // The runner splits at lines holding only `;`: none inside a statement.
        #expect(texts.allSatisfy { !$0.split(separator: "\n", omittingEmptySubsequences: false).contains(";") })
        // Spark has no record numbers: loans are placed by loancheck's own reader.
        #expect(try #require(script.relations.first { $0.name == "lc_loan_cells" }).query.contains("CAST(NULL AS BIGINT) AS row_no"))
    }

    @Test func trinoIsOneQueryOverTheCatalogueTables() throws {
        let (script, _, _) = try compile(.trino, schema: SmallTape.tableSchema)
        let texts = statements(script.text)
        #expect(texts.count == 1)
        let query = try #require(texts.first)
        #expect(query.hasPrefix("WITH lc_inst AS (\n"))
        #expect(!query.contains("CREATE "))
        #expect(query.contains("FROM hive.lending.loans s"))
        #expect(query.contains("FROM hive.lending.fundings s"))
        #expect(query.contains("FROM hive.lending.borrower_groups s"))
        #expect(query.contains("NULLIF(CAST(s.\"loan_id\" AS VARCHAR), '') AS r_loan_id"))
        #expect(query.hasSuffix("\n" + script.result))
        #expect(query.contains("regexp_like("))
        #expect(!query.contains("regexp_full_match"))
    }

    /// Deequ's and Soda's fusion: every Loan rule in one scan of the loans, one relation per group rule.
    @Test func everyLoanRuleIsOneScanAndEveryRuleHasItsTotals() throws {
        let scratch = try ScratchDirectory(SmallTape.files())
        defer { scratch.remove() }
        let request = try SQLTestRequests.request([scratch.path], rules: try SQLTestRequests.shippedRules())
        let compilation = try SQLCompiler.compile(request, dialect: .duckdb)
        let script = compilation.script
        let scans = script.relations.filter { $0.query.hasPrefix("SELECT l.loan_id,\n  l.lender,\n  l.file_no,\n  l.row_no,\n") }
        #expect(scans.map(\.name) == ["lc_loanres"])
        let scan = try #require(scans.first).query
        // The Loan rules in force on the as-of date (a repealed one still binds the loans made before).
        let loanRules = request.rules.indices.filter { if case .loan = request.rules[$0].plan { true } else { false } }
        #expect(compilation.loanRules == loanRules)
        for index in compilation.loanRules {
            #expect(scan.contains(" AS s\(index),\n") && scan.contains(" AS v\(index)"), "\(request.rules[index].rule.id)")
        }
        // A group rule is grouped once, in its own relations; one not in force on the as-of date is not compiled.
        let groupRules = request.rules.indices.filter { index in
            if case .group = request.rules[index].plan { Regime.isInForce(request.rules[index].rule, on: request.asOf) } else { false }
        }
        #expect(compilation.groupRules == groupRules)
        #expect(!groupRules.isEmpty)
        let names = Set(script.relations.map(\.name))
        for index in groupRules {
            #expect(["lc_gp\(index)", "lc_g\(index)", "lc_gr\(index)", "lc_lg\(index)", "lc_lc\(index)"].allSatisfy(names.contains))
        }
        for index in compilation.loanRules + compilation.groupRules {
            let rule = "'\(request.rules[index].rule.id)'"
            #expect(script.result.contains("CAST('total' AS VARCHAR) AS section, COALESCE(CAST(\(rule) AS VARCHAR), '\u{1E}') AS rule"))
        }
        #expect(script.result.hasPrefix("SELECT CAST('rows' AS VARCHAR) AS section, "))
    }

    @Test func theResultHasTheSameColumnsInEveryDialect() throws {
        #expect(SQLScript.resultColumns == ["section", "rule", "k", "severity", "status", "a", "b", "c", "d", "e"])
        #expect(SQLScript.row(.postgres, section: "rows", ["a": "n"]) == "CAST('rows' AS TEXT) AS section, "
            + ["rule", "k", "severity", "status"].map { "CAST('\u{1E}' AS TEXT) AS \($0)" }.joined(separator: ", ")
            + ", COALESCE(CAST(n AS TEXT), '\u{1E}') AS a, "
            + ["b", "c", "d", "e"].map { "CAST('\u{1E}' AS TEXT) AS \($0)" }.joined(separator: ", "))
    }
}
