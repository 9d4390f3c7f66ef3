import FoundationEssentials

/// Strict parsing, rounding, formatting and guarded arithmetic of Foundation `Decimal`s.
///
/// Values in documents and rules are `ExactNumber`s; `Decimal` remains inside the APR calculator
/// (`LoanDomain/APR`), which uses these functions, and as the reference the property tests of
/// `ExactNumber` compare against.
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
        // Far from Decimal's exponent limits (-128…127) the digits are built directly; anything else
        // (and longer significands) goes through Decimal's own parser, which reports out-of-range values.
        if significant <= 19, fractionDigits <= 38, let magnitude = smallDecimal(scalars, fractionDigits: fractionDigits) {
            return negative ? -magnitude : magnitude
        }
        guard let magnitude = Decimal(string: String(scalars)) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Digits (validated, at most 19 significant) built straight from their integer value: several
    /// times cheaper than `Decimal(string:)`, and the same value and representation.
    private static func smallDecimal(_ scalars: Substring.UnicodeScalarView.SubSequence, fractionDigits: Int) -> Decimal? {
        var significand: UInt64 = 0
        for scalar in scalars where scalar != "." {
            let (shifted, overflow) = significand.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            significand = shifted + UInt64(scalar.value - 48)
        }
        var exponent = -fractionDigits
        while exponent < 0, significand != 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        if significand == 0 { return 0 }
        return Decimal(sign: .plus, exponent: exponent, significand: Decimal(significand))
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

    // MARK: - Arithmetic that cannot crash

    /// The smallest exponent a `Decimal` holds: its smallest non-zero magnitude is 1e-128.
    static let minimumExponent = -128

    /// `a × b`, or nil when the product is outside `Decimal`'s range (or an operand is NaN).
    ///
    /// FoundationEssentials' `Decimal` returns NaN when a product overflows, but **traps** (crashes the
    /// process) when it underflows: when the product's exponent, after its mantissa is cut to 38 digits,
    /// would be below −128 — `1e-64 × 1e-65`, or two 38-digit numbers near 1e-50. Every product of values
    /// that come from input or rules must go through here (or `DecimalMath.multiply` in the APR code,
    /// which uses it). The exponent is checked before multiplying; a product that Decimal could only
    /// hold with fewer than 38 digits (all such products are below 1e-90) may be refused too.
    public static func product(_ a: Decimal, _ b: Decimal) -> Decimal? {
        if a.isNaN || b.isNaN { return nil }
        if a.isZero || b.isZero { return 0 }
        let exponent = a.exponent + b.exponent
        if exponent < minimumExponent {
            // The exact product has at least digits(a) + digits(b) − 1 digits, of which Decimal keeps at
            // most 39 (128 bits); each digit dropped raises the exponent by one.
            let dropped = max(0, significandDigits(a) + significandDigits(b) - 40)
            guard exponent + dropped >= minimumExponent else { return nil }
        }
        let result = a * b
        return result.isNaN ? nil : result
    }

    /// `value × 10^places`: the decimal point moved, which is exact and needs no multiplication (a
    /// `Decimal` product costs thousands of instructions). nil for NaN; falls back to `product` when
    /// the exponent would leave `Decimal`'s range.
    public static func shifted(_ value: Decimal, by places: Int) -> Decimal? {
        if value.isNaN { return nil }
        if value.isZero { return 0 }
        let exponent = value.exponent + places
        guard exponent >= -128, exponent <= 127 else {
            return product(value, Decimal(sign: .plus, exponent: places, significand: 1))
        }
        return Decimal(sign: value.sign, exponent: exponent, significand: value.significand)
    }

    /// `a ÷ b`, or nil for a zero or NaN divisor or a quotient outside `Decimal`'s range (division
    /// signals both overflow and underflow with NaN; it does not trap).
    public static func quotient(_ a: Decimal, _ b: Decimal) -> Decimal? {
        if a.isNaN || b.isNaN || b.isZero { return nil }
        if a.isZero { return 0 }
        let result = a / b
        return result.isNaN ? nil : result
    }

    /// 10^0 … 10^39: a `Decimal` mantissa (128 bits) has at most 39 digits.
    private static let powersOfTen: [Decimal] = (0...39).map { Decimal(sign: .plus, exponent: $0, significand: 1) }

    /// The number of digits of `value`'s integer mantissa (`1.25` → 3).
    static func significandDigits(_ value: Decimal) -> Int {
        let mantissa = value.significand.magnitude
        var digits = 1
        while digits < powersOfTen.count, mantissa >= powersOfTen[digits] { digits += 1 }
        return digits
    }
}
