import FoundationEssentials
import RuleLanguage
import Testing
@testable import LoanDomain

/// The scaled-integer APR path against the general `Decimal` path, over a grid of loans.
@Suite("APR scaled-integer path")
struct APRScaledPathTests {
    private static let rates: [(String, RatePeriod)] = [
        ("0", .month), ("0.0001", .day), ("0.0005", .day), ("0.00065", .day), ("0.01", .month), ("0.015", .month),
        ("0.033", .month), ("0.12", .year), ("0.1825", .year), ("0.24", .year), ("0.36", .year), ("0.0385", .year),
    ]
    private static let feeSets: [[AprFee]] = [
        [],
        [AprFee(kind: "guarantee", charge: .periodic(PeriodicRate(value: num("0.0003"), period: .month), basis: .originalPrincipal))],
        [AprFee(kind: "insurance", charge: .periodic(PeriodicRate(value: num("0.005"), period: .month), basis: .outstandingBalance))],
        [AprFee(kind: "service", charge: .oneOffPercent(num("0.01"), collected: .upfrontDeduction))],
        [AprFee(kind: "service", charge: .oneOffAmount(num("200"), collected: .withFirstInstallment)),
         AprFee(kind: "management", charge: .periodic(PeriodicRate(value: num("0.0002"), period: .day), basis: .outstandingBalance)),
         AprFee(kind: "other", charge: .oneOffPercent(num("0.025"), collected: .atDisbursement))],
    ]
    private static let instalmentTerms: [LoanTerm] = [.months(1), .months(3), .months(7), .months(12), .months(24), .months(60)]
    private static let bulletTerms: [LoanTerm] = [.months(3), .months(5), .months(12), .days(7), .days(90), .days(365)]

    private static var loans: [AprInput] {
        var loans: [AprInput] = []
        for (rate, period) in rates {
            for fees in feeSets {
                for principal in ["10000", "123456.78"] {
                    for method in RepaymentMethod.allCases {
                        for term in method == .bullet ? bulletTerms : instalmentTerms {
                            loans.append(AprInput(principal: num(principal), term: term, repayment: method,
                                                  rate: PeriodicRate(value: num(rate), period: period), fees: fees))
                        }
                    }
                }
            }
        }
        return loans
    }

