import RuleLanguage
import Testing

/// Numbers in documents and rules are written out in full, with at most 38 significant digits, and
/// within `Decimal`'s range; anything else is an error that says so at the offending character.
@Suite struct UnitNumberTests {
    static func error(_ parse: (String) throws(UnitError) -> Void, _ text: String) -> String? {
        do {
            try parse(text)
            return nil
        } catch {
            return "\(error.offset) \(error.message)"
        }
    }

    static let money: @Sendable (String) throws(UnitError) -> Void = { text throws(UnitError) in _ = try UnitParser.money(text) }
    static let percent: @Sendable (String) throws(UnitError) -> Void = { text throws(UnitError) in _ = try UnitParser.percent(text) }
    static let rate: @Sendable (String) throws(UnitError) -> Void = { text throws(UnitError) in _ = try UnitParser.rate(text) }

    @Test func exponentsAreRejectedAsSuch() {
        #expect(Self.error(Self.money, "1e400") == "1 numbers with an exponent (1e400) are not accepted")
        #expect(Self.error(Self.money, "¥2.5E-3") == "4 numbers with an exponent (2.5E-3) are not accepted")
        // Before, "1e400%" was "a percentage needs a % sign" with the hint "write 1%".
        #expect(Self.error(Self.percent, "1e400%") == "1 numbers with an exponent (1e400) are not accepted")
        #expect(Self.error(Self.rate, "1e-400% per day") == "1 numbers with an exponent (1e-400) are not accepted")
        #expect(Self.error(Self.rate, "年化1E+2%") == "3 numbers with an exponent (1E+2) are not accepted")
        // An `e` that does not start an exponent is still an unknown unit.
        #expect(Self.error(Self.money, "1eur") == "1 unknown unit 'eur' in an amount of money")
    }

    @Test func numbersBelowTheDecimalRangeSaySo() {
        let tiny = "0." + String(repeating: "0", count: 130) + "1"
        #expect(Self.error(Self.money, tiny) == "0 \(tiny) is too close to zero to be held exactly")
        #expect(Self.error(Self.percent, tiny + "%") == "0 \(tiny) is too close to zero to be held exactly")
    }
}
