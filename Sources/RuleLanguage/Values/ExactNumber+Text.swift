public import FoundationEssentials

extension ExactNumber {
    /// Parses `[+-]?digits[.digits]` exactly; nil for anything else (exponents, separators, units, more
    /// than 38 significant digits counted from the first non-zero digit, values below 10^-128).
    ///
    /// The same language as `ExactDecimal.parse`, read straight into the significand.
    public static func parse(_ text: some StringProtocol) -> ExactNumber? {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var significand: Int128 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var significant = 0
        // Zeros after the last non-zero digit so far: they join the significand only when another
        // non-zero digit follows, so trailing zeros never cost a multiplication.
        var pendingZeros = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            let digit = Int128(byte - UInt8(ascii: "0"))
            if significant > 0 || digit != 0 { significant += 1 }
            guard significant <= maximumDigits else { return nil }
            if digit == 0 {
                if significant > 0 { pendingZeros += 1 }
                continue
            }
            if pendingZeros > 0 {
                significand *= Int128(unsignedPowersOfTen[pendingZeros])
                pendingZeros = 0
            }
            significand = significand * 10 + digit
        }
        guard integerDigits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        let exponent = pendingZeros - fractionDigits
        return ExactNumber(significand: negative ? -significand : significand, exponent: exponent)
    }

    /// The shortest exact text: `1.5`, `-200000`, `0.0005` (never an exponent, no trailing zeros) —
    /// what `Decimal.description` prints for the same value.
    public var plainText: String {
        if isZero { return "0" }
        let magnitude = significand.magnitude
        // Most values fit 64 bits, whose text is much cheaper than a 128-bit number's.
        let digits = Array((UInt64(exactly: magnitude).map { String($0) } ?? String(magnitude)).utf8)
        let power = Int(exponent)
        let fraction = max(0, -power)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count + max(power, 0) + fraction + 3)
        if signum < 0 { bytes.append(UInt8(ascii: "-")) }
        if power >= 0 {
            bytes += digits
            bytes += repeatElement(UInt8(ascii: "0"), count: power)
        } else if fraction >= digits.count {
            bytes += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            bytes += repeatElement(UInt8(ascii: "0"), count: fraction - digits.count)
            bytes += digits
        } else {
            bytes += digits[..<(digits.count - fraction)]
            bytes.append(UInt8(ascii: "."))
            bytes += digits[(digits.count - fraction)...]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How to round the last kept digit.
    public typealias Rounding = ExactDecimal.Rounding

    /// The value rounded to `scale` fractional digits (`scale` ≥ 0), exactly.
    public func rounded(scale: Int, _ rounding: Rounding = .halfUp) -> ExactNumber {
        let dropped = -Int(exponent) - scale
        guard dropped > 0, scale >= 0 else { return self }
        let magnitude = significand.magnitude
        var kept: UInt128 = 0
        let roundAway: Bool
        if let divisor = Self.powerOfTen(dropped) {
            kept = magnitude / divisor
            let rest = magnitude % divisor
            switch rounding {
            case .down: roundAway = false
            case .up: roundAway = rest != 0
            case .halfUp: roundAway = rest >= divisor - rest
            }
        } else {
            // More than 38 digits dropped: everything is dropped, and it is below half a unit.
            roundAway = rounding == .up
        }
        if roundAway { kept += 1 }
        let signed = signum < 0 ? -Int128(kept) : Int128(kept)
        // At most 38 digits plus one carry, at an exponent within range: always representable.
        return ExactNumber(significand: signed, exponent: -scale) ?? self
    }

    /// The value with exactly `fractionDigits` digits after the point, rounded half up: `31.72`.
    public func formatted(fractionDigits: Int) -> String {
        let rounded = rounded(scale: fractionDigits)
        let text = rounded.magnitude.plainText
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var result = String(parts[0])
        if fractionDigits > 0 {
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            result += "." + fraction + String(repeating: "0", count: max(0, fractionDigits - fraction.count))
        }
        return (rounded.signum < 0 ? "-" : "") + result
    }

    /// `value × 10^scale` as an integer, or nil when that is not whole or does not fit 128 bits.
    public func scaledInteger(scale: Int) -> Int128? {
        let shift = Int(exponent) + scale
        if isZero { return 0 }
        if shift < 0 { return nil }  // normalised: the dropped digits would not be zeros
        guard let factor = Self.powerOfTen(shift) else { return nil }
        let (product, overflow) = significand.multipliedReportingOverflow(by: Int128(factor))
        return overflow ? nil : product
    }

    /// The value as an `Int` when it is whole and fits.
    public var integerValue: Int? { scaledInteger(scale: 0).flatMap { Int(exactly: $0) } }

    /// `decimal` exactly, or nil for NaN or a value of more than 38 digits.
    public init?(exactly decimal: Decimal) {
        guard let (significand, exponent) = ExactDecimal.parts(decimal) else { return nil }
        self.init(significand: significand, exponent: exponent)
    }

    /// The same value as a Foundation `Decimal` (exact), for the APR's schedule code.
    public var decimal: Decimal { ExactDecimal.decimal(significand, scale: -Int(exponent)) }
}
