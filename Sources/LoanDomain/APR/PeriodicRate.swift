public import RuleLanguage

/// A rate quoted per day, month or year, as an exact fraction (`0.0005` for 0.05%).
///
/// Conversion to a repayment period follows PBOC Announcement 〔2021〕 No. 3: a day is 1/365 of a year
/// and a month 1/12 (so a daily rate is worth `× 365 / 12` per month, never `× 30` or `× 360 / 12`).
public struct PeriodicRate: Sendable, Hashable {
    /// The rate as a fraction of the base, e.g. `0.0005` for 0.05%.
    public let value: ExactNumber
    /// What `value` is charged per.
    public let period: RatePeriod

    /// A rate of `value` (a fraction, not a percent) per `period`.
    public init(value: ExactNumber, period: RatePeriod) {
        self.value = value
        self.period = period
    }
}
