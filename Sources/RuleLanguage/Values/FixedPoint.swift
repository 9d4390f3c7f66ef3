public import FoundationEssentials

/// An exact decimal held as a 128-bit integer count of 10^-12 units: money in yuan, ratios as
/// fractions (30% = 0.3), plain numbers.
///
/// The ledger engines add millions of amounts per second; Foundation `Decimal` normalises after every
/// operation and costs thousands of instructions, so the hot paths use this instead. Every operation is
/// exact or fails: a sum or product that overflows, and a product with more than 12 fractional digits,
/// return nil — never a rounded value. Twelve digits hold a tape's amounts (fen, 2 digits) times its
/// shares (at most 10 digits of a fraction) exactly.
public struct FixedPoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Fractional digits.
    public static let scale = 12
    /// 10^12: the units of 1.
    public static let one: Int128 = 1_000_000_000_000

    /// The value × 10^12.
    public let units: Int128

    public init(units: Int128) { self.units = units }

    public static let zero = FixedPoint(units: 0)

    /// A whole number.
    public init(_ integer: Int) { units = Int128(integer) * Self.one }

    /// An amount in fen (hundredths of a yuan).
    public init(fen: Int64) { units = Int128(fen) * 10_000_000_000 }

    /// `number` exactly, or nil when it has more than 12 fractional digits or does not fit.
    public init?(exactly number: ExactNumber) {
        guard let units = number.scaledInteger(scale: Self.scale) else { return nil }
        self.units = units
    }

    /// The value as an `ExactNumber` (exact: 128 bits hold at most 39 digits, and the rule language's
    /// values hold 38 — a sum beyond 10^26 yuan is the only thing that does not fit, and reports so).
    public var exact: ExactNumber? { ExactNumber(significand: units, exponent: -Self.scale) }

    /// The value as a `Decimal` (exact), for code that still computes in `Decimal`.
    public var decimal: Decimal { ExactDecimal.decimal(units, scale: Self.scale) }

    public var description: String { exact?.plainText ?? decimal.description }

    public static func < (lhs: FixedPoint, rhs: FixedPoint) -> Bool { lhs.units < rhs.units }

    /// `self + other`, or nil on overflow.
    public func adding(_ other: FixedPoint) -> FixedPoint? {
        let (sum, overflow) = units.addingReportingOverflow(other.units)
        return overflow ? nil : FixedPoint(units: sum)
    }

    /// `self - other`, or nil on overflow.
    public func subtracting(_ other: FixedPoint) -> FixedPoint? {
        let (difference, overflow) = units.subtractingReportingOverflow(other.units)
        return overflow ? nil : FixedPoint(units: difference)
    }

    /// `self × other` exactly, or nil when the product needs more than 12 fractional digits or does not fit.
    public func multiplied(by other: FixedPoint) -> FixedPoint? {
        let negative = (units < 0) != (other.units < 0)
        let product = units.magnitude.multipliedFullWidth(by: other.units.magnitude)
        // The quotient by 10^12 fits 128 bits only when the high half is below 10^12.
        guard product.high < UInt128(Self.one) else { return nil }
        let (quotient, remainder) = UInt128(Self.one).dividingFullWidth(product)
        guard remainder == 0, quotient <= UInt128(Int128.max) else { return nil }
        return FixedPoint(units: negative ? -Int128(quotient) : Int128(quotient))
    }

    /// `self × other` rounded toward negative infinity (`rounding: .down`) or positive infinity (`.up`),
    /// for a bound compared with exact values: `x ≤ a×b` holds exactly when `x ≤ floor(a×b)` for any
    /// `x` on this grid. Nil when it does not fit.
    public func multiplied(by other: FixedPoint, rounding: FloatingPointRoundingRule) -> FixedPoint? {
        let negative = (units < 0) != (other.units < 0)
        let product = units.magnitude.multipliedFullWidth(by: other.units.magnitude)
        guard product.high < UInt128(Self.one) else { return nil }
        var (quotient, remainder) = UInt128(Self.one).dividingFullWidth(product)
        // Round the magnitude away from zero when that moves the signed value the way asked.
        let awayFromZero = remainder != 0 && ((rounding == .up && !negative) || (rounding == .down && negative))
        if awayFromZero { quotient += 1 }
        guard quotient <= UInt128(Int128.max) else { return nil }
        return FixedPoint(units: negative ? -Int128(quotient) : Int128(quotient))
    }
}
