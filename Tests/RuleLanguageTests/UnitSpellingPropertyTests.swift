import FoundationEssentials
import RuleLanguage
import Testing

/// Every unit spelling of `UnitGrammar`, on random numbers, gives the value the `Decimal`
/// implementation gave: the digits read exactly, then the decimal point moved by the unit's power of
/// ten (`万` 4, `亿` 8, `%` −2) and a rate annualised by 365 or 12.
@Suite struct UnitSpellingPropertyTests {
    /// The value `Decimal` gave for `digits` shifted by `places` (the replaced implementation's steps).
    static func reference(_ digits: String, shiftedBy places: Int) -> Decimal? {
        ExactDecimal.parse(digits).flatMap { ExactDecimal.shifted($0, by: places) }
    }

    static func literals(seed: UInt64, count: Int) -> [String] {
        var random = ExactNumberTests.Numbers(state: seed)
        return (0..<count).map { _ in
            let text = random.literal(maxDigits: 38)
            return text.hasPrefix("-") ? String(text.dropFirst()) : text
        }
    }

    @Test func moneyInEverySpelling() throws {
        let scales = [("", 0)] + UnitGrammar.moneyScales.map { ($0.word, $0.exponent) }
        for digits in Self.literals(seed: 11, count: 300) {
            for (scale, exponent) in scales {
                let expected = Self.reference(digits, shiftedBy: exponent)
                var spellings = [digits + scale]
                spellings += UnitGrammar.moneyPrefixes.flatMap { [$0 + digits + scale, $0 + " " + digits + scale] }
                spellings += UnitGrammar.moneySuffixes.flatMap { [digits + scale + $0, digits + scale + " " + $0] }
                for text in spellings {
                    #expect(try UnitParser.money(text).decimal == expected, "\(text)")
                }
            }
        }
        #expect(try UnitParser.money("1,234,567.89万").decimal == Self.reference("1234567.89", shiftedBy: 4))
    }

    @Test func percentagesInEverySpelling() throws {
        for digits in Self.literals(seed: 12, count: 500) {
            let expected = Self.reference(digits, shiftedBy: -2)
            for sign in UnitGrammar.percentSigns {
                for text in [digits + sign, digits + " " + sign] {
                    #expect(try UnitParser.percent(text).value.decimal == expected, "\(text)")
                    #expect(try UnitParser.ratio(text).value.decimal == expected, "\(text)")
                }
            }
        }
    }

    @Test func ratesInEverySpellingAndTheirAnnualValues() throws {
        var spellings: [(prefix: String, suffix: String, period: RatePeriod)] = []
        spellings += UnitGrammar.ratePrefixes.map { ($0.word, "", $0.period) }
        for slash in UnitGrammar.rateSlashes {
            spellings += UnitGrammar.rateSlashPeriods.map { ("", slash + $0.word, $0.period) }
            spellings += UnitGrammar.ratePeriodWords.map { ("", slash + $0.word, $0.period) }
        }
        spellings += UnitGrammar.ratePeriodWords.map { ("", " " + UnitGrammar.ratePer + " " + $0.word, $0.period) }
        for digits in Self.literals(seed: 13, count: 200) {
            guard let fraction = Self.reference(digits, shiftedBy: -2) else { continue }
            for (prefix, suffix, period) in spellings {
                let text = prefix + digits + "%" + suffix
                let rate = try UnitParser.rate(text)
                #expect(rate.period == period, "\(text)")
                #expect(rate.ratio.value.decimal == fraction, "\(text)")
                // The old annual value was `Decimal` × 365 or × 12, exact below 38 digits; ours is the
                // same, or absent (an error when compared) where that product needs more digits.
                let annual = ExactDecimal.product(fraction, Decimal(period.periodsPerYear))
                if let ours = rate.annualized {
                    #expect(ours.decimal == annual, "\(text)")
                } else {
                    #expect(String(digits.filter(\.isNumber).drop { $0 == "0" }).count >= 36, "\(text)")
                }
            }
        }
    }
}
