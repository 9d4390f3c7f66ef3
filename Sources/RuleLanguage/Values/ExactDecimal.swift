import FoundationEssentials

/// Strict parsing, rounding and formatting of exact decimals.
///
/// `Decimal(string:)` is lenient (it reads `"1.5亿"` as 1.5 and `"1,000"` as 1), so every number in an
/// input or a rule goes through `ExactDecimal.parse`, which accepts only a complete decimal literal.
/// FoundationEssentials exposes no rounding for `Decimal`, so rounding works on the exact digit string.
public enum ExactDecimal {
    /// Most significant digits a `Decimal` holds exactly; longer numbers are rejected, not truncated.
    public static let maximumSignificantDigits = 38

    /// Parses `[+-]?digits[.digits]` exactly; nil for anything else (exponents, separators, units,
    /// more than 38 significant digits).
    public static func parse(_ text: some StringProtocol) -> Decimal? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "+" || first == "-" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var significant = 0
        var leadingZeros = true
        for scalar in scalars {
            if scalar == "." {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard scalar.value >= 48, scalar.value <= 57 else { return nil }
            if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            if scalar != "0" { leadingZeros = false }
            if !leadingZeros { significant += 1 }
        }
        guard integerDigits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        guard significant <= maximumSignificantDigits else { return nil }
        guard let magnitude = Decimal(string: String(scalars)) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// How to round the last kept digit.
    public enum Rounding: Sendable {
        /// Half away from zero (financial display: 31.725 → 31.73).
        case halfUp
        /// Toward zero.
        case down
        /// Away from zero.
        case up
    }

    /// `value` rounded to `scale` fractional digits, exactly.
    public static func round(_ value: Decimal, scale: Int, _ rounding: Rounding = .halfUp) -> Decimal {
        guard !value.isNaN, scale >= 0 else { return value }
        // Already within `scale` fractional digits: nothing to drop (the common case, and cheap to test).
        if Int(value.exponent) >= -scale { return value }
        let negative = value < 0
        let magnitude = negative ? -value : value
        let text = magnitude.description
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        guard fractionPart.count > scale else { return value }
        let kept = Array(fractionPart.prefix(scale))
        let dropped = fractionPart.dropFirst(scale)
        let roundAway: Bool
        switch rounding {
        case .down: roundAway = false
        case .up: roundAway = dropped.contains { $0 != "0" }
        case .halfUp: roundAway = (dropped.first ?? "0") >= "5"
        }
        var digits = Array(integerPart) + kept
        if roundAway {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == "9" {
                    digits[index] = "0"
                    index -= 1
                } else {
                    digits[index] = Character(String(UnicodeScalar(UInt8(digits[index].asciiValue ?? 48) + 1)))
                    break
                }
            }
            if index < 0 { digits.insert("1", at: 0) }
        }
        let integerCount = digits.count - scale
        var result = String(digits[0..<integerCount])
        if scale > 0 { result += "." + String(digits[integerCount...]) }
        let rounded = Decimal(string: result) ?? value
        return negative ? -rounded : rounded
    }

    /// `value` with exactly `fractionDigits` digits after the point, e.g. `31.72`.
    public static func format(_ value: Decimal, fractionDigits: Int) -> String {
        let rounded = round(value, scale: fractionDigits)
        let negative = rounded < 0
        let text = (negative ? -rounded : rounded).description
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var result = String(parts[0])
        if fractionDigits > 0 {
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            result += "." + fraction + String(repeating: "0", count: max(0, fractionDigits - fraction.count))
        }
        return (negative ? "-" : "") + result
    }

    /// The shortest exact text of `value` (no exponent, no trailing zeros).
    public static func plain(_ value: Decimal) -> String { value.description }
}
