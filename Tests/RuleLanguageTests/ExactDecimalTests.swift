import FoundationEssentials
import RuleLanguage
import Testing

@Suite struct ExactDecimalTests {
    @Test func parsesOnlyCompleteDecimalLiterals() {
        #expect(ExactDecimal.parse("200000.50") == Decimal(string: "200000.50"))
        #expect(ExactDecimal.parse("-0.5") == Decimal(string: "-0.5"))
        for bad in ["1.5亿", "1,000", "1e3", ".5", "5.", "", "+", "1.2.3", " 1"] {
            #expect(ExactDecimal.parse(bad) == nil, "\(bad)")
        }
        #expect(ExactDecimal.parse(String(repeating: "9", count: 38)) != nil)
        #expect(ExactDecimal.parse(String(repeating: "9", count: 39)) == nil)
        #expect(ExactDecimal.parse("0.000" + String(repeating: "1", count: 38)) != nil)
    }

    @Test func sumsExactly() throws {
        let sum = try #require(ExactDecimal.parse("0.1")) + #require(ExactDecimal.parse("0.2"))
        #expect(sum == ExactDecimal.parse("0.3"))
    }

    @Test func roundsOnTheDigits() throws {
        let value = try #require(ExactDecimal.parse("31.725"))
        #expect(ExactDecimal.round(value, scale: 2) == ExactDecimal.parse("31.73"))
        #expect(ExactDecimal.round(value, scale: 2, .down) == ExactDecimal.parse("31.72"))
        #expect(ExactDecimal.round(-value, scale: 2) == ExactDecimal.parse("-31.73"))
        #expect(ExactDecimal.round(try #require(ExactDecimal.parse("9.999")), scale: 2) == 10)
        #expect(ExactDecimal.round(try #require(ExactDecimal.parse("0.0001")), scale: 2, .up) == ExactDecimal.parse("0.01"))
    }

    @Test func formatsWithFixedFractionDigits() throws {
        #expect(ExactDecimal.format(Decimal(1) / Decimal(3), fractionDigits: 4) == "0.3333")
        #expect(ExactDecimal.format(28, fractionDigits: 2) == "28.00")
        #expect(ExactDecimal.format(try #require(ExactDecimal.parse("-0.005")), fractionDigits: 2) == "-0.01")
        #expect(ExactDecimal.format(try #require(ExactDecimal.parse("99.995")), fractionDigits: 2) == "100.00")
    }
}
