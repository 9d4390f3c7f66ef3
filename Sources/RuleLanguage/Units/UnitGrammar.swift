/// The words and signs of values written with units, in one place: the parsers (`UnitParser`) read
/// them and `UnitPatterns` turns them into the regular expressions of the JSON Schema for editors, so a
/// spelling added here is accepted by both (`make check-schema` checks that they agree).
public enum UnitGrammar {
    /// `¥200,000`, `CNY 200000`.
    public static let moneyPrefixes = ["¥", "￥", "CNY", "RMB"]
    /// Written right after the number (`20万`, not `20 万`), longest first; the power of ten of each.
    public static let moneyScales: [(word: String, exponent: Int)] = [("万亿", 12), ("万", 4), ("亿", 8)]
    /// `200000元`, `200000 CNY`; not together with a prefix.
    public static let moneySuffixes = ["元", "CNY", "RMB"]

    /// `30%`, `30％` (the full-width sign a Chinese input method types).
    public static let percentSigns = ["%", "％"]

    /// `年化18%`, `日息0.05%` … (longest first: `年化利率` before `年化`).
    public static let ratePrefixes: [(word: String, period: RatePeriod)] = [
        ("年化利率", .year), ("日利率", .day), ("月利率", .month), ("年利率", .year),
        ("日息", .day), ("月息", .month), ("年息", .year), ("年化", .year),
    ]
    /// `0.05%/day`, `12%／年`.
    public static let rateSlashes = ["/", "／"]
    /// The Chinese period after a slash: `0.05%/日`, `12%/年`.
    public static let rateSlashPeriods: [(word: String, period: RatePeriod)] = [("日", .day), ("天", .day), ("月", .month), ("年", .year)]
    /// The English period after `per` or a slash (a whole word of ASCII letters).
    public static let ratePeriodWords: [(word: String, period: RatePeriod)] = [
        ("day", .day), ("days", .day), ("month", .month), ("months", .month), ("year", .year), ("years", .year), ("annum", .year),
    ]
    /// The word between a percentage and its English period: `18% per year`.
    public static let ratePer = "per"

    /// Chinese duration units, written after the number with or without a space (longest first).
    public static let durationChineseUnits: [(word: String, unit: CalendarDuration.Unit, multiplier: Int)] = [
        ("个月", .months, 1), ("天", .days, 1), ("日", .days, 1), ("月", .months, 1), ("年", .months, 12),
    ]
    /// English duration units (a whole word of ASCII letters).
    public static let durationWords: [(word: String, unit: CalendarDuration.Unit, multiplier: Int)] = [
        ("day", .days, 1), ("days", .days, 1), ("month", .months, 1), ("months", .months, 1), ("year", .months, 12), ("years", .months, 12),
    ]
    /// The largest count of a duration with this multiplier: the days or months must fit an `Int`.
    public static func maximumDurationCount(multiplier: Int) -> Int { Int.max / multiplier }

    /// `all`: every mainland province, accepted only as a whole region list (any letter case).
    public static let allProvinces = "all"
}
