/// Exact arithmetic on `Int128` values scaled by a power of ten (a value `x` with scale `s` stands for
/// `x × 10^-s`), for the APR fast path.
///
/// Products go through a 256-bit intermediate, so `a × b ÷ d` loses nothing before its single final
/// rounding. Every function returns nil instead of overflowing; the caller then falls back to `Decimal`.
enum ScaledArithmetic {
    /// `a × b ÷ d`, rounded half away from zero; nil when `d` is 0 or the result does not fit.
    static func multiplyDivide(_ a: Int128, _ b: Int128, _ d: Int128) -> Int128? {
        guard d != 0 else { return nil }
        let negative = ((a < 0) != (b < 0)) != (d < 0)
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        let divisor = d.magnitude
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        let roundsAway = remainder >= divisor - remainder  // 2 · remainder ≥ divisor, without overflow
        let magnitude = roundsAway ? quotient &+ 1 : quotient
        guard magnitude <= UInt128(Int128.max), !(roundsAway && magnitude == 0) else { return nil }
        let result = Int128(magnitude)
        return negative ? -result : result
    }

    /// `value` as the nearest `Double` (ties to even), as `Double(value)` gives it, without the standard
    /// library's generic conversion (thousands of instructions for an `Int128`). The magnitude's top 64
    /// bits are converted by the hardware with a sticky bit for any lower bits that are set, so the
    /// one rounding to 53 bits sees exactly what the full value would round to; the power-of-two scaling
    /// after it is exact.
    static func double(_ value: Int128) -> Double {
        let magnitude = value.magnitude
        let converted: Double
        let high = UInt64(truncatingIfNeeded: magnitude >> 64)
        if high == 0 {
            converted = Double(UInt64(truncatingIfNeeded: magnitude))
        } else {
            let shift = 64 - high.leadingZeroBitCount  // 1...64: the bits below the top 64
            let top = UInt64(truncatingIfNeeded: magnitude >> UInt128(shift))
            let dropped = magnitude & ((1 << UInt128(shift)) - 1)
            converted = Double(top | (dropped == 0 ? 0 : 1)) * Double(sign: .plus, exponent: shift, significand: 1)
        }
        return value < 0 ? -converted : converted
    }

    /// `a + b`, nil on overflow.
    static func add(_ a: Int128, _ b: Int128) -> Int128? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }

    /// `base^exponent` for a value with scale unit `one` (e.g. 10^30), by repeated squaring, each product
    /// rounded to the scale; nil on overflow.
    static func power(_ base: Int128, _ exponent: Int, one: Int128) -> Int128? {
        guard exponent >= 0 else { return nil }
        var result = one
        var square = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 {
                guard let next = multiplyDivide(result, square, one) else { return nil }
                result = next
            }
            remaining >>= 1
            if remaining > 0 {
                guard let next = multiplyDivide(square, square, one) else { return nil }
                square = next
            }
        }
        return result
    }
}
