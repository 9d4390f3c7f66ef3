import Foundation
import RuleLanguage
import Testing

@Suite struct UnitParserRatioTests {
    @Test(arguments: [("30%", "0.3"), ("0.05%", "0.0005"), ("29.99%", "0.2999"), ("30 %", "0.3"), ("30％", "0.3"),
                      ("100%", "1"), ("150%", "1.5"), ("0%", "0")])
    func percent(text: String, fraction: String) throws {
        #expect(try UnitParser.percent(text).value == decimal(fraction))
    }

    @Test func bareNumberHintEchoesTheNumber() {
        #expect(throws: UnitError("a percentage needs a % sign", hint: "write 30%", offset: 2)) {
            try UnitParser.percent("30")
        }
        #expect(throws: UnitError("a percentage needs a % sign",
                                  hint: "write 30% for the fraction 0.3, or 0.3% if you meant 0.3 percent", offset: 3)) {
            try UnitParser.percent("0.3")
        }
        #expect(throws: UnitError("a percentage cannot be negative", hint: "write it without a minus sign", offset: 0)) {
            try UnitParser.percent("-5%")
        }
        #expect(throws: UnitError("unexpected 'pct' after the percentage", offset: 4)) {
            try UnitParser.percent("30% pct")
        }
    }

    @Test func ratioKeepsFractionText() throws {
        let third = try UnitParser.ratio("1/3")
        #expect(third.fractionText == "1/3")
        #expect(third.value == decimal("0." + String(repeating: "3", count: 38)))
        #expect(Value.ratio(third).displayText == "1/3")
        #expect(try UnitParser.ratio(" 2 / 3 ").fractionText == "2/3")
        #expect(try UnitParser.ratio("30%") == Ratio(decimal("0.3")))
    }

    @Test func ratioRejections() {
        #expect(throws: UnitError("the denominator of a fraction cannot be zero", offset: 2)) { try UnitParser.ratio("1/0") }
        #expect(throws: UnitError("a fraction is written with whole numbers",
                                  hint: "write a fraction like 1/3 or a percentage like 33.3%", offset: 0)) {
            try UnitParser.ratio("1.5/3")
        }
        #expect(throws: UnitError("a percentage needs a % sign",
                                  hint: "write 30% for the fraction 0.3, or 0.3% if you meant 0.3 percent", offset: 3)) {
            try UnitParser.ratio("0.3")
        }
    }

    @Test(arguments: [
        ("0.05% per day", "0.0005", RatePeriod.day), ("18% per year", "0.18", .year), ("1.5% per month", "0.015", .month),
        ("18% per annum", "0.18", .year), ("0.05%/day", "0.0005", .day), ("0.05%/日", "0.0005", .day),
        ("1.5%/month", "0.015", .month), ("18%/year", "0.18", .year), ("日息0.05%", "0.0005", .day),
        ("年化18%", "0.18", .year), ("月息1.5%", "0.015", .month), ("日利率0.05%", "0.0005", .day),
        ("年利率 18%", "0.18", .year), ("0.05 % per days", "0.0005", .day),
    ])
    func rate(text: String, fraction: String, period: RatePeriod) throws {
        let rate = try UnitParser.rate(text)
        #expect(rate.ratio.value == decimal(fraction))
        #expect(rate.period == period)
    }

    @Test func rateRejections() {
        #expect(throws: UnitError("a rate needs a period",
                                  hint: "write 0.05% per day, 0.05% per month or 0.05% per year", offset: 5)) {
            try UnitParser.rate("0.05%")
        }
        #expect(throws: UnitError("unknown rate period 'week'", hint: "a rate is per day, per month or per year", offset: 10)) {
            try UnitParser.rate("0.05% per week")
        }
        #expect(throws: UnitError("unknown rate period 'dya'",
                                  hint: "did you mean 'day'? a rate is per day, per month or per year", offset: 10)) {
            try UnitParser.rate("0.05% per dya")
        }
        #expect(throws: UnitError("a percentage needs a % sign",
                                  hint: "write 5% for the fraction 0.05, or 0.05% if you meant 0.05 percent", offset: 4)) {
            try UnitParser.rate("0.05 per day")
        }
        #expect(throws: UnitError("unexpected 'per day' after the rate", hint: "the period is already given by the prefix",
                                  offset: 8)) {
            try UnitParser.rate("日息0.05% per day")
        }
    }

    @Test func rateConversionsUse365Days() throws {
        let daily = try UnitParser.rate("0.05% per day")
        #expect(daily.annualized == decimal("0.1825"))
        #expect(daily.converted(to: .year) == Rate(Ratio(decimal("0.1825")), per: .year))
        #expect(daily.converted(to: .month)?.ratio.value == decimal("0.015208333333333333333333333333333333333"))
        #expect(try UnitParser.rate("1.5% per month").annualized == decimal("0.18"))
        #expect(daily == Rate(Ratio(decimal("0.1825")), per: .year))
    }
}
