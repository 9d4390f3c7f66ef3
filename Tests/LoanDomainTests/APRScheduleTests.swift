import FoundationEssentials
import RuleLanguage
import Testing
@testable import LoanDomain

/// Repayment methods, fee timings and the schedule's own arithmetic.
@Suite("APR schedules and fees")
struct APRScheduleTests {
    private func sumOfRepaidPrincipal(_ result: AprResult) -> Decimal {
        result.schedule.dropFirst().reduce(0) { $0 + $1.principal }
    }

    @Test("equal instalment: principal column sums to the loan exactly, payments are level, the balance ends at 0")
    func equalInstallmentSchedule() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day))
        #expect(result.schedule.count == 13)
        #expect(result.schedule.map(\.period) == Array(0...12))
        #expect(sumOfRepaidPrincipal(result) == 10000)
        #expect(result.schedule.last?.outstandingAfter == 0)
        let payments = Set(result.schedule.dropFirst().map { ExactDecimal.format($0.payment, fractionDigits: 18) })
        #expect(payments == ["917.990132731143737776"])
        #expect(result.schedule.dropFirst().allSatisfy { $0.interest == ExactDecimal.round($0.interest, scale: 20) })
        for row in result.schedule { #expect(row.payment == row.principal + row.interest + row.fees) }
        #expect(ExactDecimal.format(result.totalInterest, fractionDigits: 6) == "1015.881593")
    }

    @Test("disbursement row: negated principal, fees taken at t0, payment = −net proceeds, balance = principal")
    func disbursementRow() throws {
        let fee = AprFee(kind: "service", charge: .oneOffPercent(num("0.01"), collected: .atDisbursement))
        let row = try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, fees: [fee])).schedule[0]
        #expect(row.period == 0)
        #expect(row.principal == -10000)
        #expect(row.interest == 0)
        #expect(row.fees == 100)
        #expect(row.payment == -9900)
        #expect(row.outstandingAfter == 10000)
    }

    @Test("equal principal: 1/12 of the principal each month, interest on the balance, same APR as the rate")
    func equalPrincipal() throws {
        let result = try AprCalculator.compute(referenceLoan(.equalPrincipal, rate: "0.0005", per: .day))
        #expect(percent(result.nominalApr, 6) == "18.250000")
        #expect(percent(result.effectiveAnnualRate, 6) == "19.856637")
        #expect(sumOfRepaidPrincipal(result) == 10000)
        #expect(ExactDecimal.format(result.schedule[1].principal, fractionDigits: 10) == "833.3333333333")
        #expect(ExactDecimal.format(result.totalInterest, fractionDigits: 6) == "988.541667")
        #expect(percent(result.simpleRate, 6) == "18.250000")
    }

    @Test("interest only: interest every month, the whole principal in the last period")
    func interestOnly() throws {
        let result = try AprCalculator.compute(referenceLoan(.interestOnly, rate: "0.0005", per: .day))
        #expect(percent(result.nominalApr, 6) == "18.250000")
        #expect(result.schedule[1...11].allSatisfy { $0.principal == 0 && $0.outstandingAfter == 10000 })
        #expect(result.schedule[12].principal == 10000)
        // 12 × 152.0833… carried to 20 decimals
        #expect(ExactDecimal.format(result.totalInterest, fractionDigits: 6) == "1825.000000")
        #expect(percent(result.simpleRate, 6) == "18.250000")
    }

    @Test("bullet of 90 days at 0.05% per day: one period, 365/90 periods a year, non-integer compounding")
    func bulletInDays() throws {
        let result = try AprCalculator.compute(referenceLoan(.bullet, rate: "0.0005", per: .day, term: .days(90)))
        #expect(result.schedule.count == 2)
        #expect(result.schedule[1].interest == 450)
        #expect(result.schedule[1].payment == 10450)
        #expect(ExactDecimal.format(result.periodicIrr, fractionDigits: 20) == "0.04500000000000000000")
        #expect(percent(result.nominalApr, 6) == "18.250000")
        #expect(ExactDecimal.format(result.periodsPerYear, fractionDigits: 10) == "4.0555555556")
        // (1.045)^(365/90) − 1 through the exp/ln series
        #expect(percent(result.effectiveAnnualRate, 6) == "19.543833")
        #expect(percent(result.simpleRate, 6) == "18.250000")
    }

    @Test("bullet of 90 days with 1% deducted upfront")
    func bulletWithDeduction() throws {
        let fee = AprFee(kind: "service", charge: .oneOffPercent(num("0.01"), collected: .upfrontDeduction))
        let result = try AprCalculator.compute(referenceLoan(.bullet, rate: "0.0005", per: .day, fees: [fee],
                                                             term: .days(90)))
        #expect(percent(result.nominalApr, 6) == "22.530864")
        #expect(percent(result.effectiveAnnualRate, 6) == "24.517069")
        #expect(percent(result.simpleRate, 6) == "22.305556")
    }

    @Test("bullet in months: 3 months at 1.5% per month (k = 4), 5 months at 1% (k = 2.4)")
    func bulletInMonths() throws {
        let three = try AprCalculator.compute(referenceLoan(.bullet, rate: "0.015", per: .month, term: .months(3)))
        #expect(three.schedule[1].interest == 450)
        #expect(percent(three.nominalApr, 6) == "18.000000")
        #expect(percent(three.effectiveAnnualRate, 6) == "19.251860")
        let five = try AprCalculator.compute(referenceLoan(.bullet, rate: "0.01", per: .month, term: .months(5)))
        #expect(percent(five.nominalApr, 6) == "12.000000")
        #expect(percent(five.effectiveAnnualRate, 6) == "12.422779")
    }

    @Test("a 7-day payday loan with a 30% fee: a large IRR still converges")
    func paydayLoan() throws {
        let fee = AprFee(kind: "service", charge: .oneOffPercent(num("0.3"), collected: .withFirstInstallment))
        let result = try AprCalculator.compute(referenceLoan(.bullet, rate: "0", per: .day, fees: [fee],
                                                             principal: "1000", term: .days(7)))
        #expect(ExactDecimal.format(result.periodicIrr, fractionDigits: 20) == "0.30000000000000000000")
        #expect(percent(result.nominalApr, 6) == "1564.285714")
        #expect(percent(result.effectiveAnnualRate, 0) == "87363786")
    }

    @Test("a one-off fee collected with the first instalment lands in period 1")
    func feeWithFirstInstallment() throws {
        let fee = AprFee(kind: "service", charge: .oneOffPercent(num("0.02"), collected: .withFirstInstallment))
        let result = try AprCalculator.compute(referenceLoan(rate: "0.12", per: .year, fees: [fee]))
        #expect(result.netProceeds == 10000)
        #expect(result.schedule[0].fees == 0)
        #expect(result.schedule[1].fees == 200)
        #expect(result.schedule[2].fees == 0)
        #expect(percent(result.nominalApr, 6) == "15.803688")
        #expect(percent(result.effectiveAnnualRate, 6) == "17.000179")
        #expect(percent(result.simpleRate, 6) == "15.626174")
    }

    @Test("a periodic fee on the outstanding balance acts like extra interest: 12% + 0.5%/month = 18%")
    func periodicFeeOnOutstandingBalance() throws {
        let fee = AprFee(kind: "insurance", charge: .periodic(PeriodicRate(value: num("0.005"), period: .month),
                                                              basis: .outstandingBalance))
        let result = try AprCalculator.compute(referenceLoan(rate: "0.12", per: .year, fees: [fee]))
        #expect(percent(result.nominalApr, 6) == "18.000000")
        #expect(result.schedule[1].fees == 50)
        #expect(result.schedule[2].fees < 50)
    }

    @Test("equal principal with a fee on the balance and one at disbursement: cost 650 + 195 + 200")
    func mixedFees() throws {
        let fees = [
            AprFee(kind: "management", charge: .periodic(PeriodicRate(value: num("0.003"), period: .month),
                                                         basis: .outstandingBalance)),
            AprFee(kind: "service", charge: .oneOffAmount(200, collected: .atDisbursement)),
        ]
        let result = try AprCalculator.compute(referenceLoan(.equalPrincipal, rate: "0.01", per: .month, fees: fees))
        #expect(ExactDecimal.format(result.totalInterest, fractionDigits: 6) == "650.000000")
        #expect(ExactDecimal.format(result.totalFees, fractionDigits: 6) == "395.000000")
        #expect(result.totalCost == result.totalInterest + result.totalFees)
        #expect(ExactDecimal.format(result.totalCost, fractionDigits: 6) == "1045.000000")
        #expect(percent(result.nominalApr, 6) == "19.577534")
        #expect(percent(result.simpleRate, 6) == "19.292308")
    }

    @Test("0% interest and no fees: APR, effective and simple rates are 0")
    func interestFree() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0", per: .month))
        #expect(result.nominalApr == 0)
        #expect(result.effectiveAnnualRate == 0)
        #expect(result.simpleRate == 0)
        #expect(sumOfRepaidPrincipal(result) == 10000)
    }

    @Test("a longer term keeps the IRR: 24 monthly instalments at 0.05% per day")
    func longerTerm() throws {
        let result = try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, term: .months(24)))
        #expect(result.schedule.count == 25)
        #expect(percent(result.nominalApr, 6) == "18.250000")
        let mortgage = try AprCalculator.compute(referenceLoan(rate: "0.049", per: .year, principal: "1000000",
                                                               term: .months(360)))
        #expect(mortgage.schedule.count == 361)
        #expect(percent(mortgage.nominalApr, 6) == "4.900000")
        #expect(mortgage.schedule.dropFirst().reduce(Decimal(0)) { $0 + $1.principal } == 1_000_000)
    }
}
