extension ExactNumber {
    /// Why an exact operation has no exact result.
    public enum ArithmeticError: Error, Sendable, Equatable {
        /// The result needs more than 38 significant digits, or is beyond 10^165.
        case overflow
        /// The result is too close to zero (below 10^-128) to be held.
        case underflow
        /// The divisor is zero.
        case divisionByZero

        /// What went wrong, for an evaluation error.
        public var message: String {
            switch self {
            case .overflow: "arithmetic overflow (more than 38 significant digits or out of range)"
            case .underflow: "arithmetic underflow (the result is too close to zero to be held exactly)"
            case .divisionByZero: "division by zero"
            }
        }
    }

    /// `self + other` exactly.
    public func adding(_ other: ExactNumber) throws(ArithmeticError) -> ExactNumber {
        if other.isZero { return self }
        if isZero { return other }
        let (x, y, exponent) = try Self.aligned(self, other)
        let (sum, overflow) = x.addingReportingOverflow(y)
        guard !overflow else { throw .overflow }
        return try Self.make(sum, exponent)
    }

    /// `self − other` exactly.
    public func subtracting(_ other: ExactNumber) throws(ArithmeticError) -> ExactNumber {
        try adding(-other)
    }

    /// `self × other` exactly.
    public func multiplied(by other: ExactNumber) throws(ArithmeticError) -> ExactNumber {
        if isZero || other.isZero { return .zero }
        let negative = (signum < 0) != (other.signum < 0)
        let (high, low) = significand.magnitude.multipliedFullWidth(by: other.significand.magnitude)
        // Normalised factors have no trailing zeros, but their product can (2 × 5): a product of more
        // than 128 bits has more than 38 digits even after those are dropped.
        guard high == 0, low <= UInt128(Int128.max) else { throw .overflow }
        let exponent = Int(self.exponent) + Int(other.exponent)
        let product = Int128(low)
        return try Self.make(negative ? -product : product, exponent)
    }

    /// `self × 10^places`: the decimal point moved, exact unless it leaves the exponent range.
    public func shifted(by places: Int) throws(ArithmeticError) -> ExactNumber {
        if isZero { return self }
        return try Self.make(significand, Int(exponent) + places)
    }

    /// `self ÷ other` to 38 significant digits, truncated toward zero — the quotient `Decimal` gives, and
    /// exact whenever the exact quotient has at most 38 digits (`1 ÷ 4 = 0.25`; `1 ÷ 3` is
    /// `0.333…3` with 38 threes). Truncation keeps `q ≥ t` and `q < t` exact for a positive quotient
    /// and any `t` of at most 38 digits near it.
    public func dividing(by other: ExactNumber) throws(ArithmeticError) -> ExactNumber {
        if other.isZero { throw .divisionByZero }
        if isZero { return .zero }
        let negative = (signum < 0) != (other.signum < 0)
        let dividend = significand.magnitude
        let divisor = other.significand.magnitude
        var quotient = dividend / divisor
        var remainder = dividend % divisor
        var fractionDigits = 0
        // Append fraction digits, up to 38 at a time (a 256-by-128-bit division whose quotient, below
        // 10^k, fits), until the quotient has 38 significant digits or the division is exact. A quotient
        // below 10^-38 takes a second round; operands of 38 digits never need a third.
        while remainder != 0, fractionDigits < 3 * Self.maximumDigits {
            let wanted = Self.maximumDigits - (quotient == 0 ? 0 : Self.digitCount(quotient))
            guard wanted > 0, let factor = Self.powerOfTen(wanted) else { break }
            let (digits, rest) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: factor))
            quotient = quotient * factor + digits
            remainder = rest
            fractionDigits += wanted
        }
        // Too close to zero for 38 digits: keep those above 10^-128 (still truncated), if any.
        let lowest = Int(self.exponent) - Int(other.exponent) - fractionDigits
        if lowest < Int(Int8.min) {
            let dropped = Int(Int8.min) - lowest
            guard let factor = Self.powerOfTen(dropped), quotient / factor != 0 else { throw .underflow }
            quotient /= factor
            fractionDigits -= dropped
        }
        let exponent = Int(self.exponent) - Int(other.exponent) - fractionDigits
        let signed = Int128(quotient)
        return try Self.make(negative ? -signed : signed, exponent)
    }

    /// Both significands on the smaller exponent, or overflow when that needs more than 128 bits.
    private static func aligned(_ a: ExactNumber, _ b: ExactNumber) throws(ArithmeticError) -> (Int128, Int128, Int) {
        let x = a.significand
        let y = b.significand
        if a.exponent == b.exponent { return (x, y, Int(a.exponent)) }
        if a.exponent > b.exponent { return (try scaledUp(x, by: Int(a.exponent) - Int(b.exponent)), y, Int(b.exponent)) }
        return (x, try scaledUp(y, by: Int(b.exponent) - Int(a.exponent)), Int(a.exponent))
    }

    private static func scaledUp(_ value: Int128, by places: Int) throws(ArithmeticError) -> Int128 {
        guard let factor = powerOfTen(places) else { throw .overflow }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: Int128(factor))
        guard !overflow else { throw .overflow }
        return scaled
    }
}

extension ExactNumber {
    /// `self × 10^places`, or `self` unchanged when that leaves the exponent range — for display only,
    /// where a number near 10^±127 shown without the shift is better than no text.
    func shiftedOrSelf(by places: Int) -> ExactNumber { (try? shifted(by: places)) ?? self }
}
