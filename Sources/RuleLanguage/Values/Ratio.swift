/// A percentage or fraction, held as the exact fraction (`30%` is 0.3).
///
/// A ratio written as a fraction (`1/3`) keeps that text for display; its value is the 38-digit
/// decimal quotient. Equality and order use the value only.
public struct Ratio: Sendable, Hashable, Comparable {
    /// The fraction: 0.3 for 30%.
    public let value: ExactNumber
    // The fraction as written, as two 32-bit integers (denominator 0: none) rather than a String, so a
    // ratio — and with it every runtime `Value` — stays small; documents hold many of them.
    private let numerator: Int32
    private let denominator: Int32

    /// The fraction as written (`1/3`), shown instead of a long percentage; nil for percentages.
    public var fractionText: String? {
        denominator == 0 ? nil : "\(numerator)/\(denominator)"
    }

    /// The ratio `value` (0.3 for 30%), optionally with the fraction text it was written as (`a/b`;
    /// a fraction whose parts do not fit 32 bits is shown as a percentage instead).
    public init(_ value: ExactNumber, fractionText: String? = nil) {
        self.value = value
        let parts = fractionText?.split(separator: "/") ?? []
        if parts.count == 2, let top = Int32(parts[0]), let bottom = Int32(parts[1]), bottom > 0 {
            numerator = top
            denominator = bottom
        } else {
            numerator = 0
            denominator = 0
        }
    }

    /// The ratio `percent`% (exact: a shift of the decimal point); nil for a percentage below 10^-126%,
    /// which `UnitParser` rejects first.
    public init?(percent: ExactNumber) {
        guard let value = try? percent.shifted(by: -2) else { return nil }
        self.init(value)
    }

    /// The value in percent: 30 for 30% (nil only beyond 10^125%).
    public var percent: ExactNumber? { try? value.shifted(by: 2) }

    public static func == (lhs: Ratio, rhs: Ratio) -> Bool { lhs.value == rhs.value }
    public static func < (lhs: Ratio, rhs: Ratio) -> Bool { lhs.value < rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// The period a rate is quoted for.
public enum RatePeriod: String, Sendable, Hashable, CaseIterable {
    case day
    case month
    case year

    /// Periods per year: a daily rate is annualised × 365 (never 360), a monthly rate × 12.
    public var periodsPerYear: Int {
        switch self {
        case .day: 365
        case .month: 12
        case .year: 1
        }
    }
}

/// A percentage per period: `0.05% per day`, `18% per year`.
public struct Rate: Sendable, Hashable, Comparable {
    /// The percentage for one period.
    public let ratio: Ratio
    /// The period the percentage is for.
    public let period: RatePeriod

    /// `ratio` per `period`.
    public init(_ ratio: Ratio, per period: RatePeriod) {
        self.ratio = ratio
        self.period = period
    }

    /// The simple annual equivalent as a fraction (daily × 365, monthly × 12); exact, nil only when it
    /// needs more than 38 digits.
    public var annualized: ExactNumber? {
        period == .year ? ratio.value : try? ratio.value.multiplied(by: ExactNumber(period.periodsPerYear))
    }

    /// The same rate quoted for `target` (simple conversion: daily × 365 = yearly, yearly ÷ 12 = monthly).
    /// Converting to a shorter period divides, to 38 digits; nil when the annual equivalent overflows.
    public func converted(to target: RatePeriod) -> Rate? {
        if target == period { return self }
        guard let annual = annualized,
              let value = try? annual.dividing(by: ExactNumber(target.periodsPerYear)) else { return nil }
        return Rate(Ratio(value), per: target)
    }

    // Rates compare by their annual equivalent, so `0.05% per day == 18.25% per year`.
    public static func == (lhs: Rate, rhs: Rate) -> Bool { lhs.annualized == rhs.annualized }
    /// Rates whose annual equivalent overflows sort last (they are refused by evaluation anyway).
    public static func < (lhs: Rate, rhs: Rate) -> Bool {
        switch (lhs.annualized, rhs.annualized) {
        case let (a?, b?): a < b
        case (.some, nil): true
        default: false
        }
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(annualized) }
}
