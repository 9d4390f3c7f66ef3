public import FoundationEssentials

/// Conversions between `Decimal` and 128-bit scaled integers, for arithmetic that must be exact and fast.
///
/// FoundationEssentials' `Decimal` normalises its 128-bit mantissa after every operation, so a single
/// product or comparison costs thousands of instructions. Hot numeric code (the APR schedule and IRR)
/// works on `Int128` values that count units of `10^-scale` instead and converts only at its edges.
extension ExactDecimal {
    /// `value` as `significand × 10^exponent` with an `Int128` significand; nil for NaN or when the
    /// significand needs more than 38 digits.
    ///
    /// Reads the exact decimal text (`Decimal.description` never uses exponent notation), so the result
    /// is exact.
    public static func parts(_ value: Decimal) -> (significand: Int128, exponent: Int)? {
        guard !value.isNaN else { return nil }
        var significand: Int128 = 0
        var negative = false
        var fractionDigits = 0
        var inFraction = false
        var digits = 0
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if significand == 0 && byte == UInt8(ascii: "0") {
                    if inFraction { fractionDigits += 1 }
                    continue
                }
                digits += 1
                guard digits <= maximumSignificantDigits else { return nil }
                significand = significand * 10 + Int128(byte - UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            default: return nil
            }
        }
        return (negative ? -significand : significand, -fractionDigits)
    }

    /// `value × 10^scale` as an `Int128`, or nil when that is not a whole number or does not fit.
    public static func scaledInteger(_ value: Decimal, scale: Int) -> Int128? {
        guard let (significand, exponent) = parts(value) else { return nil }
        let shift = exponent + scale
        if shift < 0 {
            // Only exact when the dropped digits are zeros, which `parts` never produces for a non-zero
            // value (it has no trailing fractional zeros beyond the significand's own).
            return significand == 0 ? 0 : nil
        }
        guard let factor = powerOfTen(shift) else { return nil }
        let (product, overflow) = significand.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }

    /// `raw × 10^-scale` as a `Decimal` (exact: `raw` has at most 39 digits).
    public static func decimal(_ raw: Int128, scale: Int) -> Decimal {
        let magnitude = raw.magnitude
        let split: UInt128 = 10_000_000_000_000_000_000  // 10^19: both halves then fit a UInt64
        let high = UInt64(magnitude / split)
        let low = UInt64(magnitude % split)
        var significand = Decimal(low)
        if high != 0 { significand += Decimal(sign: .plus, exponent: 19, significand: Decimal(high)) }
        return Decimal(sign: raw < 0 ? .minus : .plus, exponent: -scale, significand: significand)
    }

    /// 10^n for 0 ≤ n ≤ 38, the powers an `Int128` holds (`ExactNumber`'s table).
    public static func powerOfTen(_ n: Int) -> Int128? {
        ExactNumber.powerOfTen(n).map { Int128($0) }
    }
}
