import FoundationEssentials
import LoanDomain
import RuleLanguage
import Testing

/// FoundationEssentials' `Decimal` traps when a product underflows (below 1e-128 after cutting the
/// mantissa to 38 digits). `ExactDecimal.product` is the one guard; these pin its behaviour and the
/// places that use it.
@Suite struct DecimalSafetyTests {
    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }
    static let tiny38 = "0.00000000000000000000000000000000000000000000000012345678901234567890123456789012345678"

    @Test func productIsExactInRangeAndNilOutOfRange() {
        #expect(ExactDecimal.product(Self.decimal("0.1"), Self.decimal("0.2")) == Self.decimal("0.02"))
        #expect(ExactDecimal.product(Self.decimal("1e-64"), Self.decimal("1e-64")) == Self.decimal("1e-128"))
        #expect(ExactDecimal.product(0, Self.decimal("1e-127")) == 0)
        // These trap with `*`.
        #expect(ExactDecimal.product(Self.decimal("1e-64"), Self.decimal("1e-65")) == nil)
        #expect(ExactDecimal.product(Self.decimal("1e-127"), Self.decimal("0.01")) == nil)
        #expect(ExactDecimal.product(Self.decimal(Self.tiny38), Self.decimal(Self.tiny38)) == nil)
        // Overflow: NaN from `*`, nil here.
        #expect(ExactDecimal.product(Self.decimal("1e120"), Self.decimal("1e120")) == nil)
        #expect(ExactDecimal.product(.nan, 1) == nil)
    }

    @Test func shiftingTheDecimalPointIsExactAndGuardedLikeTheProduct() {
        let cases: [(String, Int, String)] = [("29.99", -2, "0.2999"), ("1.5", 8, "150000000"), ("-3.5", 4, "-35000"),
                                              ("1.2", 12, "1200000000000"), ("0.05", -2, "0.0005")]
        for (text, places, expected) in cases {
            let shifted = ExactDecimal.shifted(Self.decimal(text), by: places)
            #expect(shifted == Self.decimal(expected))
            // The same value and the same text as the multiplication it replaces.
            let product = ExactDecimal.product(Self.decimal(text), Decimal(sign: .plus, exponent: places, significand: 1))
            #expect(shifted?.description == product?.description)
        }
        #expect(ExactDecimal.shifted(0, by: -200) == 0)
        #expect(ExactDecimal.shifted(.nan, by: 1) == nil)
        // Past Decimal's exponent range: underflow and overflow are nil, as for the product.
        #expect(ExactDecimal.shifted(Self.decimal("1e-127"), by: -2) == nil)
        #expect(ExactDecimal.shifted(Self.decimal("1e120"), by: 10) == nil)
    }

    @Test func quotientIsNilForZeroAndOutOfRange() {
        #expect(ExactDecimal.quotient(1, 4) == Self.decimal("0.25"))
        #expect(ExactDecimal.quotient(1, 0) == nil)
        #expect(ExactDecimal.quotient(Self.decimal("1e-127"), 100) == nil)
        #expect(ExactDecimal.quotient(Self.decimal("1e100"), Self.decimal("1e-100")) == nil)
    }

    @Test func ruleLanguageProductsOutOfRangeAreErrorsNotCrashes() {
        let tiny = "0.00000000000000000000000000000000000001"
        guard case .failure(let list) = evaluateStandalone([tiny, tiny, tiny, tiny].joined(separator: " * ")) else {
            Issue.record("expected an error")
            return
        }
        #expect(list.diagnostics.map(\.description) == [
            "<expression>:1:128: error: arithmetic underflow (the result is too close to zero to be held exactly)"
        ])
        guard case .failure(let rates) = evaluateStandalone("\(Self.tiny38)% per day * \(Self.tiny38)") else {
            Issue.record("expected an error")
            return
        }
        // Two 38-digit significands: the exact product has 75 or 76 digits, which is the reason given.
        #expect(rates.diagnostics.first?.message.hasPrefix("arithmetic overflow (more than 38 significant digits") == true)
        // Small but in range stays exact.
        guard case .success(let small) = evaluateStandalone("\(tiny) * \(tiny) * \(tiny) == 0") else {
            Issue.record("expected a value")
            return
        }
        #expect(small.valueText == "false")
    }

    @Test func percentagesBelowTheDecimalRangeAreRejectedWhenParsed() {
        let text = "0." + String(repeating: "0", count: 126) + "1%"
        #expect(throws: UnitError.self) { try UnitParser.percent(text) }
        #expect(throws: UnitError.self) { try UnitParser.rate(text + " per day") }
        #expect(throws: UnitError.self) { try UnitParser.ratio(text) }
        #expect(Ratio(percent: ExactNumber(significand: 1, exponent: -127) ?? 1) == nil)
        #expect(Ratio(percent: ExactNumber(significand: 1, exponent: -100) ?? 1)?.value == ExactNumber(significand: 1, exponent: -102))
    }

    @Test func tinyRatesAndFeesGoThroughTheAprCalculator() throws {
        let rate = try UnitParser.rate(Self.tiny38 + "% per day")
        let fee = try UnitParser.rate(Self.tiny38 + "% per month")
        let input = AprInput(principal: 10_000, term: .months(12), repayment: .equalInstallment,
                             rate: PeriodicRate(value: rate.ratio.value, period: .day),
                             fees: [AprFee(kind: "guarantee", charge: .periodic(PeriodicRate(value: fee.ratio.value, period: .month),
                                                                                basis: .outstandingBalance)),
                                    AprFee(kind: "service", charge: .oneOffPercent(rate.ratio.value, collected: .upfrontDeduction))])
        let result = try AprCalculator.compute(input)
        #expect(!result.nominalApr.isNaN)
        #expect(result.nominalApr.magnitude < Self.decimal("1e-30"))
    }
}
