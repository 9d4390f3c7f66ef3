import LedgerTape

/// A cell of the tape (text) parsed in SQL into the value the rules compute with, in layers of named
/// columns: each piece (a regular-expression group, a year, a flag) is computed once and read by name
/// above it, so no engine compiles the same expression twice (Spark's code generator fails on the
/// expanded form). A cell no spelling reads is flagged, never guessed.
struct SQLParsedCell {
    /// Named pieces, layer by layer: a layer reads the raw cells and the layers below it.
    var layers: [[(name: String, expression: String)]]
    /// The typed value over the pieces; NULL when the cell is empty or not readable.
    var value: String
    /// TRUE when the cell is present but not readable, or required and empty.
    var bad: String
}

struct SQLCellParsing {
    let dialect: SQLDialect

    /// White space around a value, as the unit parser skips it (ASCII, no-break and ideographic spaces).
    private static let space = "[ \\t\\n\\r\u{00A0}\u{3000}]*"

    /// `raw` names the column holding the cell as text, NULL when empty; pieces are named `raw__…`.
    func parse(_ raw: String, column: TapeColumn, spec: ColumnSpec) -> SQLParsedCell {
        var parsed: SQLParsedCell
        switch column.kind {
        case .text:
            // Control characters are not text (the stream engine refuses them too).
            let bad = dialect.fullMatch(raw, ".*\(dialect.controlCharacterClass).*")
            parsed = SQLParsedCell(layers: [], value: "CASE WHEN NOT \(bad) THEN \(raw) END", bad: bad)
        case .identifier, .province:
            // Checked against the loaded documents and the provinces by joins in the staging.
            parsed = SQLParsedCell(layers: [], value: raw, bad: "FALSE")
        case .choice(let choices):
            parsed = choice(raw, choices: choices, spec: spec)
        case .boolean:
            parsed = choice(raw, choices: ["false", "true"], spec: spec)
            parsed.value = "(\(parsed.value) = 'true')"
        case .date:
            parsed = date(raw, compact: spec.format == .compactDate)
        case .money:
            parsed = spec.format == .fen ? fen(raw) : yuan(raw)
        case .percent:
            parsed = spec.format == .fraction ? fraction(raw) : percent(raw)
        }
        parsed.bad = column.isRequired ? "(\(raw) IS NULL OR COALESCE(\(parsed.bad), FALSE))" : "COALESCE(\(parsed.bad), FALSE)"
        return parsed
    }

    private func choice(_ raw: String, choices: [String], spec: ColumnSpec) -> SQLParsedCell {
        var mapped = raw
        if let values = spec.values {
            let branches = values.keys.sorted().map { "WHEN \(dialect.string($0)) THEN \(dialect.string(values[$0] ?? ""))" }
            mapped = "(CASE \(raw) " + branches.joined(separator: " ") + " END)"
        }
        let list = choices.map { dialect.string($0) }.joined(separator: ", ")
        let name = raw + "__mapped"
        return SQLParsedCell(layers: [[(name, mapped)]], value: "CASE WHEN \(name) IN (\(list)) THEN \(name) END",
                             bad: "(\(raw) IS NOT NULL AND (\(name) IS NULL OR \(name) NOT IN (\(list))))")
    }

