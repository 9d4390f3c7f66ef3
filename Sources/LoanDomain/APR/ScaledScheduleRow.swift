import FoundationEssentials
import RuleLanguage

/// A `ScheduleRow` of the scaled-integer APR path: amounts in units of `10^-scale` yuan.
///
/// Kept in this form so an audit, which only needs the rates, never pays for `Decimal` conversions;
/// `AprResult.schedule` converts on demand.
struct ScaledScheduleRow: Sendable, Hashable {
    let principal: Int128
    let interest: Int128
    let fees: Int128
    let payment: Int128
    let outstandingAfter: Int128

    /// A row whose `payment = principal + interest + fees`; nil when that sum overflows.
    init?(principal: Int128, interest: Int128, fees: Int128, outstandingAfter: Int128) {
        guard let charged = ScaledArithmetic.add(interest, fees),
              let payment = ScaledArithmetic.add(principal, charged) else { return nil }
        self.principal = principal
        self.interest = interest
        self.fees = fees
        self.payment = payment
        self.outstandingAfter = outstandingAfter
    }

    /// The public row for period `period`.
    func decimalRow(period: Int, scale: Int) -> ScheduleRow {
        ScheduleRow(period: period, principal: ExactDecimal.decimal(principal, scale: scale),
                    interest: ExactDecimal.decimal(interest, scale: scale),
                    fees: ExactDecimal.decimal(fees, scale: scale),
                    outstandingAfter: ExactDecimal.decimal(outstandingAfter, scale: scale))
    }
}

/// A schedule in either representation (see `ScaledScheduleRow`); compared and hashed as `Decimal` rows.
enum ScheduleRows: Sendable, Hashable {
    case decimal([ScheduleRow])
    case scaled([ScaledScheduleRow], scale: Int)

    var rows: [ScheduleRow] {
        switch self {
        case .decimal(let rows): return rows
        case .scaled(let rows, let scale): return rows.enumerated().map { $1.decimalRow(period: $0, scale: scale) }
        }
    }

    static func == (lhs: ScheduleRows, rhs: ScheduleRows) -> Bool { lhs.rows == rhs.rows }
    func hash(into hasher: inout Hasher) { hasher.combine(rows) }
}
