import FoundationEssentials
import RuleLanguage

/// How a loan's term splits into repayment periods, and what a quoted rate is worth per period.
///
/// Instalment loans (equal-installment, equal-principal, interest-only) repay monthly: one period per
/// month of the term, 12 periods a year. A bullet loan has a single period, its whole term: `12 / m`
/// periods a year for `m` months, `365 / d` for `d` days. Periods per year are kept as a fraction so the
/// APR (`IRR × periods per year`) and period lengths are computed multiply-first, without an early
/// rounding of e.g. 365/90.
struct RepaymentPeriods: Sendable, Hashable {
    /// The length of one repayment period.
    enum Length: Sendable, Hashable {
        case months(Int)
        case days(Int)
    }

    /// The longest term accepted, 100 years: bounds the work per loan and keeps day/month products in `Int`.
    static let maximumMonths = 1200
    /// The longest term in days accepted (100 years of 365 days).
    static let maximumDays = 36_500

    /// Number of repayment periods after the disbursement.
    let count: Int
    /// Length of each repayment period.
    let length: Length

    /// Splits `term` into periods for `repayment`.
    init(term: LoanTerm, repayment: RepaymentMethod) throws(AprError) {
        switch term {
        case .months(let months):
            guard months > 0 else { throw .nonPositiveTerm(term) }
            guard months <= Self.maximumMonths else { throw .termTooLong(term) }
            if repayment == .bullet {
                count = 1
                length = .months(months)
            } else {
                count = months
                length = .months(1)
            }
        case .days(let days):
            guard days > 0 else { throw .nonPositiveTerm(term) }
            guard days <= Self.maximumDays else { throw .termTooLong(term) }
            guard repayment == .bullet else { throw .termInDaysForInstalmentLoan(repayment, days: days) }
            count = 1
            length = .days(days)
        }
    }

    /// Periods per year as `numerator / denominator` (12/1 monthly, 12/m or 365/d for a bullet).
    var perYear: (numerator: Int, denominator: Int) {
        switch length {
        case .months(let months): return (12, months)
        case .days(let days): return (365, days)
        }
    }

    /// Periods per year as a decimal (rounded at the 38th digit when not exact, e.g. 365/90).
    var perYearDecimal: Decimal {
        let (numerator, denominator) = perYear
        // Monthly periods (12 a year) are the common case; Decimal division costs tens of thousands of
        // instructions, and a whole quotient needs none.
        if denominator != 0, numerator % denominator == 0 { return Decimal(numerator / denominator) }
        return Decimal(numerator) / Decimal(denominator)
    }

    /// The part of `rate` that applies to one period, as `numerator / denominator`.
    ///
    /// A day is 1/365 of a year and a month 1/12 (PBOC 〔2021〕 No. 3): a daily rate is worth `× 365 / 12`
    /// per month, a yearly one `/ 12`; for a day-length bullet a monthly rate is worth `× 12 / 365` per day.
    func share(of rate: PeriodicRate) -> (numerator: Decimal, denominator: Decimal) {
        let (factor, divisor) = conversion(from: rate.period)
        return (DecimalMath.multiply(rate.value.decimal, Decimal(factor)), Decimal(divisor))
    }

    /// A rate quoted per `period` is worth `× factor / divisor` per repayment period (see `share(of:)`).
    func conversion(from period: RatePeriod) -> (factor: Int, divisor: Int) {
        switch (length, period) {
        case (.months(let m), .day): return (365 * m, 12)
        case (.months(let m), .month): return (m, 1)
        case (.months(let m), .year): return (m, 12)
        case (.days(let d), .day): return (d, 1)
        case (.days(let d), .month): return (12 * d, 365)
        case (.days(let d), .year): return (d, 365)
        }
    }

    /// `rate` per period as one decimal (used for the annuity factor).
    func perPeriodRate(_ rate: PeriodicRate) -> Decimal {
        let (numerator, denominator) = share(of: rate)
        return numerator / denominator
    }

    /// `rate` charged for one period on `base`, multiplied before dividing to stay exact where possible.
    func charge(_ rate: PeriodicRate, on base: Decimal) -> Decimal {
        let (numerator, denominator) = share(of: rate)
        return DecimalMath.multiply(base, numerator) / denominator
    }

    /// `amount × period length in years`, e.g. outstanding principal × 1/12 (principal-years).
    func timesLengthInYears(_ amount: Decimal) -> Decimal {
        let (numerator, denominator) = perYear
        return DecimalMath.multiply(amount, Decimal(denominator)) / Decimal(numerator)
    }
}