    /// Yuan with at most 2 decimals: the plain spelling first (the stream engine's fast path), then the
    /// unit parser's (`20万`, `1.5亿`, `¥200,000`, `200000元`, `CNY 200000`), exact to the fen.
    private func yuan(_ raw: String) -> SQLParsedCell {
        let plain = raw + "__plain"
        let unit = raw + "__unit"
        let space = Self.space
        let pattern = "^\(space)(¥|￥|CNY|RMB)?\(space)([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,18})([.][0-9]{1,14})?(万亿|万|亿)?\(space)(元|CNY|RMB)?\(space)$"
        func group(_ number: Int) -> String { "CASE WHEN \(unit) THEN \(dialect.regexGroup(raw, pattern, number)) END" }
        let first: [(String, String)] = [
            (plain, dialect.fullMatch(raw, "[0-9]{1,16}([.][0-9]{1,2})?|[.][0-9]{1,2}")),
        ]
        let second: [(String, String)] = [
            (unit, "(NOT \(plain) AND \(dialect.fullMatch(raw, String(pattern.dropFirst().dropLast()))))"),
        ]
        // The amount in fen by moving the point in the digits (no arithmetic that could overflow): the
        // whole part, the fraction padded to 14 digits, cut after the whole part + the unit's zeros + 2.
        let third: [(String, String)] = [
            (raw + "__twice", "(\(group(1)) IS NOT NULL AND \(group(6)) IS NOT NULL)"),
            (raw + "__whole", dialect.removingCommas(group(2))),
            (raw + "__fraction", "COALESCE(\(dialect.substring(group(4), from: 2, length: "14")), '')"),
            (raw + "__shift", "(CASE \(group(5)) WHEN '万亿' THEN 14 WHEN '亿' THEN 10 WHEN '万' THEN 6 ELSE 2 END)"),
        ]
        let fourth: [(String, String)] = [
            (raw + "__padded", "(\(raw)__whole || rpad(\(raw)__fraction, 14, '0'))"),
            (raw + "__keep", "(\(dialect.length("\(raw)__whole")) + \(raw)__shift)"),
        ]
        let fifth: [(String, String)] = [
            (raw + "__fen", dialect.substring("\(raw)__padded", from: 1, length: "\(raw)__keep")),
            (raw + "__rest", "substr(\(raw)__padded, \(raw)__keep + 1)"),
        ]
        // Exact to the fen, and below 10^18 fen (the stream engine holds fen in 64 bits).
        let exact = "(\(unit) AND NOT \(raw)__twice AND \(dialect.fullMatch("\(raw)__rest", "0*")) "
            + "AND \(dialect.length("TRIM(LEADING '0' FROM \(raw)__fen)")) <= 18)"
        let value = "CASE WHEN \(plain) THEN CAST(\(raw) AS \(dialect.decimal(precision: 18, scale: 2))) "
            + "WHEN \(exact) THEN CAST(CAST(\(raw)__fen AS \(dialect.decimal(precision: 38, scale: 0))) "
            + "* CAST('0.01' AS \(dialect.decimal(precision: 3, scale: 2))) AS \(dialect.decimal(precision: 18, scale: 2))) END"
        return SQLParsedCell(layers: [first, second, third, fourth, fifth], value: value,
                             bad: "(\(raw) IS NOT NULL AND NOT \(plain) AND NOT COALESCE(\(exact), FALSE))")
    }

    private func fen(_ raw: String) -> SQLParsedCell {
        let ok = raw + "__ok"
        let value = "CAST(CAST(\(raw) AS \(dialect.decimal(precision: 18, scale: 0))) * CAST('0.01' AS \(dialect.decimal(precision: 3, scale: 2))) "
            + "AS \(dialect.decimal(precision: 18, scale: 2)))"
        return SQLParsedCell(layers: [[(ok, dialect.fullMatch(raw, "[0-9]{1,18}"))]], value: "CASE WHEN \(ok) THEN \(value) END",
                             bad: "NOT \(ok)")
    }

    /// `23.5%`: at most 8 decimals; × 0.01 exactly (never a division: some engines divide in floating
    /// point). The unit parser's spellings too (`23.5 %`, `23.5％`, spaces around).
    private func percent(_ raw: String) -> SQLParsedCell {
        let plain = raw + "__plain"
        let unit = raw + "__unit"
        let space = Self.space
        let pattern = "^\(space)([0-9]{1,10})([.][0-9]{1,20})?\(space)(%|％)\(space)$"
        let hundredth = "CAST('0.01' AS \(dialect.decimal(precision: 3, scale: 2)))"
        let first: [(String, String)] = [(plain, dialect.fullMatch(raw, "([0-9]{1,10}([.][0-9]{1,8})?|[.][0-9]{1,8})%"))]
        let second: [(String, String)] = [(unit, "(NOT \(plain) AND \(dialect.fullMatch(raw, String(pattern.dropFirst().dropLast()))))")]
        let third: [(String, String)] = [
            (raw + "__whole", "CASE WHEN \(unit) THEN \(dialect.regexGroup(raw, pattern, 1)) END"),
            (raw + "__fraction", "CASE WHEN \(unit) THEN \(dialect.regexGroup(raw, pattern, 2)) END"),
        ]
        // At most 8 decimals of the percentage (10 of the fraction); zeros after them are no decimals.
        let exact = "(\(unit) AND (\(raw)__fraction IS NULL OR \(dialect.fullMatch("\(raw)__fraction", "[.][0-9]{1,8}0*"))))"
        let digits = dialect.substring(raw, from: 1, length: "\(dialect.length(raw)) - 1")
        let plainValue = "CAST(CAST(\(digits) AS \(dialect.decimal(precision: 18, scale: 8))) * \(hundredth) AS \(dialect.decimal(precision: 19, scale: 10)))"
        let unitNumber = "CAST(\(raw)__whole || COALESCE(\(dialect.substring("\(raw)__fraction", from: 1, length: "9")), '') "
            + "AS \(dialect.decimal(precision: 18, scale: 8)))"
        let value = "CASE WHEN \(plain) THEN \(plainValue) WHEN \(exact) THEN CAST(\(unitNumber) * \(hundredth) "
            + "AS \(dialect.decimal(precision: 19, scale: 10))) END"
        return SQLParsedCell(layers: [first, second, third], value: value,
                             bad: "(\(raw) IS NOT NULL AND NOT \(plain) AND NOT COALESCE(\(exact), FALSE))")
    }

