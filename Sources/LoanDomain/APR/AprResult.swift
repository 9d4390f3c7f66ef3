import FoundationEssentials
import RuleLanguage

/// The annualised cost of a reference loan, with the schedule it was computed from.
///
/// Every rate is an exact fraction (`0.1825` for 18.25%), unrounded; format with
/// `ExactDecimal.format(rate * 100, fractionDigits: 2)` for display.
public struct AprResult: Sendable, Hashable {
    /// The APR (年化利率) of PBOC 〔2021〕 No. 3: periodic IRR × repayment periods per year.
    public let nominalApr: Decimal
    /// The compounded annual rate `(1 + IRR)^k − 1`, `k` = periods per year (non-integer for most bullets).
    public let effectiveAnnualRate: Decimal
    /// Total cost ÷ principal-years: `(interest + all fees) ÷ Σ (principal outstanding in a period ×
    /// the period's length in years)`, the rate to compare with a disclosed simple (单利) rate.
    public let simpleRate: Decimal
    /// The internal rate of return per repayment period.
    public let periodicIrr: Decimal
    /// Repayment periods per year: 12 for monthly instalments, 12/m or 365/d for a bullet loan.
    public let periodsPerYear: Decimal
    /// What the borrower actually receives at t0: principal minus fees deducted or collected at disbursement.
    public let netProceeds: Decimal
    /// All interest over the term.
    public let totalInterest: Decimal
    /// All fees over the term, including those taken at disbursement.
    public let totalFees: Decimal
    /// `totalInterest + totalFees`.
    public let totalCost: Decimal
    /// The disbursement row and one row per repayment period (see `ScheduleRow` for the sign convention).
    public var schedule: [ScheduleRow] { rows.rows }
    let rows: ScheduleRows
    /// The reported rates as exact numbers, when the scaled-integer path had them as integers: converting
    /// a `Decimal` goes through its text, which cost more than the rest of a cached rule's APR. Not part
    /// of the value (`==` and `hash` leave it out): it is the same numbers.
    let exactRates: ExactRates?

    /// `nominalApr`, `effectiveAnnualRate` (when it was an integer power) and `simpleRate`, exactly.
    struct ExactRates: Sendable {
        let nominal: ExactNumber
        let effective: ExactNumber?
        let simple: ExactNumber
    }

    /// The borrower's cash flows per period (negative net proceeds, then the payments): the IRR input.
    public var cashFlows: [Decimal] { schedule.map(\.payment) }

    /// A result; built by `AprCalculator.compute`.
    public init(nominalApr: Decimal, effectiveAnnualRate: Decimal, simpleRate: Decimal, periodicIrr: Decimal,
                periodsPerYear: Decimal, netProceeds: Decimal, totalInterest: Decimal, totalFees: Decimal,
                schedule: [ScheduleRow]) {
        self.init(nominalApr: nominalApr, effectiveAnnualRate: effectiveAnnualRate, simpleRate: simpleRate,
                  periodicIrr: periodicIrr, periodsPerYear: periodsPerYear, netProceeds: netProceeds,
                  totalInterest: totalInterest, totalFees: totalFees, rows: .decimal(schedule))
    }

    init(nominalApr: Decimal, effectiveAnnualRate: Decimal, simpleRate: Decimal, periodicIrr: Decimal,
         periodsPerYear: Decimal, netProceeds: Decimal, totalInterest: Decimal, totalFees: Decimal,
         rows: ScheduleRows, exactRates: ExactRates? = nil) {
        self.exactRates = exactRates
        self.nominalApr = nominalApr
        self.effectiveAnnualRate = effectiveAnnualRate
        self.simpleRate = simpleRate
        self.periodicIrr = periodicIrr
        self.periodsPerYear = periodsPerYear
        self.netProceeds = netProceeds
        self.totalInterest = totalInterest
        self.totalFees = totalFees
        self.totalCost = totalInterest + totalFees
        self.rows = rows
    }

    public static func == (lhs: AprResult, rhs: AprResult) -> Bool {
        lhs.nominalApr == rhs.nominalApr && lhs.effectiveAnnualRate == rhs.effectiveAnnualRate
            && lhs.simpleRate == rhs.simpleRate && lhs.periodicIrr == rhs.periodicIrr
            && lhs.periodsPerYear == rhs.periodsPerYear && lhs.netProceeds == rhs.netProceeds
            && lhs.totalInterest == rhs.totalInterest && lhs.totalFees == rhs.totalFees && lhs.rows == rhs.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(nominalApr)
        hasher.combine(effectiveAnnualRate)
        hasher.combine(simpleRate)
        hasher.combine(periodicIrr)
        hasher.combine(periodsPerYear)
        hasher.combine(netProceeds)
        hasher.combine(totalInterest)
        hasher.combine(totalFees)
        hasher.combine(rows)
    }
}
