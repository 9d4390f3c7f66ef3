import FoundationEssentials
import Testing
@testable import LoanDomain

/// Inputs with no meaningful APR fail with a typed error and a message.
@Suite("APR errors")
struct APRErrorTests {
    @Test("an instalment loan with a term in days", arguments: [RepaymentMethod.equalInstallment, .equalPrincipal, .interestOnly])
    func termInDays(_ method: RepaymentMethod) {
        let input = referenceLoan(method, rate: "0.0005", per: .day, term: .days(90))
        #expect(throws: AprError.termInDaysForInstalmentLoan(method, days: 90)) { try AprCalculator.compute(input) }
    }

    @Test("fees at disbursement that eat the whole principal leave no IRR")
    func netProceedsNotPositive() {
        let fee = AprFee(kind: "service", charge: .oneOffAmount(10000, collected: .upfrontDeduction))
        let input = referenceLoan(rate: "0.0005", per: .day, fees: [fee])
        #expect(throws: AprError.netProceedsNotPositive(0)) { try AprCalculator.compute(input) }
        #expect(AprError.netProceedsNotPositive(0).message.contains("net proceeds of 0"))
    }

    @Test("negative or empty inputs")
    func invalidInputs() {
        #expect(throws: AprError.nonPositivePrincipal(0)) {
            try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, principal: "0"))
        }
        #expect(throws: AprError.negativeRate(num("-0.0005"))) {
            try AprCalculator.compute(referenceLoan(rate: "-0.0005", per: .day))
        }
        let negativeFee = AprFee(kind: "insurance", charge: .oneOffPercent(num("-0.01"), collected: .atDisbursement))
        #expect(throws: AprError.negativeFee(kind: "insurance", num("-0.01"))) {
            try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, fees: [negativeFee]))
        }
        #expect(throws: AprError.nonPositiveTerm(.months(0))) {
            try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, term: .months(0)))
        }
        #expect(throws: AprError.termTooLong(.months(1201))) {
            try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, term: .months(1201)))
        }
    }

    @Test("explicit cash flows without exactly one sign change, or too few")
    func badCashFlows() {
        #expect(throws: AprError.cashFlowsNeedOneSignChange(found: 0)) {
            try AprCalculator.irrApr(cashFlows: [100, 100], periodsPerYear: 12)
        }
        #expect(throws: AprError.cashFlowsNeedOneSignChange(found: 2)) {
            try AprCalculator.irrApr(cashFlows: [-100, 230, -132], periodsPerYear: 12)
        }
        #expect(throws: AprError.notEnoughCashFlows(1)) {
            try AprCalculator.irrApr(cashFlows: [-100], periodsPerYear: 12)
        }
        #expect(throws: AprError.irrOutOfRange) {
            try AprCalculator.irrApr(cashFlows: [-1, 1_000_000_000_000], periodsPerYear: 12)
        }
        #expect(throws: AprError.invalidPeriodsPerYear(0)) {
            try AprCalculator.irrApr(cashFlows: [-100, 110], periodsPerYear: 0)
        }
    }

    @Test("every error explains itself")
    func messages() {
        let errors: [AprError] = [
            .nonPositivePrincipal(0), .nonPositiveTerm(.days(0)), .termInDaysForInstalmentLoan(.equalInstallment, days: 30),
            .termTooLong(.days(40000)), .negativeRate(-1), .negativeFee(kind: "other", -1), .netProceedsNotPositive(-5),
            .notEnoughCashFlows(0), .cashFlowsNeedOneSignChange(found: 0), .invalidPeriodsPerYear(0), .irrOutOfRange,
            .noConvergence(iterations: 400), .arithmeticOverflow("x"),
        ]
        for error in errors { #expect(!error.message.isEmpty) }
        #expect(AprError.termInDaysForInstalmentLoan(.equalInstallment, days: 30).message
            == "equal-installment loans repay monthly, so the term must be in months, got 30 days")
    }
}
