extension Value {
    /// The value as shown in evidence and by `loancheck eval`, with its unit:
    /// `¥200,000`, `29.99%`, `1/3`, `0.05% per day`, `12 months`, `2024-12-31`, `CN-GD`, `[CN-GD, CN-GX]`.
    ///
    /// Exact values are shown exactly. A computed value whose exact text would be unreadably long
    /// (e.g. a third of ¥100) is shown rounded and marked `≈`.
    public var displayText: String {
        switch self {
        case .boolean(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .decimal(let value): NumberFormat.decimal(value)
        case .money(let value): NumberFormat.money(value)
        case .ratio(let ratio): NumberFormat.ratio(ratio)
        case .rate(let rate): NumberFormat.ratio(rate.ratio) + " per " + rate.period.rawValue
        case .date(let date): date.description
        case .duration(let duration): duration.description
        case .province(let province): province.code
        case .string(let text): text
        case .enumeration(let value): value.caseName
        case .list(let list): "[" + list.elements.map(\.displayText).joined(separator: ", ") + "]"
        case .record(let record): "<\(record.typeName)>"
        }
    }
}

/// Formatting of exact numbers for display.
public enum NumberFormat {
    /// Fraction digits shown before a computed decimal is rounded for display.
    static let longestExactFraction = 10

    /// `¥200,000`, `¥200,000.50`, `-¥1,000`; more than 4 fraction digits (a computed amount) are
    /// rounded to fen and marked `≈`.
    public static func money(_ value: ExactNumber) -> String {
        let negative = value.signum < 0
        let magnitude = value.magnitude
        var (integer, fraction) = split(magnitude.plainText)
        var approximate = ""
        if fraction.count > 4 {
            (integer, fraction) = split(magnitude.formatted(fractionDigits: 2))
            approximate = "≈"
        } else if fraction.count == 1 {
            fraction += "0"
        }
        let sign = negative ? "-" : ""
        return approximate + sign + "¥" + grouped(integer) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The amount in 万 or 亿 when that is exact with at most four decimals (`20万`, `2.5亿`,
    /// `1.2万亿`), else the `money(_:)` form. Offered for reports written for Chinese readers.
    public static func chineseMoney(_ value: ExactNumber) -> String {
        let units: [(String, Int)] = [("万亿", 12), ("亿", 8), ("万", 4)]
        for (unit, exponent) in units where value.magnitude >= ExactNumber(1).shiftedOrSelf(by: exponent) {
            let text = value.shiftedOrSelf(by: -exponent).plainText
            if split(text).fraction.count <= 4 { return text + unit }
        }
        return money(value)
    }

    /// `29.99%`; a fraction written as such keeps its text (`1/3`); a long computed percentage is
    /// rounded to four decimals and marked `≈`.
    public static func ratio(_ ratio: Ratio) -> String {
        if let text = ratio.fractionText { return text }
        return percent(ratio.value)
    }

    /// The fraction `value` as a percentage: 0.2999 → `29.99%`.
    public static func percent(_ value: ExactNumber) -> String {
        let percent = value.shiftedOrSelf(by: 2)
        let exact = percent.plainText
        if split(exact).fraction.count <= 6 { return exact + "%" }
        return "≈" + percent.rounded(scale: 4).plainText + "%"
    }

    /// The exact decimal, or rounded to six decimals and marked `≈` when longer than ten.
    public static func decimal(_ value: ExactNumber) -> String {
        let exact = value.plainText
        if split(exact).fraction.count <= longestExactFraction { return exact }
        return "≈" + value.rounded(scale: 6).plainText
    }

    private static func split(_ text: String) -> (integer: String, fraction: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    /// Thousands separators on an unsigned digit string.
    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
