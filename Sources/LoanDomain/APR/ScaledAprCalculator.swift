import FoundationEssentials
import RuleLanguage

/// The APR of DESIGN §3 on 128-bit scaled integers: the same reference schedule and IRR as the `Decimal`
/// path (`RepaymentSchedule`, `IrrSolver`), without `Decimal`'s per-operation cost.
///
/// Schedule amounts are counted in 1e-20 yuan, exactly like `RepaymentSchedule` (each charge is the exact
/// `base × rate share`, rounded once, half up). The IRR is solved on the flows divided by the net
/// proceeds (the IRR does not depend on the flows' scale) in units of 1e-30, by Newton's method from a
/// floating-point seed, until a step is below 1e-26 — far below the 1e-12 the rates are reported to.
/// Rates come out exact to about 1e-28, so reported results equal the `Decimal` path's.
///
/// Covers the ordinary loan: the net proceeds at t0, then non-negative payments, a non-negative IRR,
/// amounts and powers that fit 128 bits. Anything else (and every error) is left to the `Decimal` path:
/// `compute` returns nil.
enum ScaledAprCalculator {
    /// Decimal places of schedule amounts (the same as `RepaymentSchedule.scale`).
    static let amountScale = RepaymentSchedule.scale
    /// Decimal places of rates, discount factors and normalised flows.
    static let rateScale = 30
    /// 1 at `rateScale`.
    static let one: Int128 = 1_000_000_000_000_000_000_000_000_000_000
    /// Newton stops once a step is this small (1e-26): the next step would be below Horner's rounding noise.
    static let stepTolerance: Int128 = 10_000
    static let maximumNewtonSteps = 60

    /// The result, or nil when the loan needs the general `Decimal` path.
    static func compute(_ input: AprInput, periods: RepaymentPeriods) -> AprResult? {
        guard let rows = schedule(for: input, periods: periods),
              let factor = discountFactor(of: rows.map(\.payment)) else { return nil }
        let (numerator, denominator) = periods.perYear
        guard let growthPerPeriod = ScaledArithmetic.multiplyDivide(one, one, factor),  // 1 + IRR
              let irr = ScaledArithmetic.add(growthPerPeriod, -one),
              let nominal = ScaledArithmetic.multiplyDivide(irr, Int128(numerator), Int128(denominator)),
              let totalInterest = total(rows, { $0.interest }), let totalFees = total(rows, { $0.fees }),
              let cost = ScaledArithmetic.add(totalInterest, totalFees),
              let simple = simpleRate(rows, cost: cost, numerator: numerator, denominator: denominator),
              let roundedNominal = settledInteger(nominal), let roundedSimple = settledInteger(simple)
        else { return nil }
        let reportedNominal = ExactDecimal.decimal(roundedNominal, scale: AprCalculator.reportedScale)
        let reportedSimple = ExactDecimal.decimal(roundedSimple, scale: AprCalculator.reportedScale)
        var exactEffective: ExactNumber?
        let periodicIrr = ExactDecimal.decimal(irr, scale: rateScale)
        let effective: Decimal
        if numerator % denominator == 0,
           let growth = ScaledArithmetic.power(growthPerPeriod, numerator / denominator, one: one),
           let rounded = settledInteger(growth - one) {
            effective = ExactDecimal.decimal(rounded, scale: AprCalculator.reportedScale)
            exactEffective = ExactNumber(significand: rounded, exponent: -AprCalculator.reportedScale)
        } else {
            // A non-integer number of periods a year (most bullets): the exp/ln series in Decimal.
            guard let growth = DecimalMath.power(1 + periodicIrr, numerator: numerator, denominator: denominator)
            else { return nil }
            effective = AprCalculator.settled(growth - 1)
        }
        return AprResult(nominalApr: reportedNominal, effectiveAnnualRate: effective, simpleRate: reportedSimple,
                         periodicIrr: periodicIrr, periodsPerYear: periods.perYearDecimal,
                         netProceeds: ExactDecimal.decimal(-rows[0].payment, scale: amountScale),
                         totalInterest: ExactDecimal.decimal(totalInterest, scale: amountScale),
                         totalFees: ExactDecimal.decimal(totalFees, scale: amountScale),
                         rows: .scaled(rows, scale: amountScale),
                         exactRates: exactRates(nominal: roundedNominal, effective: exactEffective, simple: roundedSimple))
    }

    /// A rate at `rateScale` rounded to `AprCalculator.reportedScale` places (half up), as an integer
    /// at that scale.
    private static func settledInteger(_ rate: Int128) -> Int128? {
        guard let divisor = ExactDecimal.powerOfTen(rateScale - AprCalculator.reportedScale) else { return nil }
        return ScaledArithmetic.multiplyDivide(rate, 1, divisor)
    }

    /// The reported rates as exact numbers (integers at `AprCalculator.reportedScale`), nil if one would
    /// not fit (it always does: rates have far fewer than 38 digits).
    private static func exactRates(nominal: Int128, effective: ExactNumber?, simple: Int128) -> AprResult.ExactRates? {
        guard let nominal = ExactNumber(significand: nominal, exponent: -AprCalculator.reportedScale),
              let simple = ExactNumber(significand: simple, exponent: -AprCalculator.reportedScale) else { return nil }
        return AprResult.ExactRates(nominal: nominal, effective: effective, simple: simple)
    }

