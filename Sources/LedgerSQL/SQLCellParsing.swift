import LedgerTape

/// A cell of the tape (text) parsed in SQL into the value the rules compute with, strictly: the
/// spellings the SQL engines read are the plain ones a machine writes (`150000.00`, `23.5%`, `0.235`,
/// `2024-06-30`, `20240630`, a province code or name). Any other cell — including a spelling the stream
/// engine also reads, such as `20万` — is flagged, never guessed.
struct SQLParsedCell {
    /// The typed value; NULL when the cell is empty or not readable.
    let value: String
    /// TRUE when the cell is present but not readable, or required and empty.
    let bad: String
}

struct SQLCellParsing {
    let dialect: SQLDialect

    /// `raw` is the cell as text, NULL when empty (the staging turns `''` into NULL).
    func parse(_ raw: String, column: TapeColumn, spec: ColumnSpec) -> SQLParsedCell {
        let required = column.isRequired
        let parsed: SQLParsedCell
        switch column.kind {
        case .text:
            // Control characters are not text (the stream engine refuses them too).
            let ok = "NOT " + dialect.fullMatch(raw, ".*\(dialect.controlCharacterClass).*")
            parsed = SQLParsedCell(value: "CASE WHEN \(ok) THEN \(raw) END", bad: "NOT (\(ok))")
        case .identifier:
            // Checked against the loaded documents by a join in the staging.
            parsed = SQLParsedCell(value: raw, bad: "FALSE")
        case .choice(let choices):
            parsed = choice(raw, choices: choices, spec: spec)
        case .boolean:
            let mapped = choice(raw, choices: ["false", "true"], spec: spec)
            parsed = SQLParsedCell(value: "(\(mapped.value) = 'true')", bad: mapped.bad)
        case .date:
            parsed = date(raw, compact: spec.format == .compactDate)
        case .money:
            parsed = spec.format == .fen ? fen(raw) : yuan(raw)
        case .percent:
            parsed = spec.format == .fraction ? fraction(raw) : percent(raw)
        case .province:
            // Looked up in `lc_province` by the staging.
            parsed = SQLParsedCell(value: raw, bad: "FALSE")
        }
        guard required else { return SQLParsedCell(value: parsed.value, bad: "COALESCE(\(parsed.bad), FALSE)") }
        return SQLParsedCell(value: parsed.value, bad: "(\(raw) IS NULL OR COALESCE(\(parsed.bad), FALSE))")
    }

    private func choice(_ raw: String, choices: [String], spec: ColumnSpec) -> SQLParsedCell {
        var mapped = raw
        if let values = spec.values {
            let branches = values.keys.sorted().map { "WHEN \(dialect.string($0)) THEN \(dialect.string(values[$0] ?? ""))" }
            mapped = "(CASE \(raw) " + branches.joined(separator: " ") + " END)"
        }
        let list = choices.map { dialect.string($0) }.joined(separator: ", ")
        return SQLParsedCell(value: "CASE WHEN \(mapped) IN (\(list)) THEN \(mapped) END",
                             bad: "(\(raw) IS NOT NULL AND (\(mapped) IS NULL OR \(mapped) NOT IN (\(list))))")
    }

    /// White space around a value, as the unit parser skips it (ASCII, no-break and ideographic spaces).
    private static let space = "[ \\t\\n\\r\u{00A0}\u{3000}]*"

