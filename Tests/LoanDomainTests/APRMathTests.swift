import FoundationEssentials
import RuleLanguage
import Testing
@testable import LoanDomain

/// The Decimal helpers and the IRR solver on flows with known answers.
@Suite("APR decimal math and IRR solver")
struct APRMathTests {
    @Test("ln 2 and e to 30 decimals")
    func constants() throws {
        #expect(ExactDecimal.format(DecimalMath.ln2, fractionDigits: 30) == "0.693147180559945309417232121458")
        let e = try #require(DecimalMath.exponential(1))
        #expect(ExactDecimal.format(e, fractionDigits: 30) == "2.718281828459045235360287471353")
        let ln10 = try #require(DecimalMath.naturalLogarithm(10))
        #expect(ExactDecimal.format(ln10, fractionDigits: 30) == "2.302585092994045684017991454684")
    }

    @Test("non-integer powers through exp/ln agree with exact ones")
    func fractionalPower() throws {
        let root = try #require(DecimalMath.power(4, numerator: 1, denominator: 2))
        #expect((root - 2).magnitude < dec("0.000000000000000000000000000001"))
        let whole = try #require(DecimalMath.power(dec("1.01"), numerator: 24, denominator: 2))
        #expect(whole == DecimalMath.power(dec("1.01"), 12))
        #expect(DecimalMath.power(0, numerator: 1, denominator: 2) == nil)
    }

    @Test("tiny products flush to zero instead of trapping")
    func underflowSafety() {
        let tiny = dec("0.000000000000000000000000000000000000000000001")
        #expect(DecimalMath.multiply(tiny, Decimal(1) / Decimal(7)) == 0)
        #expect(DecimalMath.power(dec("0.000001"), 30) == 0)
        #expect(DecimalMath.divide(1, 0) == nil)
        #expect(DecimalMath.power(2, -1).isNaN)
    }

    @Test("a negative IRR: 100 received, 90 repaid is −10%")
    func negativeIrr() throws {
        let result = try AprCalculator.irrApr(cashFlows: [100, -90], periodsPerYear: 1)
        #expect(ExactDecimal.format(result.periodic, fractionDigits: 20) == "-0.10000000000000000000")
    }

    @Test("a large IRR over zero flows: 1 grows to 1000 in 12 months")
    func largeIrr() throws {
        let flows: [Decimal] = [-1] + Array(repeating: 0, count: 11) + [1000]
        let result = try AprCalculator.irrApr(cashFlows: flows, periodsPerYear: 12)
        #expect(ExactDecimal.format(result.periodic, fractionDigits: 12) == "0.778279410039")
        #expect(ExactDecimal.format(result.effective, fractionDigits: 20) == "999.00000000000000000000")
    }

    @Test("IRR is solved far below 1e-10 per period")
    func precision() throws {
        // 1000 now, 1100 in one period: exactly 10%.
        let result = try AprCalculator.irrApr(cashFlows: [-1000, 1100], periodsPerYear: 1)
        #expect((result.periodic - dec("0.1")).magnitude < dec("0.000000000000000000000000001"))
    }
}
