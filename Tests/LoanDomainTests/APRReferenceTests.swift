import FoundationEssentials
import RuleLanguage
import Testing
@testable import LoanDomain

/// DESIGN §3 reference results: 10,000 repaid in 12 equal monthly instalments. Expected values were
/// computed independently (Python `decimal`, 60 digits, bisection IRR) before the calculator existed.
@Suite("APR reference results (DESIGN §3)")
struct APRReferenceTests {
    @Test("0.05% per day is 18.25%, the IRR equals the monthly rate 0.05% × 365 / 12")
    func dailyRate18_25() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day))
        #expect(percent(result.nominalApr, 2) == "18.25")
        #expect((result.nominalApr - dec("0.1825")).magnitude < dec("0.0000000001"))
        #expect(percent(result.effectiveAnnualRate, 6) == "19.856637")
        #expect(percent(result.simpleRate, 6) == "18.250000")
        #expect(ExactDecimal.format(result.schedule[1].payment, fractionDigits: 6) == "917.990133")
        #expect(result.periodsPerYear == 12)
    }

    @Test("0.065% per day is 23.725%")
    func dailyRate23_725() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.00065", per: .day))
        #expect(percent(result.nominalApr, 2) == "23.73")
        #expect(percent(result.nominalApr, 6) == "23.725000")
        #expect((result.nominalApr - dec("0.23725")).magnitude < dec("0.0001"))
        #expect(percent(result.effectiveAnnualRate, 6) == "26.482674")
        #expect(percent(result.simpleRate, 6) == "23.725000")
    }

    @Test("0.0658% per day is 24.017%, above the 24% line")
    func dailyRateAbove24() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.000658", per: .day))
        #expect(percent(result.nominalApr, 6) == "24.017000")
        #expect(result.nominalApr > dec("0.24"))
        #expect(percent(result.effectiveAnnualRate, 6) == "26.845318")
        #expect(percent(result.simpleRate, 6) == "24.017000")
    }

    @Test("0.0657% per day is 23.9805%, just under the 24% line")
    func dailyRateBelow24() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.000657", per: .day))
        #expect(percent(result.nominalApr, 6) == "23.980500")
        #expect(result.nominalApr < dec("0.24"))
        #expect(percent(result.effectiveAnnualRate, 6) == "26.799936")
        #expect(percent(result.simpleRate, 6) == "23.980500")
    }

    @Test("0% interest plus a 1.5% monthly fee on the original principal is 31.72%")
    func flatFeeOnly() throws {
        let fee = AprFee(kind: "service", charge: .periodic(PeriodicRate(value: num("0.015"), period: .month),
                                                            basis: .originalPrincipal))
        let result = try AprCalculator.compute(referenceLoan(rate: "0", per: .day, fees: [fee]))
        #expect(percent(result.nominalApr, 2) == "31.72")
        #expect(percent(result.nominalApr, 6) == "31.716381")
        #expect(percent(result.effectiveAnnualRate, 6) == "36.758288")
        #expect(result.totalInterest == 0)
        #expect(result.totalFees == 1800)
        #expect(percent(result.simpleRate, 6) == "33.230769")
    }

    @Test("15% per year plus a 0.6% monthly guarantee fee is 27.49%")
    func guaranteeFee() throws {
        let fee = AprFee(kind: "guarantee", charge: .periodic(PeriodicRate(value: num("0.006"), period: .month),
                                                              basis: .originalPrincipal))
        let result = try AprCalculator.compute(referenceLoan(rate: "0.15", per: .year, fees: [fee]))
        #expect(percent(result.nominalApr, 2) == "27.49")
        #expect(percent(result.nominalApr, 6) == "27.493415")
        #expect(percent(result.effectiveAnnualRate, 6) == "31.236639")
        #expect(percent(result.simpleRate, 6) == "27.996429")
    }

    @Test("18% per year with 500 deducted at disbursement is 28.00%")
    func deductedFee() throws {
        let fee = AprFee(kind: "service", charge: .oneOffAmount(500, collected: .upfrontDeduction))
        let result = try AprCalculator.compute(referenceLoan(rate: "0.18", per: .year, fees: [fee]))
        #expect(percent(result.nominalApr, 2) == "28.00")
        #expect(percent(result.nominalApr, 6) == "27.998502")
        #expect(percent(result.effectiveAnnualRate, 6) == "31.886120")
        #expect(percent(result.simpleRate, 6) == "26.985631")
        #expect(result.netProceeds == 9500)
        #expect(result.schedule[0].payment == -9500)
        #expect(result.schedule[0].fees == 500)
    }

    @Test("collecting at disbursement costs the same as deducting upfront")
    func atDisbursementEqualsDeduction() throws {
        let deducted = try AprCalculator.compute(referenceLoan(rate: "0.18", per: .year, fees: [
            AprFee(kind: "service", charge: .oneOffAmount(500, collected: .upfrontDeduction)),
        ]))
        let collected = try AprCalculator.compute(referenceLoan(rate: "0.18", per: .year, fees: [
            AprFee(kind: "service", charge: .oneOffAmount(500, collected: .atDisbursement)),
        ]))
        #expect(deducted.nominalApr == collected.nominalApr)
    }

    @Test("PBOC's example: 99,000 received, 12 × 8,833.30 repaid is 12.80% nominal, 13.58% effective")
    func pbocExample() throws {
        let flows = [dec("99000")] + Array(repeating: dec("-8833.30"), count: 12)
        let result = try AprCalculator.irrApr(cashFlows: flows, periodsPerYear: 12)
        #expect(percent(result.nominal, 2) == "12.80")
        #expect(percent(result.effective, 2) == "13.58")
        #expect(percent(result.nominal, 6) == "12.803802")
        #expect(percent(result.effective, 6) == "13.582558")
        #expect(ExactDecimal.format(result.periodic, fractionDigits: 12) == "0.010669834876")
        // The IRR does not depend on whose side the flows are written from.
        let mirrored = try AprCalculator.irrApr(cashFlows: flows.map { -$0 }, periodsPerYear: 12)
        #expect(mirrored.periodic == result.periodic)
    }

    @Test("the explicit-flow IRR of the computed schedule is the computed IRR")
    func scheduleFlowsRoundTrip() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.15", per: .year))
        let explicit = try AprCalculator.irrApr(cashFlows: result.cashFlows, periodsPerYear: 12)
        #expect(explicit.nominal == result.nominalApr)
        #expect(explicit.effective == result.effectiveAnnualRate)
    }
}
