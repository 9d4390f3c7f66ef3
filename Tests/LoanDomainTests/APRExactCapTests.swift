import FoundationEssentials
import LoanDomain
import RuleLanguage
import Testing

@Suite struct AprExactCapTests {
    /// A price exactly on a cap must compute exactly to it (不超过 = ≤ passes on the line).
    @Test(arguments: ["12", "24", "15.4", "18"])
    func yearlyRateInEqualInstalmentsComputesExactly(percent: String) throws {
        let rate = try #require(ExactNumber.parse(percent)).shifted(by: -2)
        let input = AprInput(principal: 10_000, term: .months(12), repayment: .equalInstallment,
                             rate: PeriodicRate(value: rate, period: .year), fees: [])
        let result = try AprCalculator.compute(input)
        #expect(result.nominalApr == rate.decimal)
    }

    @Test func dailyRateIsExactOnThe365DayBasis() throws {
        let input = AprInput(principal: 10_000, term: .months(12), repayment: .equalInstallment,
                             rate: PeriodicRate(value: try #require(ExactNumber.parse("0.0005")), period: .day), fees: [])
        #expect(try AprCalculator.compute(input).nominalApr == ExactDecimal.parse("0.1825"))
    }
}
