@testable import LedgerSQL
import Testing

/// The per-dialect overrides of the one printer.
@Suite struct SQLDialectTests {
    @Test func textLiteralsDoubleTheQuoteExceptOnSpark() {
        for dialect in [SQLDialect.duckdb, .postgres, .trino] {
            #expect(dialect.string("it's") == "'it''s'")
            #expect(dialect.string("a\\b") == "'a\\b'")
            #expect(dialect.string("") == "''")
            #expect(dialect.string("''") == "''''''")
            #expect(dialect.string("广东省") == "'广东省'")
        }
    }

    /// Spark reads backslash escapes in literals and takes `''` for two adjacent literals.
    @Test func sparkEscapesWithBackslashesAndNeverWritesALineBreak() {
        #expect(SQLDialect.spark.string("it's") == "'it\\'s'")
        #expect(SQLDialect.spark.string("a\\b") == "'a\\\\b'")
        #expect(SQLDialect.spark.string("\\'") == "'\\\\\\''")
        #expect(SQLDialect.spark.string("one\ntwo\r\tthree") == "'one\\ntwo\\r\\tthree'")
        #expect(SQLDialect.spark.string("") == "''")
        #expect(SQLDialect.spark.string("广东省\u{1E}") == "'广东省\u{1E}'")
        // The runner splits statements at a line holding only `;`: no literal may start one.
        #expect(!SQLDialect.spark.string("x\n;\ny").contains("\n"))
    }

    @Test func identifiersAreQuotedForAnyHeader() {
        #expect(SQLDialect.duckdb.identifier("loan id") == "\"loan id\"")
        #expect(SQLDialect.postgres.identifier("a\"b") == "\"a\"\"b\"")
        #expect(SQLDialect.trino.identifier("借据号") == "\"借据号\"")
        #expect(SQLDialect.spark.identifier("a`b") == "`a``b`")
    }

    @Test func typesAndSettings() {
        #expect(SQLDialect.allCases.map(\.text) == ["VARCHAR", "TEXT", "STRING", "VARCHAR"])
        #expect(SQLDialect.allCases.map { $0.decimal(scale: 12) } == Array(repeating: "DECIMAL(38, 12)", count: 4))
        #expect(SQLDialect.duckdb.widened("x", scale: 2) == "CAST(x AS DECIMAL(38, 2))")
        #expect(SQLDialect.spark.sessionSettings == ["SET spark.sql.ansi.enabled = true",
                                                     "SET spark.sql.decimalOperations.allowPrecisionLoss = false"])
        #expect(SQLDialect.duckdb.sessionSettings.isEmpty && SQLDialect.postgres.sessionSettings.isEmpty
                && SQLDialect.trino.sessionSettings.isEmpty)
    }

    @Test func wholeMatchesAreAnchoredAtTheEndOfTheText() {
        #expect(SQLDialect.duckdb.fullMatch("x", "[0-9]+") == "regexp_full_match(x, '[0-9]+')")
        #expect(SQLDialect.postgres.fullMatch("x", "[0-9]+") == "(x ~ '^([0-9]+)$')")
        // Java's and RE2's `$` also match before a final line break.
        #expect(SQLDialect.spark.fullMatch("x", "[0-9]+") == "(x RLIKE '^([0-9]+)\\\\z')")
        #expect(SQLDialect.trino.fullMatch("x", "[0-9]+") == "regexp_like(x, '^([0-9]+)\\z')")
    }

    @Test func integerDivisionTruncates() {
        #expect(SQLDialect.allCases.map { $0.integerDivision("a", "b") }
                == ["((a) // (b))", "((a) / (b))", "((a) DIV (b))", "((a) / (b))"])
    }

    @Test func byteOrderIsExplicitOnlyWherePostgreSQLWouldUseTheLocale() {
        #expect(SQLDialect.postgres.byteOrder("k") == "k COLLATE \"C\"")
        #expect(SQLDialect.duckdb.byteOrder("k") == "k")
        #expect(SQLDialect.spark.byteOrder("k") == "k")
        #expect(SQLDialect.trino.byteOrder("k") == "k")
    }
}
