import Diagnostics

extension UnitParser {
    /// A duration: `12 months`, `1 year`, `90 days` (singular or plural), `12个月`, `1年`, `90天`, `90日`.
    /// Years become 12 months each. Whole non-negative numbers only.
    public static func duration(_ text: String) throws(UnitError) -> CalendarDuration {
        var scanner = UnitScanner(text)
        scanner.skipSpaces()
        try rejectNegative(&scanner, what: "a duration")
        guard let number = try scanner.scanNumber(grouping: false) else {
            throw UnitError(scanner.isAtEnd ? "expected a duration" : "expected a duration, found '\(scanner.rest.trimmingSpaces)'",
                            hint: "write it like 12 months or 90 days", offset: scanner.position)
        }
        let afterNumber = scanner.position
        scanner.skipSpaces()
        let unitStart = scanner.position
        let unit: String
        if let chinese = UnitGrammar.durationChineseUnits.first(where: { scanner.consume($0.word) }) {
            unit = chinese.word
        } else if let word = scanner.consumeLetters() {
            unit = word
        } else {
            throw UnitError("a duration needs a unit", hint: "write \(number.digits) months or \(number.digits) days",
                            offset: afterNumber)
        }
        guard let factor = durationUnits[unit] else {
            let hint = unit.hasPrefix("week") || unit == "周"
                ? "write the weeks as days, e.g. 14 days"
                : Suggestions.hint(for: unit, in: ["days", "months", "years"]) ?? "units are days, months and years"
            throw UnitError("unknown duration unit '\(unit)'", hint: hint, offset: unitStart)
        }
        if number.hasFraction {
            let hint = factor.unit == .days ? "write a whole number of days"
                : "write a whole number of months (1 year = 12 months), or days"
            throw UnitError("a duration is a whole number of days or months", hint: hint, offset: number.start)
        }
        guard let count = Int(number.digits), count <= UnitGrammar.maximumDurationCount(multiplier: factor.multiplier) else {
            throw UnitError("duration \(number.digits) is too large", offset: number.start)
        }
        let scaled = count * factor.multiplier
        scanner.skipSpaces()
        if !scanner.isAtEnd { throw scanner.trailingError(after: "the duration") }
        return CalendarDuration(scaled, factor.unit)
    }

    private static let durationUnits: [String: (unit: CalendarDuration.Unit, multiplier: Int)] = Dictionary(
        (UnitGrammar.durationChineseUnits + UnitGrammar.durationWords).map { ($0.word, ($0.unit, $0.multiplier)) },
        uniquingKeysWith: { first, _ in first })

    /// A calendar date `YYYY-MM-DD` (validated: month 1–12, the day exists, leap years).
    public static func date(_ text: String) throws(UnitError) -> CivilDate {
        var scanner = UnitScanner(text)
        scanner.skipSpaces()
        let start = scanner.position
        let example = "write dates as YYYY-MM-DD, e.g. 2024-12-31"
        let year = try fixedDigits(&scanner, count: 4, hint: example)
        try expectDash(&scanner, hint: example)
        let monthStart = scanner.position
        let month = try fixedDigits(&scanner, count: 2, hint: example)
        try expectDash(&scanner, hint: example)
        let dayStart = scanner.position
        let day = try fixedDigits(&scanner, count: 2, hint: example)
        scanner.skipSpaces()
        if !scanner.isAtEnd { throw scanner.trailingError(after: "the date", hint: "a date has no time or zone") }
        guard year >= 1 else { throw UnitError("year 0000 does not exist", hint: example, offset: start) }
        guard (1...12).contains(month) else {
            throw UnitError("month \(month) does not exist", hint: "months are 01 to 12", offset: monthStart)
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            let length = CivilDate.daysIn(month: month, year: year)
            let reason = month == 2 && day == 29
                ? "\(year) is not a leap year"
                : "\(monthNames[month - 1]) has \(length) days"
            throw UnitError("day \(day) does not exist: \(reason)", offset: dayStart)
        }
        return date
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static func fixedDigits(_ scanner: inout UnitScanner, count: Int, hint: String) throws(UnitError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let scalar = scanner.current, UnitScanner.isDigit(scalar) else {
                let found = scanner.isAtEnd ? "the date ends early" : "unexpected '\(Character(scanner.current ?? " "))' in the date"
                throw UnitError(found, hint: hint, offset: scanner.position)
            }
            value = value * 10 + Int(scalar.value - 48)
            scanner.position += 1
        }
        return value
    }

    private static func expectDash(_ scanner: inout UnitScanner, hint: String) throws(UnitError) {
        guard scanner.consume("-") else {
            let found = scanner.isAtEnd ? "the date ends early" : "unexpected '\(Character(scanner.current ?? " "))' in the date"
            throw UnitError(found, hint: hint, offset: scanner.position)
        }
    }
}
