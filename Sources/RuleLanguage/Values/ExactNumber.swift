/// An exact decimal number: an integer significand of at most 38 digits times a power of ten.
///
/// Every amount of money, ratio, rate and plain decimal in documents, rules and evaluation is one of
/// these. It holds the numbers of up to 38 significant digits that Foundation `Decimal` holds (the
/// same exponent range, −128…127, for the normalised significand), but in two machine words, so comparing, adding and multiplying are a few integer instructions
/// instead of `Decimal`'s digit arrays, and nothing is ever rounded silently: a sum or product that
/// needs more than 38 digits, or leaves the exponent range, is an `ArithmeticError`. Only division
/// rounds, and says how (`dividing(by:)`).
///
/// Values are kept normalised — no trailing zero digits in the significand, zero as `0 × 10^0` — so
/// equal numbers have equal fields (`1.50 == 1.5`), and hashing and equality are field comparisons.
public struct ExactNumber: Sendable, Hashable {
    // Two words rather than an `Int128`: an `Int128` member is 16-byte aligned, which would make every
    // `Value` that holds a number 16-aligned and 48 bytes instead of 40.
    private let low: UInt64
    private let high: Int64
    /// The power of ten: the value is `significand × 10^exponent`.
    public let exponent: Int8

    /// Most significant digits held; longer numbers are refused, never truncated.
    public static let maximumDigits = 38
    /// 10^38: every significand's magnitude is below this.
    static let significandLimit: UInt128 = 100_000_000_000_000_000_000_000_000_000_000_000_000

    /// The integer significand (no trailing zero digits unless the number is zero).
    public var significand: Int128 { Int128(high) << 64 | Int128(low) }

    /// Zero.
    public static let zero = ExactNumber(normalized: 0, exponent: 0)

    /// A value already normalised and in range (the caller has checked).
    private init(normalized significand: Int128, exponent: Int8) {
        low = UInt64(truncatingIfNeeded: significand)
        high = Int64(truncatingIfNeeded: significand >> 64)
        self.exponent = exponent
    }

    /// `significand × 10^exponent`, normalised; nil when it needs more than 38 digits or its
    /// exponent (after dropping trailing zeros) is outside −128…127.
    public init?(significand: Int128, exponent: Int) {
        guard let (normalized, power) = try? Self.normalize(significand, exponent) else { return nil }
        self.init(normalized: normalized, exponent: power)
    }

    /// A whole number.
    public init(_ integer: Int) {
        // An `Int` has at most 19 digits and its normalised exponent at most 18: always in range.
        let (normalized, power) = (try? Self.normalize(Int128(integer), 0)) ?? (0, 0)
        self.init(normalized: normalized, exponent: power)
    }

    /// `significand × 10^exponent` normalised, or the reason it cannot be held.
    static func make(_ significand: Int128, _ exponent: Int) throws(ArithmeticError) -> ExactNumber {
        let (normalized, power) = try normalize(significand, exponent)
        return ExactNumber(normalized: normalized, exponent: power)
    }

    /// Drops trailing zeros and checks the limits.
    static func normalize(_ significand: Int128, _ exponent: Int) throws(ArithmeticError) -> (Int128, Int8) {
        if significand == 0 { return (0, 0) }
        var value = significand
        var power = exponent
        if let small = Int64(exactly: value) {
            // The common case (amounts, percentages) in 64-bit division, several times cheaper.
            var word = small
            while word % 10 == 0 { word /= 10; power += 1 }
            value = Int128(word)
        } else {
            while value % 10 == 0 { value /= 10; power += 1 }
        }
        guard value.magnitude < significandLimit else { throw .overflow }
        guard power >= Int(Int8.min) else { throw .underflow }
        guard let exponent = Int8(exactly: power) else { throw .overflow }
        return (value, exponent)
    }

    /// Whether the number is zero.
    public var isZero: Bool { low == 0 && high == 0 }

    /// −1, 0 or 1.
    public var signum: Int { high < 0 ? -1 : (isZero ? 0 : 1) }

    /// The number with its sign flipped (always exact: the range is symmetric).
    public static prefix func - (value: ExactNumber) -> ExactNumber {
        ExactNumber(normalized: -value.significand, exponent: value.exponent)
    }

    /// The absolute value.
    public var magnitude: ExactNumber { signum < 0 ? -self : self }

    /// The number of digits of the significand (1 for zero).
    public var digitCount: Int { Self.digitCount(significand.magnitude) }

    /// The number of decimal digits of `value` (1 for zero).
    static func digitCount(_ value: UInt128) -> Int {
        var digits = 1
        while digits < unsignedPowersOfTen.count, value >= unsignedPowersOfTen[digits] { digits += 1 }
        return digits
    }

    /// 10^0 … 10^38.
    static let unsignedPowersOfTen: [UInt128] = {
        var powers: [UInt128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// 10^n for 0 ≤ n ≤ 38, nil otherwise.
    static func powerOfTen(_ n: Int) -> UInt128? {
        n >= 0 && n < unsignedPowersOfTen.count ? unsignedPowersOfTen[n] : nil
    }
}

extension ExactNumber: Comparable {
    /// −1, 0 or 1 as `a` is below, equal to or above `b`; exact for every pair.
    public static func compare(_ a: ExactNumber, _ b: ExactNumber) -> Int {
        let signA = a.signum
        let signB = b.signum
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        let order = compareMagnitudes(a, b)
        return signA < 0 ? -order : order
    }

    /// The order of `|a|` and `|b|`, both non-zero.
    private static func compareMagnitudes(_ a: ExactNumber, _ b: ExactNumber) -> Int {
        let x = a.significand.magnitude
        let y = b.significand.magnitude
        if a.exponent == b.exponent { return x < y ? -1 : (x == y ? 0 : 1) }
        // Scale the one with the larger exponent down to the other's; if that leaves 128 bits, it is the
        // larger, since the other is below 10^38.
        let shift = Int(a.exponent) - Int(b.exponent)
        if shift > 0 {
            guard let factor = powerOfTen(shift) else { return 1 }
            let (scaled, overflow) = x.multipliedReportingOverflow(by: factor)
            if overflow { return 1 }
            return scaled < y ? -1 : (scaled == y ? 0 : 1)
        }
        guard let factor = powerOfTen(-shift) else { return -1 }
        let (scaled, overflow) = y.multipliedReportingOverflow(by: factor)
        if overflow { return -1 }
        return x < scaled ? -1 : (x == scaled ? 0 : 1)
    }

    public static func < (lhs: ExactNumber, rhs: ExactNumber) -> Bool { compare(lhs, rhs) < 0 }
}

extension ExactNumber: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension ExactNumber: CustomStringConvertible {
    /// The shortest exact text: `1.5`, `-200000`, `0.0005` (never an exponent).
    public var description: String { plainText }
}