    /// Yuan with at most 2 decimals: the plain spelling first (the stream engine's fast path), then the
    /// unit parser's (`20万`, `1.5亿`, `¥200,000`, `200000元`, `CNY 200000`), exact to the fen.
    private func yuan(_ raw: String) -> SQLParsedCell {
        let plain = dialect.fullMatch(raw, "[0-9]{1,16}([.][0-9]{1,2})?|[.][0-9]{1,2}")
        let plainValue = "CAST(\(raw) AS \(dialect.decimal(precision: 18, scale: 2)))"
        let space = Self.space
        let pattern = "^\(space)(¥|￥|CNY|RMB)?\(space)([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,18})([.][0-9]{1,14})?(万亿|万|亿)?\(space)(元|CNY|RMB)?\(space)$"
        let prefix = dialect.regexGroup(raw, pattern, 1)
        let whole = dialect.removingCommas(dialect.regexGroup(raw, pattern, 2))
        let fraction = "COALESCE(\(dialect.substring(dialect.regexGroup(raw, pattern, 4), from: 2, length: "14")), '')"
        let scale = dialect.regexGroup(raw, pattern, 5)
        let suffix = dialect.regexGroup(raw, pattern, 6)
        // The amount in fen by moving the point in the digits (no arithmetic that could overflow): the
        // whole part, the fraction padded to 14 digits, cut after the whole part + the unit's zeros + 2.
        let padded = "(\(whole) || rpad(\(fraction), 14, '0'))"
        let shift = "(CASE \(scale) WHEN '万亿' THEN 14 WHEN '亿' THEN 10 WHEN '万' THEN 6 ELSE 2 END)"
        let keep = "(\(dialect.length(whole)) + \(shift))"
        let fenDigits = dialect.substring(padded, from: 1, length: keep)
        let rest = "substr(\(padded), \(keep) + 1)"
        let significant = "TRIM(LEADING '0' FROM \(fenDigits))"
        // Exact to the fen, and below 10^18 fen (the stream engine holds fen in 64 bits).
        let exact = "(\(dialect.fullMatch(rest, "0*")) AND \(dialect.length(significant)) <= 18)"
        let unitOK = "(\(dialect.fullMatch(raw, String(pattern.dropFirst().dropLast()))) AND NOT (\(prefix) IS NOT NULL AND \(suffix) IS NOT NULL))"
        let unitValue = "CASE WHEN \(exact) THEN CAST(CAST(\(fenDigits) AS \(dialect.decimal(precision: 38, scale: 0))) "
            + "* CAST('0.01' AS \(dialect.decimal(precision: 3, scale: 2))) AS \(dialect.decimal(precision: 18, scale: 2))) END"
        let value = "CASE WHEN \(plain) THEN \(plainValue) WHEN \(unitOK) THEN \(unitValue) END"
        return SQLParsedCell(value: value, bad: "(\(raw) IS NOT NULL AND (\(value)) IS NULL)")
    }

    private func fen(_ raw: String) -> SQLParsedCell {
        let ok = dialect.fullMatch(raw, "[0-9]{1,18}")
        let value = "CAST(CAST(\(raw) AS \(dialect.decimal(precision: 18, scale: 0))) * CAST('0.01' AS \(dialect.decimal(precision: 3, scale: 2))) "
            + "AS \(dialect.decimal(precision: 18, scale: 2)))"
        return SQLParsedCell(value: "CASE WHEN \(ok) THEN \(value) END", bad: "NOT \(ok)")
    }

