/// The SQL dialects loancheck prints: one printer, these overrides (the model is Soda Core's
/// `SqlDialect` subclasses). Everything else — three-valued logic, `CASE`, `UNION ALL`, window
/// functions, `(VALUES …) AS t(…)` — is written once in the common subset the four engines share.
public enum SQLDialect: String, Sendable, CaseIterable {
    case duckdb
    case postgres
    case spark
    case trino

    /// The exact decimal type with `scale` fractional digits (precision 38 everywhere; PostgreSQL's
    /// `NUMERIC` has no limit but is given the same, so every engine overflows alike).
    func decimal(scale: Int) -> String { "DECIMAL(38, \(scale))" }

    /// `expression` as a 38-digit decimal of `scale`: DuckDB types a product or sum by its operands'
    /// widths (`DECIMAL(18,2) * DECIMAL(16,10)` is `DECIMAL(18,12)`), which overflows on valid data
    /// unless the operands are widened first.
    func widened(_ expression: String, scale: Int) -> String { "CAST(\(expression) AS \(decimal(scale: scale)))" }

    /// A decimal type of `precision` digits, `scale` of them fractional.
    func decimal(precision: Int, scale: Int) -> String { "DECIMAL(\(precision), \(scale))" }

    /// The text type.
    var text: String {
        switch self {
        case .duckdb: "VARCHAR"
        case .postgres: "TEXT"
        case .spark: "STRING"
        case .trino: "VARCHAR"
        }
    }

    /// A text literal. Spark reads backslash escapes in literals and takes `''` for two adjacent
    /// literals, so it escapes with backslashes; the others double the quote.
    func string(_ value: String) -> String {
        switch self {
        case .spark:
            var escaped = ""
            for character in value.unicodeScalars {
                switch character {
                case "\\": escaped += "\\\\"
                case "'": escaped += "\\'"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\t": escaped += "\\t"
                default: escaped.unicodeScalars.append(character)
                }
            }
            return "'" + escaped + "'"
        case .duckdb, .postgres, .trino:
            return "'" + value.replacing("'", with: "''") + "'"
        }
    }

    /// Statements that start the script: exact decimals and failing overflows where that is a setting.
    var sessionSettings: [String] {
        switch self {
        case .spark: ["SET spark.sql.ansi.enabled = true", "SET spark.sql.decimalOperations.allowPrecisionLoss = false"]
        case .duckdb, .postgres, .trino: []
        }
    }

    /// The 64-bit integer type.
    var bigint: String { "BIGINT" }

    /// `value` (text) matches `pattern` as a whole (the patterns used are plain POSIX/RE2/Java-common
    /// syntax: classes, `?`, `{m,n}`, alternation).
    func fullMatch(_ value: String, _ pattern: String) -> String {
        let literal = string(pattern)
        let anchored = string("^(" + pattern + ")$")
        switch self {
        case .duckdb: return "regexp_full_match(\(value), \(literal))"
        case .postgres: return "(\(value) ~ \(anchored))"
        // Java's `$` also matches before a final line break: `\z` is the end of the text.
        case .spark: return "(\(value) RLIKE \(string("^(" + pattern + ")\\z")))"
        case .trino: return "regexp_like(\(value), \(string("^(" + pattern + ")\\z")))"
        }
    }

    /// Group `group` of the first match of `pattern` in `value`, NULL when the group matched nothing.
    func regexGroup(_ value: String, _ pattern: String, _ group: Int) -> String {
        switch self {
        case .duckdb, .spark, .trino: "NULLIF(regexp_extract(\(value), \(string(pattern)), \(group)), '')"
        case .postgres: "NULLIF((regexp_match(\(value), \(string(pattern))))[\(group)], '')"
        }
    }

    /// The texts of a group joined by `separator`, in `orderBy` order.
    func orderedConcat(_ value: String, separator: String, orderBy: String) -> String {
        switch self {
        case .duckdb, .postgres: "string_agg(\(value), \(string(separator)) ORDER BY \(orderBy))"
        case .trino: "array_join(array_agg(\(value) ORDER BY \(orderBy)), \(string(separator)))"
        case .spark:
            // Sorted by the ordering columns, then the texts taken out.
            "array_join(transform(array_sort(collect_list(struct(\(orderBy), \(value) AS lc_value))), lc_item -> lc_item.lc_value), "
                + "\(string(separator)))"
        }
    }

    /// `value` with every `,` removed.
    func removingCommas(_ value: String) -> String { "replace(\(value), ',', '')" }

    /// Integer division truncating toward zero, of non-negative integers.
    func integerDivision(_ left: String, _ right: String) -> String {
        switch self {
        case .duckdb: "((\(left)) // (\(right)))"
        case .postgres, .trino: "((\(left)) / (\(right)))"
        case .spark: "((\(left)) DIV (\(right)))"
        }
    }

    /// Text in byte (code point) order, for `ORDER BY`: what the stream engine sorts keys by.
    func byteOrder(_ expression: String) -> String {
        switch self {
        case .postgres: "\(expression) COLLATE \"C\""
        case .duckdb, .spark, .trino: expression
        }
    }

    /// A whole number as text.
    func integerText(_ expression: String) -> String { "CAST(\(expression) AS \(text))" }

    /// The length of a text in characters.
    func length(_ expression: String) -> String {
        switch self {
        case .duckdb, .postgres, .trino: "length(\(expression))"
        case .spark: "char_length(\(expression))"
        }
    }

    /// `substring(text, from, length)`, 1-based.
    func substring(_ expression: String, from: Int, length: String) -> String {
        "substr(\(expression), \(from), \(length))"
    }

    /// A regular-expression class of the control characters a text cell must not hold (PostgreSQL
    /// text cannot hold NUL at all).
    var controlCharacterClass: String {
        switch self {
        case .postgres: "[\\x01-\\x1f\\x7f]"
        case .duckdb, .spark, .trino: "[\\x00-\\x1f\\x7f]"
        }
    }

    /// A quoted identifier (a header of the user's file may hold any character).
    func identifier(_ name: String) -> String {
        switch self {
        case .spark: "`" + name.replacing("`", with: "``") + "`"
        case .duckdb, .postgres, .trino: "\"" + name.replacing("\"", with: "\"\"") + "\""
        }
    }

    /// Text to a whole number; the text is known to be digits.
    func digitsToInteger(_ expression: String) -> String { "CAST(\(expression) AS BIGINT)" }
}
