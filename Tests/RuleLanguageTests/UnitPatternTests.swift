import RuleLanguage
import Testing

/// The patterns of the JSON Schema for editors (`UnitPatterns`) accept exactly what the parsers accept:
/// each spelling below is run through both and the verdicts compared (the full corpus, with a JSON
/// Schema validator, is `make check-schema`).
@Suite struct UnitPatternTests {
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        return try regex.wholeMatch(in: text) != nil
    }

    /// Each text: the parser's verdict, the pattern's, and the verdict expected of both.
    private func check(_ pattern: String, _ parse: (String) -> Bool, accepted: [String], rejected: [String]) throws {
        for text in accepted {
            #expect(parse(text), "parser rejects \(text.debugDescription)")
            #expect(try matches(pattern, text), "pattern rejects \(text.debugDescription)")
        }
        for text in rejected {
            #expect(!parse(text), "parser accepts \(text.debugDescription)")
            #expect(try !matches(pattern, text), "pattern accepts \(text.debugDescription)")
        }
    }

    @Test func money() throws {
        try check(UnitPatterns.money, { (try? UnitParser.money($0)) != nil },
                  accepted: ["200000", "200000.50", "200,000", "1,234,567.89", "20万", "1.5亿", "1.2万亿", "10亿元", "20万元",
                             "¥200,000", "￥200000", "¥20万", "CNY 200000", "RMB 200000", "RMB200000", "200000 CNY", "200000元",
                             " 20万 ", "\u{3000}20万\n", "0", "0020万", String(repeating: "9", count: 38)],
                  rejected: ["", "-5", "20 万", "20k", "$100", "USD 100", "200,00", "2000,000", "¥20万元", "CNY 200000 CNY", "二十万",
                             "1e5", "1.5.0", "20千", "200，000", "200,", ".5", "5.", String(repeating: "9", count: 39),
                             "1" + String(repeating: "0", count: 38)])
    }

    @Test func percentAndRatio() throws {
        try check(UnitPatterns.percent, { (try? UnitParser.percent($0)) != nil },
                  accepted: ["18%", "0.05%", "29.99%", "30 %", "30％", "0%", " 100% "],
                  rejected: ["0.3", "30", "-5%", "30 percent", "30%%", ".5%", "5.%", "1e2%", "30,0%", "%"])
        try check(UnitPatterns.ratio, { (try? UnitParser.ratio($0)) != nil },
                  accepted: ["1/3", "1 / 3", "0/5", "30%", "33.3%", "30％", "2/007"],
                  rejected: ["1/0", "1/00", "1.5/3", "1/3.0", "0.3", "3", "-1/3", "1／3", "1/", "/3"])
    }

    @Test func rate() throws {
        try check(UnitPatterns.rate, { (try? UnitParser.rate($0)) != nil },
                  accepted: ["18% per year", "1.5% per month", "0.05% per day", "18% per annum", "18% per years", "0.05%/day",
                             "0.05% / day", "0.05%/日", "0.05%/天", "1.5%/月", "12%/年", "12%／年", "18％ per year", "18 % per year",
                             "18%per year", "日息0.05%", "日利率0.05%", "月息1.5%", "月利率1.5%", "年化18%", "年化 18%", "年化利率18%",
                             "年息18%", "年利率18%", "0.05%/ days"],
                  rejected: ["0.18", "18", "18%", "18% per week", "18% yearly", "18%/周", "18% Per Year", "18% perday", "18% per",
                             "18%/", "-18% per year", "年化 18", "日息0.05% per day", "年化18%（单利）", "18% per year per year",
                             "18%/per year", "18%/日息"])
    }

    @Test func duration() throws {
        try check(UnitPatterns.duration, { (try? UnitParser.duration($0)) != nil },
                  accepted: ["12 months", "1 month", "1 year", "2 years", "90 days", "1 day", "12months", "12个月", "12 个月", "12月",
                             "1年", "90天", "90日", "018 months", "9223372036854775807 days", "0009223372036854775807个月",
                             "768614336404564650 years", "768614336404564649年", "99999999999999999 years"],
                  rejected: ["12", "12 weeks", "2周", "1.5 years", "12 mths", "12 Months", "-3 months", "十二个月", "12 months later",
                             "9223372036854775808 days", "9300000000000000000 months", "10000000000000000000天",
                             "768614336404564651 years", "768614336404564700年", "1000000000000000000 years", "999999999999999999 years", "12 monthsx", "months"])
    }

    @Test func date() throws {
        try check(UnitPatterns.date, { (try? UnitParser.date($0)) != nil },
                  accepted: ["2024-12-31", "2024-02-29", "2000-02-29", "1600-02-29", "0001-01-01", "2023-04-30", " 2024-01-01 "],
                  rejected: ["2023-02-29", "1900-02-29", "2100-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "2024-01-00",
                             "2024-1-5", "2024/12/31", "20241231", "0000-01-01", "2024-12-31T00:00:00", "2024-12-31 10:00",
                             "2024年12月31日"])
    }

    @Test func province() throws {
        try check(UnitPatterns.province, { (try? UnitParser.province($0)) != nil },
                  accepted: ["CN-GD", "GD", "gd", "Cn-Gd", "广东", "广东省", "Guangdong", "GUANGDONG", "新疆维吾尔自治区", "内蒙古",
                             "Inner Mongolia", "Tibet", "Xizang", "Macau", "  CN-GD  ", "Hong \u{212A}ong"],
                  rejected: ["广州", "深圳", "CN-XX", "all", "ALL", "Canton", "CN GD", "广东 省", "Inner  Mongolia", "44", ""])
        #expect(try matches(UnitPatterns.allProvinces, " All "))
        #expect(try !matches(UnitPatterns.allProvinces, "all provinces"))
    }

    @Test func whiteSpaceIsUnicodeWhiteSpace() throws {
        // What the parsers skip (Unicode White_Space) — not JavaScript's \s, which adds U+FEFF and drops U+0085.
        #expect(try matches(UnitPatterns.percent, "\u{85}30%\u{3000}"))
        #expect((try? UnitParser.percent("\u{FEFF}30%")) == nil)
        #expect(try !matches(UnitPatterns.percent, "\u{FEFF}30%"))
    }
}
