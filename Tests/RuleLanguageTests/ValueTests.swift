import Foundation
import RuleLanguage
import Testing

@Suite struct ValueTests {
    @Test func civilDateRoundTrips() throws {
        let date = try #require(CivilDate(year: 2024, month: 2, day: 29))
        #expect(date.dayNumber == 19_782)
        #expect(CivilDate(dayNumber: 0).description == "1970-01-01")
        #expect(CivilDate(dayNumber: -1).description == "1969-12-31")
        #expect(CivilDate(year: 1, month: 1, day: 1)?.description == "0001-01-01")
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 0, day: 1) == nil)
        for dayNumber in stride(from: -719_000, through: 2_900_000, by: 1009) {
            let day = CivilDate(dayNumber: dayNumber)
            #expect(CivilDate(year: day.year, month: day.month, day: day.day) == day)
        }
    }

    @Test func addingMonthsClampsTheDay() throws {
        let january31 = try #require(CivilDate(year: 2024, month: 1, day: 31))
        #expect(january31.adding(months: 1).description == "2024-02-29")
        #expect(january31.adding(months: 13).description == "2025-02-28")
        #expect(january31.adding(months: -2).description == "2023-11-30")
        #expect(january31.adding(days: 366).description == "2025-01-31")
    }

    @Test func monthDayBoundsAreTight() {
        #expect(CalendarDuration.months(1).dayBounds == 28...31)
        #expect(CalendarDuration.months(2).dayBounds == 59...62)
        #expect(CalendarDuration.months(12).dayBounds == 365...366)
        #expect(CalendarDuration.months(24).dayBounds == 730...731)
        #expect(CalendarDuration.months(48).dayBounds == 1460...1461)
        #expect(CalendarDuration.months(4800).dayBounds == 146_097...146_097)
        #expect(CalendarDuration.months(0).dayBounds == 0...0)
        #expect(CalendarDuration.months(-12).dayBounds == -366 ... -365)
        #expect(CalendarDuration.days(90).dayBounds == 90...90)
    }

    @Test func display() throws {
        #expect(Value.money(decimal("200000")).displayText == "¥200,000")
        #expect(Value.money(decimal("200000.5")).displayText == "¥200,000.50")
        #expect(Value.money(decimal("1234.567")).displayText == "¥1,234.567")
        #expect(Value.money(decimal("-1000")).displayText == "-¥1,000")
        #expect(Value.money(decimal("999")).displayText == "¥999")
        #expect(Value.money(try ExactNumber(100).dividing(by: 3)).displayText == "≈¥33.33")
        #expect(Value.ratio(Ratio(decimal("0.2999"))).displayText == "29.99%")
        #expect(Value.ratio(Ratio(try ExactNumber(1).dividing(by: 3))).displayText == "≈33.3333%")
        #expect(Value.rate(Rate(Ratio(decimal("0.0005")), per: .day)).displayText == "0.05% per day")
        #expect(Value.duration(.months(12)).displayText == "12 months")
        #expect(Value.duration(.days(1)).displayText == "1 day")
        #expect(Value.list([.province(Province.mainland[0]), .integer(2)]).displayText == "[CN-BJ, 2]")
        #expect(Value.decimal(decimal("0.30")).displayText == "0.3")
        #expect(Value.decimal(try ExactNumber(2).dividing(by: 3)).displayText == "≈0.666667")
        #expect(Value.enumeration(EnumValue(type: "T", case: "local-bank")).displayText == "local-bank")
    }

    @Test func chineseMoney() {
        #expect(NumberFormat.chineseMoney(decimal("200000")) == "20万")
        #expect(NumberFormat.chineseMoney(decimal("250000000")) == "2.5亿")
        #expect(NumberFormat.chineseMoney(decimal("1200000000000")) == "1.2万亿")
        #expect(NumberFormat.chineseMoney(decimal("123456789")) == "12345.6789万")
        #expect(NumberFormat.chineseMoney(decimal("500")) == "¥500")
    }

    @Test func recordEqualityIgnoresLocations() {
        let here = SourceLocationFixture.a
        let a = Record(type: "R", fields: ["x": .integer(1)], locations: ["x": here])
        let b = Record(type: "R", fields: ["x": .integer(1)])
        #expect(a == b)
        #expect(ListValue([.integer(1)], locations: [here]) == ListValue([.integer(1)]))
    }

    @Test func settingReplacesAndAddsFieldsKeepingLocations() {
        let here = SourceLocationFixture.a
        let there = SourceLocation(file: "b.yaml", line: 2, column: 3)
        let record = Record(type: "R", fields: [
            Record.Field(name: "m", value: .integer(1), location: here),
            Record.Field(name: "c", value: .integer(2), location: nil),
            Record.Field(name: "x", value: .integer(3), location: here),
        ])
        // Unsorted updates, one replacing `m`, a name repeated (the first wins), names before, between and after.
        let updated = record.setting([
            Record.Field(name: "z", value: .integer(9), location: there),
            Record.Field(name: "m", value: .integer(10), location: there),
            Record.Field(name: "a", value: .integer(0), location: nil),
            Record.Field(name: "d", value: .integer(4), location: there),
            Record.Field(name: "d", value: .integer(5), location: here),
        ])
        #expect(updated.fields == ["a": .integer(0), "c": .integer(2), "d": .integer(4), "m": .integer(10),
                                   "x": .integer(3), "z": .integer(9)])
        #expect(updated.location(of: "m") == there)
        #expect(updated.location(of: "x") == here)
        #expect(updated.location(of: "d") == there)
        #expect(updated.location(of: "a") == nil)
        #expect(updated == Record(type: "R", fields: updated.fields))
        #expect(record["m"] == .integer(1))  // the original is unchanged
    }
}

import Diagnostics
enum SourceLocationFixture {
    static let a = SourceLocation(file: "a.yaml", line: 1, column: 1)
}