    private func fraction(_ raw: String) -> SQLParsedCell {
        let ok = raw + "__ok"
        return SQLParsedCell(layers: [[(ok, dialect.fullMatch(raw, "[0-9]{1,8}([.][0-9]{1,10})?|[.][0-9]{1,10}"))]],
                             value: "CASE WHEN \(ok) THEN CAST(\(raw) AS \(dialect.decimal(precision: 19, scale: 10))) END",
                             bad: "NOT \(ok)")
    }

    /// A calendar date as its day number (days since 1970-01-01, Howard Hinnant's `days_from_civil` in
    /// integer arithmetic: the same in every dialect, no date type or format string involved).
    private func date(_ raw: String, compact: Bool) -> SQLParsedCell {
        let shape = raw + "__shape"
        let (y, m, d) = (raw + "__y", raw + "__m", raw + "__d")
        let first: [(String, String)] = [(shape, dialect.fullMatch(raw, compact ? "[0-9]{8}" : "[0-9]{4}-[0-9]{2}-[0-9]{2}"))]
        // Nested in CASE: the casts never see a cell of the wrong shape (ANSI engines would raise).
        let second: [(String, String)] = [
            (y, "CASE WHEN \(shape) THEN CAST(\(dialect.substring(raw, from: 1, length: "4")) AS BIGINT) END"),
            (m, "CASE WHEN \(shape) THEN CAST(\(dialect.substring(raw, from: compact ? 5 : 6, length: "2")) AS BIGINT) END"),
            (d, "CASE WHEN \(shape) THEN CAST(\(dialect.substring(raw, from: compact ? 7 : 9, length: "2")) AS BIGINT) END"),
        ]
        let leap = "((\(y) % 4 = 0 AND \(y) % 100 <> 0) OR \(y) % 400 = 0)"
        let daysInMonth = "(CASE WHEN \(m) IN (1, 3, 5, 7, 8, 10, 12) THEN 31 WHEN \(m) IN (4, 6, 9, 11) THEN 30 "
            + "WHEN \(leap) THEN 29 ELSE 28 END)"
        let valid = raw + "__valid"
        let shifted = raw + "__shifted"
        let third: [(String, String)] = [
            (valid, "(\(y) >= 1 AND \(m) BETWEEN 1 AND 12 AND \(d) BETWEEN 1 AND \(daysInMonth))"),
            (shifted, "(\(y) - CASE WHEN \(m) <= 2 THEN 1 ELSE 0 END)"),
        ]
        let era = raw + "__era"
        let fourth: [(String, String)] = [(era, dialect.integerDivision(shifted, "400"))]
        let yearOfEra = "(\(shifted) - \(era) * 400)"
        let dayOfYear = "(\(dialect.integerDivision("153 * ((\(m) + 9) % 12) + 2", "5")) + \(d) - 1)"
        let dayOfEra = "(\(yearOfEra) * 365 + \(dialect.integerDivision(yearOfEra, "4")) - \(dialect.integerDivision(yearOfEra, "100")) + \(dayOfYear))"
        let value = "CASE WHEN \(valid) THEN \(era) * 146097 + \(dayOfEra) - 719468 END"
        return SQLParsedCell(layers: [first, second, third, fourth], value: value,
                             bad: "(\(raw) IS NOT NULL AND NOT COALESCE(\(valid), FALSE))")
    }
}
