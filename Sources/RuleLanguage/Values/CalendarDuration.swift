/// A length of time in whole days or whole months (a year is 12 months).
///
/// Days and months are different units: a month is 28 to 31 days. Two durations of the same unit compare
/// exactly; a months duration and a days duration compare only when every possible calendar placement
/// gives the same answer (see `dayBounds`), otherwise the comparison is an error.
public struct CalendarDuration: Sendable, Hashable, CustomStringConvertible {
    /// Days or months (years are stored as months).
    public enum Unit: String, Sendable, Hashable {
        case days
        case months
    }

    /// How many days or months (negative for `date - later date`).
    public let count: Int
    public let unit: Unit

    /// `count` days or months.
    public init(_ count: Int, _ unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// `count` days.
    public static func days(_ count: Int) -> CalendarDuration { CalendarDuration(count, .days) }
    /// `count` months.
    public static func months(_ count: Int) -> CalendarDuration { CalendarDuration(count, .months) }

    /// `12 months`, `1 day`.
    public var description: String {
        let word = switch unit {
        case .days: abs(count) == 1 ? "day" : "days"
        case .months: abs(count) == 1 ? "month" : "months"
        }
        return "\(count) \(word)"
    }

    /// The fewest and most days this duration can span, over every start month of the 400-year
    /// Gregorian cycle (counted from the first of a month): 12 months → 365…366, 1 month → 28…31.
    public var dayBounds: ClosedRange<Int> {
        switch unit {
        case .days:
            return count...count
        case .months:
            // Int.min has no absolute value; such a span is beyond any calendar anyway.
            let bounds = Self.monthDayBounds(count == Int.min ? Int.max : abs(count))
            return count >= 0 ? bounds : (-bounds.upperBound)...(-bounds.lowerBound)
        }
    }

    /// 4800 months (400 years) are exactly 146,097 days, so longer spans reduce to a remainder.
    private static func monthDayBounds(_ months: Int) -> ClosedRange<Int> {
        let cycles = months / 4800
        let remainder = months % 4800
        var low = Int.max
        var high = Int.min
        for start in 0..<4800 {
            let year = 2000 + start / 12
            let month = start % 12 + 1
            let first = CivilDate.daysFromCivil(year: year, month: month, day: 1)
            let endTotal = start + remainder
            let last = CivilDate.daysFromCivil(year: 2000 + endTotal / 12, month: endTotal % 12 + 1, day: 1)
            low = min(low, last - first)
            high = max(high, last - first)
        }
        // Saturate instead of trapping for absurdly long spans (more than ~10^15 years).
        let (cycleDays, overflow) = cycles.multipliedReportingOverflow(by: 146_097)
        if overflow || cycleDays > Int.max - high { return (Int.max - 1)...Int.max }
        return (low + cycleDays)...(high + cycleDays)
    }
}
