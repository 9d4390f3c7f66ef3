import FoundationEssentials
import RuleLanguage

/// Builds the cash-flow schedule of a reference loan (DESIGN §3): the disbursement row, then one row
/// per repayment period with its principal, interest and fees.
///
/// Interest and periodic fees accrue on the principal outstanding at the start of the period (or the
/// original principal for a flat fee). Amounts are not rounded to the cent: a lender's cent rounding
/// moves the APR by far less than 0.01 pp, while rounding here would make the reference results depend on
/// a rounding rule the product file does not state. They are carried to `scale` (1e-20 yuan) instead: a
/// 38-digit `Decimal` then adds any column of amounts below 1e17 without rounding, so the columns sum
/// exactly and `payment == principal + interest + fees` holds exactly. The last period repays whatever
/// principal is left, so the principal column sums to the loan amount exactly.
enum RepaymentSchedule {
    /// Decimal places every schedule amount is rounded to (half up); its effect on the IRR is ~1e-20.
    static let scale = 20

    /// The rows 0…n for `input` split into `periods` (validated by the caller).
    static func rows(for input: AprInput, periods: RepaymentPeriods) throws(AprError) -> [ScheduleRow] {
        let principal = input.principal.decimal
        var disbursementFees: Decimal = 0
        var firstInstallmentFees: Decimal = 0
        var periodicFees: [(rate: PeriodicRate, basis: FeeBasis)] = []
        for fee in input.fees {
            switch fee.charge {
            case .periodic(let rate, let basis):
                periodicFees.append((rate, basis))
            case .oneOffPercent(let fraction, let collected):
                add(quantize(DecimalMath.multiply(principal, fraction.decimal)), collected, &disbursementFees, &firstInstallmentFees)
            case .oneOffAmount(let amount, let collected):
                add(amount.decimal, collected, &disbursementFees, &firstInstallmentFees)
            }
        }
        let netProceeds = principal - disbursementFees
        guard netProceeds > 0 else { throw .netProceedsNotPositive(netProceeds) }

        var rows = [ScheduleRow(period: 0, principal: -principal, interest: 0, fees: disbursementFees,
                                outstandingAfter: principal)]
        rows.reserveCapacity(periods.count + 1)
        let installment = quantize(try level(for: input, periods: periods))
        var outstanding = principal
        for period in 1...periods.count {
            let interest = quantize(periods.charge(input.rate, on: outstanding))
            var fees: Decimal = period == 1 ? firstInstallmentFees : 0
            for fee in periodicFees {
                fees += quantize(periods.charge(fee.rate, on: fee.basis == .originalPrincipal ? principal : outstanding))
            }
            let repaid: Decimal
            if period == periods.count {
                repaid = outstanding  // the last period clears the balance, absorbing any 38-digit residue
            } else {
                switch input.repayment {
                case .equalInstallment: repaid = installment - interest
                case .equalPrincipal: repaid = installment
                case .interestOnly, .bullet: repaid = 0
                }
            }
            outstanding -= repaid
            rows.append(ScheduleRow(period: period, principal: repaid, interest: interest, fees: fees,
                                    outstandingAfter: outstanding))
        }
        if rows.contains(where: { $0.payment.isNaN }) { throw .arithmeticOverflow("the repayment schedule") }
        return rows
    }

    /// The level amount of the method: the annuity payment (principal + interest) for equal-installment,
    /// the principal part for equal-principal, 0 otherwise.
    ///
    /// The annuity is `P · r · (1 + r)^n / ((1 + r)^n − 1)` on the per-period rate `r`, and `P / n` when
    /// `r` is 0.
    private static func level(for input: AprInput, periods: RepaymentPeriods) throws(AprError) -> Decimal {
        let count = Decimal(periods.count)
        switch input.repayment {
        case .equalPrincipal:
            return input.principal.decimal / count
        case .interestOnly, .bullet:
            return 0
        case .equalInstallment:
            let rate = periods.perPeriodRate(input.rate)
            if rate == 0 { return input.principal.decimal / count }
            let growth = DecimalMath.power(1 + rate, periods.count)
            guard !growth.isNaN,
                  let payment = DecimalMath.divide(DecimalMath.multiply(DecimalMath.multiply(input.principal.decimal, rate), growth),
                                                   growth - 1)
            else { throw .arithmeticOverflow("the equal instalment") }
            return payment
        }
    }

    private static func quantize(_ amount: Decimal) -> Decimal {
        ExactDecimal.round(amount, scale: scale)
    }

    private static func add(_ amount: Decimal, _ collected: FeeCollection,
                            _ disbursement: inout Decimal, _ firstInstallment: inout Decimal) {
        switch collected {
        case .upfrontDeduction, .atDisbursement: disbursement += amount
        case .withFirstInstallment: firstInstallment += amount
        }
    }
}
