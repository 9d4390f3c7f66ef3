import FoundationEssentials
import RuleLanguage

/// Overflow-safe products, integer powers, logarithm and exponential on `Decimal`.
///
/// FoundationEssentials' `Decimal` returns NaN on overflow but *traps* when a product underflows (see
/// `ExactDecimal.product`, the shared guard), so every product in the APR code goes through `multiply`,
/// which also flushes operands below 1e-40 to zero: the IRR iteration produces such tiny terms, and the
/// error this introduces is far below the 1e-30 the IRR is solved to. `ln` and `exp` are needed for the effective annual rate of a bullet loan,
/// `(1 + IRR)^(365/d)` with a non-integer exponent; their series are summed to 1e-40, so the result is
/// good to about 35 significant digits.
enum DecimalMath {
    /// Operands smaller than this are treated as zero in products (see the type's note on underflow).
    static let flushThreshold = Decimal(sign: .plus, exponent: -40, significand: 1)
    /// Series terms below this no longer change a 38-digit sum.
    private static let seriesEpsilon = Decimal(sign: .plus, exponent: -40, significand: 1)
    private static let maximumSeriesTerms = 400

    /// `a × b`, with tiny operands flushed to zero; NaN on overflow (never a trap); NaN propagates.
    static func multiply(_ a: Decimal, _ b: Decimal) -> Decimal {
        if a.isNaN || b.isNaN { return .nan }
        if a.magnitude < flushThreshold || b.magnitude < flushThreshold { return 0 }
        return ExactDecimal.product(a, b) ?? .nan
    }

    /// `a ÷ b`; nil for a zero or NaN divisor, or a NaN result (division signals underflow with NaN).
    static func divide(_ a: Decimal, _ b: Decimal) -> Decimal? {
        if a.isNaN || b.isNaN || b == 0 { return nil }
        if a.magnitude < flushThreshold { return 0 }
        return ExactDecimal.quotient(a, b)
    }

    /// `base^exponent` for `exponent ≥ 0` by repeated squaring with safe products (NaN on overflow or a
    /// negative exponent, which the APR code never needs).
    static func power(_ base: Decimal, _ exponent: Int) -> Decimal {
        guard exponent >= 0 else { return .nan }
        var result: Decimal = 1
        var square = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = multiply(result, square) }
            remaining >>= 1
            if remaining > 0 { square = multiply(square, square) }
        }
        return result
    }

    /// `ln 2`, the unit of the argument reduction in `naturalLogarithm`.
    static let ln2: Decimal = 2 * atanhSeries(Decimal(1) / Decimal(3))

    /// `ln x` for `x > 0`; nil otherwise.
    ///
    /// Halves or doubles `x` into [0.5, 2] (adding `k · ln 2`), then sums
    /// `ln x = 2 · atanh((x − 1)/(x + 1))`, whose argument is then at most 1/3 in magnitude.
    static func naturalLogarithm(_ x: Decimal) -> Decimal? {
        guard !x.isNaN, x > 0 else { return nil }
        var reduced = x
        var halvings = 0
        while reduced > 2 { reduced = reduced / 2; halvings += 1 }
        while reduced < Decimal(sign: .plus, exponent: -1, significand: 5) { reduced = reduced * 2; halvings -= 1 }
        guard let z = divide(reduced - 1, reduced + 1) else { return nil }
        return 2 * atanhSeries(z) + Decimal(halvings) * ln2
    }

    /// `e^y`; nil when the result would overflow (y > 300). Returns 0 below e^-90 (under the flush threshold).
    ///
    /// Halves `y` until `|y| ≤ 0.5`, sums the Taylor series, then squares back.
    static func exponential(_ y: Decimal) -> Decimal? {
        guard !y.isNaN, y <= 300 else { return nil }
        if y < -90 { return 0 }
        var reduced = y
        var squarings = 0
        let half = Decimal(sign: .plus, exponent: -1, significand: 5)
        while reduced.magnitude > half { reduced = reduced / 2; squarings += 1 }
        var sum: Decimal = 1
        var term: Decimal = 1
        var k = 1
        while k <= maximumSeriesTerms {
            term = multiply(term, reduced) / Decimal(k)
            if term.magnitude < seriesEpsilon { break }
            sum += term
            k += 1
        }
        for _ in 0..<squarings { sum = multiply(sum, sum) }
        return sum.isNaN ? nil : sum
    }

    /// `base^(numerator / denominator)` for `base > 0`: an integer power when the exponent is whole,
    /// otherwise `exp(ln(base) · numerator / denominator)`. Nil on overflow or a non-positive base.
    static func power(_ base: Decimal, numerator: Int, denominator: Int) -> Decimal? {
        guard denominator > 0, numerator >= 0, !base.isNaN, base > 0 else { return nil }
        if numerator % denominator == 0 {
            let result = power(base, numerator / denominator)
            return result.isNaN ? nil : result
        }
        guard let logarithm = naturalLogarithm(base) else { return nil }
        return exponential(multiply(logarithm, Decimal(numerator)) / Decimal(denominator))
    }

    /// `atanh z = z + z³/3 + z⁵/5 + …` for `|z| ≤ 1/3` (about 40 terms to 1e-40).
    private static func atanhSeries(_ z: Decimal) -> Decimal {
        let zSquared = multiply(z, z)
        var power = z
        var sum: Decimal = 0
        var k = 1
        while k <= 2 * maximumSeriesTerms {
            let term = power / Decimal(k)
            if term.magnitude < seriesEpsilon { break }
            sum += term
            power = multiply(power, zSquared)
            k += 2
        }
        return sum
    }
}