    @Test("every ordinary loan takes the scaled path and reports the same rates as Decimal")
    func sameRatesAsDecimal() throws {
        let loans = Self.loans
        #expect(loans.count == 2880)
        for input in loans {
            let periods = try RepaymentPeriods(term: input.term, repayment: input.repayment)
            let scaled = try #require(ScaledAprCalculator.compute(input, periods: periods), "fell back: \(input)")
            let exact = try AprCalculator.computeInDecimal(input)
            #expect(scaled.nominalApr == exact.nominalApr, "\(input)")
            #expect(scaled.effectiveAnnualRate == exact.effectiveAnnualRate, "\(input)")
            #expect(scaled.simpleRate == exact.simpleRate, "\(input)")
            #expect((scaled.periodicIrr - exact.periodicIrr).magnitude < dec("0.00000000000000000000000001"), "\(input)")
            #expect(scaled.netProceeds == exact.netProceeds && scaled.totalFees == exact.totalFees, "\(input)")
            #expect((scaled.totalInterest - exact.totalInterest).magnitude <= dec("0.0000000000000000001") * Decimal(exact.schedule.count),
                    "\(input)")
        }
    }

    /// The rates the audit reads come from the scaled path's integers, not from the `Decimal`s' text:
    /// they must be the same numbers.
    @Test("the scaled path's exact rates are its Decimal rates")
    func exactRatesAreTheDecimalRates() throws {
        var integerPowers = 0
        for input in Self.loans {
            let periods = try RepaymentPeriods(term: input.term, repayment: input.repayment)
            let scaled = try #require(ScaledAprCalculator.compute(input, periods: periods), "fell back: \(input)")
            let exact = try #require(scaled.exactRates, "no exact rates: \(input)")
            #expect(exact.nominal == ExactNumber(exactly: scaled.nominalApr), "\(input)")
            #expect(exact.simple == ExactNumber(exactly: scaled.simpleRate), "\(input)")
            if let effective = exact.effective {
                integerPowers += 1
                #expect(effective == ExactNumber(exactly: scaled.effectiveAnnualRate), "\(input)")
            }
            // Not part of the value: the same result without them is equal and hashes alike.
            let without = AprResult(nominalApr: scaled.nominalApr, effectiveAnnualRate: scaled.effectiveAnnualRate,
                                    simpleRate: scaled.simpleRate, periodicIrr: scaled.periodicIrr,
                                    periodsPerYear: scaled.periodsPerYear, netProceeds: scaled.netProceeds,
                                    totalInterest: scaled.totalInterest, totalFees: scaled.totalFees, rows: scaled.rows)
            #expect(without.exactRates == nil && without == scaled && without.hashValue == scaled.hashValue)
        }
        // Instalments have a whole number of periods a year; bullets of 3 or 12 months too.
        #expect(integerPowers > 0)
    }

    @Test("schedules agree to the last carried digit (1e-20 yuan)")
    func sameSchedules() throws {
        for input in Self.loans where input.principal == 10000 {
            let scaled = try AprCalculator.compute(input).schedule
            let exact = try AprCalculator.computeInDecimal(input).schedule
            #expect(scaled.count == exact.count)
            for (a, b) in zip(scaled, exact) {
                #expect(a.period == b.period)
                #expect((a.payment - b.payment).magnitude <= dec("0.00000000000000000001"), "\(input) period \(a.period)")
                #expect((a.outstandingAfter - b.outstandingAfter).magnitude <= dec("0.0000000000000000001") * Decimal(a.period), "\(input)")
                #expect(a.payment == a.principal + a.interest + a.fees)
            }
        }
    }

    @Test("loans outside 128 bits or with a negative IRR fall back to Decimal with the same answer")
    func fallsBack() throws {
        let huge = referenceLoan(rate: "0.12", per: .year, principal: "1000000000000000000000")  // 1e21 yuan
        let periods = try RepaymentPeriods(term: huge.term, repayment: huge.repayment)
        #expect(ScaledAprCalculator.compute(huge, periods: periods) == nil)
        #expect(percent(try AprCalculator.compute(huge).nominalApr, 6) == "12.000000")
        #expect(ScaledAprCalculator.discountFactor(of: [-100 * ScaledAprCalculator.one, 90 * ScaledAprCalculator.one]) == nil)
        #expect(ScaledAprCalculator.discountFactor(of: [-100, 60, 40]) == ScaledAprCalculator.one)
    }

    @Test("multiplyDivide rounds half away from zero and refuses overflow")
    func arithmetic() {
        #expect(ScaledArithmetic.multiplyDivide(5, 1, 2) == 3)
        #expect(ScaledArithmetic.multiplyDivide(-5, 1, 2) == -3)
        #expect(ScaledArithmetic.multiplyDivide(7, 1, 3) == 2)
        #expect(ScaledArithmetic.multiplyDivide(Int128.max, 2, 2) == Int128.max)
        #expect(ScaledArithmetic.multiplyDivide(Int128.max, 2, 1) == nil)
        #expect(ScaledArithmetic.multiplyDivide(1, 1, 0) == nil)
        #expect(ScaledArithmetic.power(2 * ScaledAprCalculator.one, 200, one: ScaledAprCalculator.one) == nil)
        #expect(ExactDecimal.parts(dec("-0.0005"))! == (-5, -4))
        #expect(ExactDecimal.scaledInteger(dec("123.45"), scale: 1) == nil)
        #expect(ExactDecimal.decimal(-123_456_789_012_345_678_901_234_567_890, scale: 20) == dec("-1234567890.1234567890123456789"))
    }

    @Test("the seed's Int128 → Double conversion rounds exactly as Double(_:) does")
    func int128ToDoubleMatchesTheStandardLibrary() {
        let one: Int128 = 1
        var values: [Int128] = [0, 1, -1, Int128.max, Int128.min, Int128.max - 1, Int128.min + 1,
                                Int128(UInt64.max), Int128(UInt64.max) + 1, -(Int128(UInt64.max) + 1),
                                ScaledAprCalculator.one, -ScaledAprCalculator.one, 10_000 * ScaledAprCalculator.one]
        // Halfway cases and their neighbours at several magnitudes: a 54-bit odd pattern ending in
        // one bit past the 53 kept, with and without lower (sticky) bits set.
        for shift in [0, 10, 11, 12, 40, 63, 64, 65, 70, 73] {
            let halfway = ((one << 53) | 1) << Int128(shift)
            for delta: Int128 in [-1, 0, 1] { values += [halfway + delta, -(halfway + delta)] }
            let evenHalfway = ((one << 53) | 2 | 1) << Int128(shift)
            values += [evenHalfway, evenHalfway + 1]
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bits = Int.random(in: 1...126, using: &generator)
            let raw = Int128(truncatingIfNeeded: UInt128(generator.next()) << 64 | UInt128(generator.next()))
            values.append(raw >> Int128(127 - bits))
        }
        for value in values {
            #expect(ScaledArithmetic.double(value) == Double(value), "\(value)")
        }
    }
}
