import RuleLanguage

/// SQL literals for exact values: decimals as typed casts of their digits (never a float literal),
/// dates as day numbers, booleans, text through the dialect's quoting.
enum SQLLiteral {
    /// `value` as text digits with at most 12 decimals, and its scale (fractional digits written).
    static func decimalDigits(_ value: FixedPoint) -> (text: String, scale: Int) {
        let negative = value.units < 0
        let magnitude = value.units.magnitude
        let one = UInt128(FixedPoint.one)
        let whole = magnitude / one
        var fraction = String(magnitude % one)
        fraction = String(repeating: "0", count: FixedPoint.scale - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = negative ? "-" : ""
        return fraction.isEmpty ? ("\(sign)\(whole)", 0) : ("\(sign)\(whole).\(fraction)", fraction.count)
    }

    /// An exact decimal constant.
    static func decimal(_ value: FixedPoint, dialect: SQLDialect) -> SQLFragment {
        let (text, scale) = decimalDigits(value)
        // The narrowest type that holds it: a product of two literals then stays within 38 digits.
        let digits = text.filter(\.isNumber).count
        let precision = max(digits, scale + 1)
        return SQLFragment("CAST(\(dialect.string(text)) AS \(dialect.decimal(precision: precision, scale: scale)))",
                           kind: .number(scale: scale))
    }

    /// A day number (days since 1970-01-01): dates compare as integers in every dialect.
    static func day(_ date: CivilDate) -> SQLFragment { SQLFragment("\(date.dayNumber)", kind: .day) }

    static func boolean(_ flag: Bool) -> SQLFragment { SQLFragment(flag ? "TRUE" : "FALSE", kind: .boolean) }

    static func text(_ value: String, dialect: SQLDialect) -> SQLFragment { SQLFragment(dialect.string(value), kind: .text) }

    /// An absent value of a kind (typed, so `CASE` and `VALUES` agree on the type everywhere).
    static func null(_ kind: SQLFragment.Kind, dialect: SQLDialect) -> SQLFragment {
        SQLFragment("CAST(NULL AS \(kind.sqlType(dialect)))", kind: kind)
    }

    /// A rule-language constant, or nil for a value the SQL engines do not hold (a record, a list, a
    /// rate per period, a duration, a number with more than 12 decimals).
    static func value(_ value: Value, dialect: SQLDialect) -> SQLFragment? {
        switch value {
        case .boolean(let flag): return boolean(flag)
        case .integer(let number): return decimal(FixedPoint(number), dialect: dialect)
        case .decimal(let number), .money(let number): return FixedPoint(exactly: number).map { decimal($0, dialect: dialect) }
        case .ratio(let ratio): return FixedPoint(exactly: ratio.value).map { decimal($0, dialect: dialect) }
        case .date(let date): return day(date)
        case .province(let province): return SQLFragment(dialect.string(province.code), kind: .text)
        case .enumeration(let enumValue): return text(enumValue.caseName, dialect: dialect)
        case .string(let string): return text(string, dialect: dialect)
        default: return nil
        }
    }
}

/// A printed SQL expression and what it holds.
struct SQLFragment: Sendable {
    enum Kind: Sendable, Hashable {
        /// An exact decimal with at most `scale` fractional digits.
        case number(scale: Int)
        /// A day number.
        case day
        case boolean
        /// Text compared for equality only (ids, enum cases, province codes).
        case text

        func sqlType(_ dialect: SQLDialect) -> String {
            switch self {
            case .number(let scale): dialect.decimal(scale: scale)
            case .day: dialect.bigint
            case .boolean: "BOOLEAN"
            case .text: dialect.text
            }
        }
    }

    let sql: String
    let kind: Kind

    init(_ sql: String, kind: Kind) {
        self.sql = sql
        self.kind = kind
    }

    var scale: Int {
        if case .number(let scale) = kind { return scale }
        return 0
    }
}