    /// The sum of one column. A closure rather than a key path: key-path reads are not inlined and cost
    /// a runtime call (and a generic `Result` metadata lookup) per row.
    private static func total(_ rows: some Sequence<ScaledScheduleRow>, _ column: (ScaledScheduleRow) -> Int128) -> Int128? {
        var sum: Int128 = 0
        for row in rows {
            guard let next = ScaledArithmetic.add(sum, column(row)) else { return nil }
            sum = next
        }
        return sum
    }

    // MARK: - Schedule

    /// `rate` per period as the exact fraction `numerator / denominator` of integers.
    private struct Share {
        let numerator: Int128
        let denominator: Int128

        init?(_ rate: PeriodicRate, periods: RepaymentPeriods) {
            let (significand, exponent) = (rate.value.significand, Int(rate.value.exponent))
            guard let power = ExactDecimal.powerOfTen(abs(exponent)) else { return nil }
            let (factor, divisor) = periods.conversion(from: rate.period)
            let (scaled, overflow) = significand.multipliedReportingOverflow(by: Int128(factor))
            guard !overflow else { return nil }
            if exponent >= 0 {
                let (whole, overflow) = scaled.multipliedReportingOverflow(by: power)
                guard !overflow else { return nil }
                numerator = whole
                denominator = Int128(divisor)
            } else {
                let (fraction, overflow) = power.multipliedReportingOverflow(by: Int128(divisor))
                guard !overflow else { return nil }
                numerator = scaled
                denominator = fraction
            }
        }

        /// The charge on `base` (same scale as `base`), rounded half up.
        func charge(on base: Int128) -> Int128? {
            ScaledArithmetic.multiplyDivide(base, numerator, denominator)
        }
    }

    /// The schedule of `RepaymentSchedule.rows` in 1e-20 yuan; nil when a value does not fit.
    private static func schedule(for input: AprInput, periods: RepaymentPeriods) -> [ScaledScheduleRow]? {
        guard let principal = input.principal.scaledInteger(scale: amountScale),
              let rate = Share(input.rate, periods: periods) else { return nil }
        var disbursementFees: Int128 = 0
        var firstInstallmentFees: Int128 = 0
        var periodicFees: [(share: Share, onOriginal: Bool)] = []
        for fee in input.fees {
            let amount: Int128
            let collected: FeeCollection
            switch fee.charge {
            case .periodic(let feeRate, let basis):
                guard let share = Share(feeRate, periods: periods) else { return nil }
                periodicFees.append((share, basis == .originalPrincipal))
                continue
            case .oneOffPercent(let fraction, let collection):
                let (significand, exponent) = (fraction.significand, Int(fraction.exponent))
                guard let power = ExactDecimal.powerOfTen(abs(exponent)) else { return nil }
                let (whole, overflow) = significand.multipliedReportingOverflow(by: power)
                guard let value = exponent <= 0 ? ScaledArithmetic.multiplyDivide(principal, significand, power)
                                                : (overflow ? nil : ScaledArithmetic.multiplyDivide(principal, whole, 1))
                else { return nil }
                amount = value
                collected = collection
            case .oneOffAmount(let value, let collection):
                guard let scaled = value.scaledInteger(scale: amountScale) else { return nil }
                amount = scaled
                collected = collection
            }
            switch collected {
            case .upfrontDeduction, .atDisbursement:
                guard let sum = ScaledArithmetic.add(disbursementFees, amount) else { return nil }
                disbursementFees = sum
            case .withFirstInstallment:
                guard let sum = ScaledArithmetic.add(firstInstallmentFees, amount) else { return nil }
                firstInstallmentFees = sum
            }
        }
        guard principal - disbursementFees > 0, let installment = level(input, principal: principal, rate: rate,
                                                                         periods: periods) else { return nil }

        guard let disbursement = ScaledScheduleRow(principal: -principal, interest: 0, fees: disbursementFees,
                                                   outstandingAfter: principal) else { return nil }
        var rows = [disbursement]
        rows.reserveCapacity(periods.count + 1)
        var outstanding = principal
        for period in 1...periods.count {
            guard let interest = rate.charge(on: outstanding) else { return nil }
            var fees: Int128 = period == 1 ? firstInstallmentFees : 0
            for fee in periodicFees {
                guard let charge = fee.share.charge(on: fee.onOriginal ? principal : outstanding),
                      let sum = ScaledArithmetic.add(fees, charge) else { return nil }
                fees = sum
            }
            let repaid: Int128
            if period == periods.count {
                repaid = outstanding
            } else {
                switch input.repayment {
                case .equalInstallment: repaid = installment - interest
                case .equalPrincipal: repaid = installment
                case .interestOnly, .bullet: repaid = 0
                }
            }
            guard let remaining = ScaledArithmetic.add(outstanding, -repaid) else { return nil }
            outstanding = remaining
            guard let row = ScaledScheduleRow(principal: repaid, interest: interest, fees: fees,
                                              outstandingAfter: outstanding) else { return nil }
            rows.append(row)
        }
        return rows
    }

