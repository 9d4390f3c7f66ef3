import FoundationEssentials
import RuleLanguage

/// The APR calculator of DESIGN §3 (PBOC Announcement 〔2021〕 No. 3).
///
/// `compute` builds the reference loan's cash flows (net proceeds at t0, then every period's principal,
/// interest and fees), solves their IRR per repayment period and annualises it:
/// APR = IRR × periods per year. The arithmetic is exact decimal (scaled integers or `Decimal`, see
/// docs/apr.md); `Double` only chooses where the IRR iteration starts.
public enum AprCalculator {
    /// The APR, effective annual rate, simple rate and schedule of `input`.
    ///
    /// Ordinary loans take the scaled-integer path (`ScaledAprCalculator`); extreme magnitudes, negative
    /// rates of return and every error take the general `Decimal` path, which gives the same results.
    public static func compute(_ input: AprInput) throws(AprError) -> AprResult {
        try validate(input)
        let periods = try RepaymentPeriods(term: input.term, repayment: input.repayment)
        if let result = ScaledAprCalculator.compute(input, periods: periods) { return result }
        return try computeInDecimal(input, periods: periods)
    }

    /// The general path: the whole computation in `Decimal`.
    static func computeInDecimal(_ input: AprInput) throws(AprError) -> AprResult {
        try validate(input)
        return try computeInDecimal(input, periods: try RepaymentPeriods(term: input.term, repayment: input.repayment))
    }

    private static func computeInDecimal(_ input: AprInput, periods: RepaymentPeriods) throws(AprError) -> AprResult {
        let schedule = try RepaymentSchedule.rows(for: input, periods: periods)
        let (numerator, denominator) = periods.perYear
        let irr = try IrrSolver.periodicRate(of: schedule.map(\.payment))
        let nominal = DecimalMath.multiply(irr, Decimal(numerator)) / Decimal(denominator)
        let effective = try effectiveRate(irr, numerator: numerator, denominator: denominator)

        var totalInterest: Decimal = 0
        var totalFees: Decimal = 0
        var principalYears: Decimal = 0
        for (index, row) in schedule.enumerated() {
            totalInterest += row.interest
            totalFees += row.fees
            if index > 0 { principalYears += periods.timesLengthInYears(schedule[index - 1].outstandingAfter) }
        }
        guard let simple = DecimalMath.divide(totalInterest + totalFees, principalYears) else {
            throw .arithmeticOverflow("the simple rate")
        }
        return AprResult(nominalApr: settled(nominal), effectiveAnnualRate: settled(effective), simpleRate: settled(simple),
                         periodicIrr: irr,
                         periodsPerYear: periods.perYearDecimal, netProceeds: -schedule[0].payment,
                         totalInterest: totalInterest, totalFees: totalFees, schedule: schedule)
    }

    /// Rates are reported to 12 decimal places of the fraction (1e-10 percentage point).
    ///
    /// The IRR is found numerically (to 1e-30), so a product priced exactly on a cap — 12% a year, equal
    /// instalments — would otherwise come out a few 1e-24 above it and fail a `≤ 12%` rule it meets.
    /// Rounding there is far below any resolution a regulator uses (0.01 point) and far above the
    /// solver's error, so an exact price lands exactly on the cap.
    public static let reportedScale = 12

    static func settled(_ rate: Decimal) -> Decimal {
        ExactDecimal.round(rate, scale: reportedScale)
    }

    /// The nominal APR, effective annual rate and periodic IRR of an explicit list of cash flows, one per
    /// period starting at t0, e.g. PBOC's example `[99000, -8833.30 × 12]` with 12 periods a year.
    ///
    /// Either sign convention works (the IRR does not depend on it), but the flows must change sign
    /// exactly once so the IRR is unique.
    public static func irrApr(cashFlows: [Decimal], periodsPerYear: Int)
        throws(AprError) -> (nominal: Decimal, effective: Decimal, periodic: Decimal) {
        guard periodsPerYear > 0 else { throw .invalidPeriodsPerYear(periodsPerYear) }
        let irr = try IrrSolver.periodicRate(of: cashFlows)
        let nominal = DecimalMath.multiply(irr, Decimal(periodsPerYear))
        return (settled(nominal), settled(try effectiveRate(irr, numerator: periodsPerYear, denominator: 1)), irr)
    }

    /// `(1 + irr)^(numerator / denominator) − 1`; exact repeated products for a whole exponent, the
    /// `exp`/`ln` series (≈ 35 significant digits) otherwise.
    private static func effectiveRate(_ irr: Decimal, numerator: Int, denominator: Int) throws(AprError) -> Decimal {
        guard let growth = DecimalMath.power(1 + irr, numerator: numerator, denominator: denominator) else {
            throw .arithmeticOverflow("the effective annual rate")
        }
        return growth - 1
    }

    private static func validate(_ input: AprInput) throws(AprError) {
        guard input.principal > 0 else { throw .nonPositivePrincipal(input.principal) }
        guard input.rate.value >= 0 else { throw .negativeRate(input.rate.value) }
        for fee in input.fees {
            let value: ExactNumber
            switch fee.charge {
            case .periodic(let rate, _): value = rate.value
            case .oneOffPercent(let fraction, _): value = fraction
            case .oneOffAmount(let amount, _): value = amount
            }
            guard value >= 0 else { throw .negativeFee(kind: fee.kind, value) }
        }
    }
}
