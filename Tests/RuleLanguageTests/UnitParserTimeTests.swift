import RuleLanguage
import Testing

@Suite struct UnitParserTimeTests {
    @Test(arguments: [
        ("12 months", CalendarDuration.months(12)), ("1 month", .months(1)), ("1 year", .months(12)), ("2 years", .months(24)),
        ("90 days", .days(90)), ("1 day", .days(1)), ("12个月", .months(12)), ("12月", .months(12)), ("1年", .months(12)),
        ("90天", .days(90)), ("90日", .days(90)), ("12months", .months(12)), ("0 days", .days(0)), ("1 years", .months(12)),
    ])
    func duration(text: String, expected: CalendarDuration) throws {
        #expect(try UnitParser.duration(text) == expected)
    }

    @Test func durationRejections() {
        #expect(throws: UnitError("a duration needs a unit", hint: "write 12 months or 12 days", offset: 2)) {
            try UnitParser.duration("12")
        }
        #expect(throws: UnitError("a duration is a whole number of days or months",
                                  hint: "write a whole number of months (1 year = 12 months), or days", offset: 0)) {
            try UnitParser.duration("1.5 years")
        }
        #expect(throws: UnitError("unknown duration unit 'weeks'", hint: "write the weeks as days, e.g. 14 days", offset: 2)) {
            try UnitParser.duration("2 weeks")
        }
        #expect(throws: UnitError("unknown duration unit 'monts'", hint: "did you mean 'months'?", offset: 3)) {
            try UnitParser.duration("12 monts")
        }
        #expect(throws: UnitError("a duration cannot be negative", hint: "write it without a minus sign", offset: 0)) {
            try UnitParser.duration("-3 days")
        }
    }

    @Test func dates() throws {
        #expect(try UnitParser.date("2024-12-31") == CivilDate(year: 2024, month: 12, day: 31))
        #expect(try UnitParser.date("2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(try UnitParser.date("2000-02-29").description == "2000-02-29")
    }

    @Test func dateRejections() {
        #expect(throws: UnitError("day 29 does not exist: 2023 is not a leap year", offset: 8)) { try UnitParser.date("2023-02-29") }
        #expect(throws: UnitError("day 29 does not exist: 1900 is not a leap year", offset: 8)) { try UnitParser.date("1900-02-29") }
        #expect(throws: UnitError("day 31 does not exist: April has 30 days", offset: 8)) { try UnitParser.date("2024-04-31") }
        #expect(throws: UnitError("month 13 does not exist", hint: "months are 01 to 12", offset: 5)) {
            try UnitParser.date("2024-13-01")
        }
        #expect(throws: UnitError("unexpected '/' in the date", hint: "write dates as YYYY-MM-DD, e.g. 2024-12-31", offset: 4)) {
            try UnitParser.date("2024/12/31")
        }
        #expect(throws: UnitError("unexpected 'T00:00' after the date", hint: "a date has no time or zone", offset: 10)) {
            try UnitParser.date("2024-12-31T00:00")
        }
    }

    @Test(arguments: ["CN-GD", "cn-gd", "GD", "广东", "广东省", "Guangdong", " CN-GD "])
    func guangdong(text: String) throws {
        #expect(try UnitParser.province(text).code == "CN-GD")
    }

    @Test func provinceNames() throws {
        #expect(try UnitParser.province("广西壮族自治区").code == "CN-GX")
        #expect(try UnitParser.province("内蒙古").code == "CN-NM")
        #expect(try UnitParser.province("新疆维吾尔自治区").code == "CN-XJ")
        #expect(try UnitParser.province("香港").code == "CN-HK")
        #expect(try UnitParser.province("CN-TW").isMainland == false)
        #expect(try UnitParser.province("Shaanxi").code == "CN-SN")
        #expect(try UnitParser.province("Shanxi").code == "CN-SX")
    }

    @Test func provinceRejections() {
        #expect(throws: UnitError("unknown province 'CN-GQ'", hint: "did you mean 'CN-GD' (广东)?", offset: 0)) {
            try UnitParser.province("CN-GQ")
        }
        #expect(throws: UnitError("unknown province 'Guangdon'", hint: "did you mean 'Guangdong' (CN-GD)?", offset: 0)) {
            try UnitParser.province("Guangdon")
        }
        #expect(throws: UnitError("'all' stands for every mainland province and is only accepted as a whole region list",
                                  hint: "write regions: [all], or list the provinces", offset: 0)) {
            try UnitParser.province("all")
        }
    }

    @Test func allMeansTheMainland() throws {
        let all = try UnitParser.provinces("all")
        #expect(all.count == 31)
        #expect(!all.contains { $0.code == "CN-HK" || $0.code == "CN-MO" || $0.code == "CN-TW" })
        #expect(Province.all.count == 34)
        #expect(try UnitParser.provinces("GD").map(\.code) == ["CN-GD"])
    }
}