    /// `23.5%`: at most 8 decimals; × 0.01 exactly (never a division: some engines divide in floating
    /// point). The unit parser's spellings too (`23.5 %`, `23.5％`, spaces around).
    private func percent(_ raw: String) -> SQLParsedCell {
        let plain = dialect.fullMatch(raw, "([0-9]{1,10}([.][0-9]{1,8})?|[.][0-9]{1,8})%")
        let digits = dialect.substring(raw, from: 1, length: "\(dialect.length(raw)) - 1")
        let hundredth = "CAST('0.01' AS \(dialect.decimal(precision: 3, scale: 2)))"
        let plainValue = "CAST(CAST(\(digits) AS \(dialect.decimal(precision: 18, scale: 8))) * \(hundredth) AS \(dialect.decimal(precision: 19, scale: 10)))"
        let space = Self.space
        let pattern = "^\(space)([0-9]{1,10})([.][0-9]{1,20})?\(space)(%|％)\(space)$"
        let fraction = dialect.regexGroup(raw, pattern, 2)
        // At most 8 decimals of the percentage (10 of the fraction); zeros after them are no decimals.
        let exact = "(\(fraction) IS NULL OR \(dialect.fullMatch(fraction, "[.][0-9]{1,8}0*")))"
        let number = "CAST(\(dialect.regexGroup(raw, pattern, 1)) || COALESCE(\(dialect.substring(fraction, from: 1, length: "9")), '') "
            + "AS \(dialect.decimal(precision: 18, scale: 8)))"
        let unitOK = dialect.fullMatch(raw, String(pattern.dropFirst().dropLast()))
        let unitValue = "CASE WHEN \(exact) THEN CAST(\(number) * \(hundredth) AS \(dialect.decimal(precision: 19, scale: 10))) END"
        let value = "CASE WHEN \(plain) THEN \(plainValue) WHEN \(unitOK) THEN \(unitValue) END"
        return SQLParsedCell(value: value, bad: "(\(raw) IS NOT NULL AND (\(value)) IS NULL)")
    }

    private func fraction(_ raw: String) -> SQLParsedCell {
        let ok = dialect.fullMatch(raw, "[0-9]{1,8}([.][0-9]{1,10})?|[.][0-9]{1,10}")
        return SQLParsedCell(value: "CASE WHEN \(ok) THEN CAST(\(raw) AS \(dialect.decimal(precision: 19, scale: 10))) END",
                             bad: "NOT \(ok)")
    }

    /// A calendar date as its day number (days since 1970-01-01, Howard Hinnant's `days_from_civil` in
    /// integer arithmetic: the same in every dialect, no date type or format string involved).
    private func date(_ raw: String, compact: Bool) -> SQLParsedCell {
        let shape = dialect.fullMatch(raw, compact ? "[0-9]{8}" : "[0-9]{4}-[0-9]{2}-[0-9]{2}")
        let y = "CAST(\(dialect.substring(raw, from: 1, length: "4")) AS BIGINT)"
        let m = "CAST(\(dialect.substring(raw, from: compact ? 5 : 6, length: "2")) AS BIGINT)"
        let d = "CAST(\(dialect.substring(raw, from: compact ? 7 : 9, length: "2")) AS BIGINT)"
        let leap = "((\(y) % 4 = 0 AND \(y) % 100 <> 0) OR \(y) % 400 = 0)"
        let daysInMonth = "(CASE WHEN \(m) IN (1, 3, 5, 7, 8, 10, 12) THEN 31 WHEN \(m) IN (4, 6, 9, 11) THEN 30 "
            + "WHEN \(leap) THEN 29 ELSE 28 END)"
        let valid = "(\(y) >= 1 AND \(m) BETWEEN 1 AND 12 AND \(d) BETWEEN 1 AND \(daysInMonth))"
        let shifted = "(\(y) - CASE WHEN \(m) <= 2 THEN 1 ELSE 0 END)"
        let era = dialect.integerDivision(shifted, "400")
        let yearOfEra = "(\(shifted) - \(era) * 400)"
        let monthIndex = "((\(m) + 9) % 12)"
        let dayOfYear = "(\(dialect.integerDivision("153 * \(monthIndex) + 2", "5")) + \(d) - 1)"
        let dayOfEra = "(\(yearOfEra) * 365 + \(dialect.integerDivision(yearOfEra, "4")) - \(dialect.integerDivision(yearOfEra, "100")) + \(dayOfYear))"
        let dayNumber = "(\(era) * 146097 + \(dayOfEra) - 719468)"
        // Nested CASEs: the arithmetic never sees a cell of the wrong shape (ANSI engines would raise).
        let value = "CASE WHEN \(shape) THEN CASE WHEN \(valid) THEN \(dayNumber) END END"
        return SQLParsedCell(value: value, bad: "(\(raw) IS NOT NULL AND \(value) IS NULL)")
    }
}