    /// The level amount of `RepaymentSchedule.level`: the annuity `P · r / (1 − (1 + r)^-n)` written as
    /// `P · r · g / (g − 1)` with `g = (1 + r)^n`, the principal part `P / n`, or 0.
    private static func level(_ input: AprInput, principal: Int128, rate: Share, periods: RepaymentPeriods) -> Int128? {
        let count = Int128(periods.count)
        switch input.repayment {
        case .interestOnly, .bullet:
            return 0
        case .equalPrincipal:
            return ScaledArithmetic.multiplyDivide(principal, 1, count)
        case .equalInstallment:
            if rate.numerator == 0 { return ScaledArithmetic.multiplyDivide(principal, 1, count) }
            guard let perPeriod = ScaledArithmetic.multiplyDivide(rate.numerator, one, rate.denominator),
                  perPeriod > 0,  // a rate below 1e-30 per period: leave it to Decimal
                  let growth = ScaledArithmetic.power(one + perPeriod, periods.count, one: one),
                  growth > one,
                  let weighted = ScaledArithmetic.multiplyDivide(perPeriod, growth, one)
            else { return nil }
            return ScaledArithmetic.multiplyDivide(principal, weighted, growth - one)
        }
    }

    // MARK: - IRR

    /// The discount factor `v = 1 / (1 + IRR)` at `rateScale`, for flows `c0 < 0`, then `c_t ≥ 0` with a
    /// positive sum of at least `-c0` (a non-negative IRR); nil otherwise or when Newton does not settle.
    ///
    /// `g(v) = Σ c_t v^t / |c0|` is increasing and convex on `v > 0`, so Newton's method from the right of
    /// the root moves monotonically onto it, and a seed left of it lands right of it after one step.
    static func discountFactor(of flows: [Int128]) -> Int128? {
        guard flows.count >= 2, let first = flows.first, first < 0 else { return nil }
        var repaid: Int128 = 0
        for flow in flows.dropFirst() {
            guard flow >= 0, let sum = ScaledArithmetic.add(repaid, flow) else { return nil }
            repaid = sum
        }
        if repaid == -first { return one }  // repaid exactly what was received: IRR 0
        guard repaid > -first else { return nil }  // a negative IRR
        var normalised: [Int128] = []
        normalised.reserveCapacity(flows.count)
        for flow in flows {
            guard let value = ScaledArithmetic.multiplyDivide(flow, one, -first) else { return nil }
            normalised.append(value)
        }

        var factor = seed(normalised) ?? one
        for _ in 0..<maximumNewtonSteps {
            guard let (value, slope) = evaluate(normalised, at: factor), slope > 0,
                  let step = ScaledArithmetic.multiplyDivide(value, one, slope) else { return nil }
            factor -= step
            guard factor > 0, factor <= one else { return nil }
            if step.magnitude <= stepTolerance.magnitude { return factor }
        }
        return nil
    }

    /// `g(v)` and `g'(v)` by Horner's rule at `rateScale`.
    private static func evaluate(_ flows: [Int128], at factor: Int128) -> (value: Int128, slope: Int128)? {
        var value: Int128 = 0
        var slope: Int128 = 0
        for flow in flows.reversed() {
            guard let slopeTerm = ScaledArithmetic.multiplyDivide(slope, factor, one),
                  let nextSlope = ScaledArithmetic.add(slopeTerm, value),
                  let valueTerm = ScaledArithmetic.multiplyDivide(value, factor, one),
                  let nextValue = ScaledArithmetic.add(valueTerm, flow) else { return nil }
            slope = nextSlope
            value = nextValue
        }
        return (value, slope)
    }

    /// A starting discount factor (`FloatingPointSeed`) at `rateScale`; nil when the floating-point
    /// solve fails or lands above 1 (the exact iteration then starts from 1).
    private static func seed(_ flows: [Int128]) -> Int128? {
        let unit = Double(one)
        guard let factor = FloatingPointSeed.discountFactor(coefficients: flows.map { ScaledArithmetic.double($0) / unit }),
              factor <= 1 else { return nil }
        return Int128(factor * unit)
    }

    // MARK: - Simple rate

    /// `cost` (interest + all fees) ÷ Σ (principal outstanding at the start of a period × its length in years),
    /// at `rateScale`, as one exact fraction rounded once.
    private static func simpleRate(_ rows: [ScaledScheduleRow], cost: Int128, numerator: Int, denominator: Int) -> Int128? {
        guard let outstanding = total(rows.dropLast(), { $0.outstandingAfter }) else { return nil }
        let (scaledOne, overflowOne) = one.multipliedReportingOverflow(by: Int128(numerator))
        let (years, overflowYears) = outstanding.multipliedReportingOverflow(by: Int128(denominator))
        guard !overflowOne, !overflowYears else { return nil }
        return ScaledArithmetic.multiplyDivide(cost, scaledOne, years)
    }
}
