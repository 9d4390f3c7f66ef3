import FoundationEssentials

/// One line of a reference loan's cash-flow schedule, from the borrower's side.
///
/// Sign convention: amounts the borrower pays are positive, amounts the borrower receives negative, and
/// in every row `payment == principal + interest + fees`. Row 0 is the disbursement: `principal` is the
/// negated loan amount, `fees` the fees deducted or collected at disbursement, so `payment` is the
/// negated net proceeds. Rows 1…n are the repayment periods. The `payment` column is the cash-flow list
/// whose IRR is the periodic rate. Amounts are exact decimals (38 significant digits), not rounded to the
/// cent; round only for display.
public struct ScheduleRow: Sendable, Hashable {
    /// 0 for the disbursement, then 1…n for the repayment periods.
    public let period: Int
    /// Principal repaid in this period (negative in row 0: the principal lent).
    public let principal: Decimal
    /// Interest charged for this period.
    public let interest: Decimal
    /// Fees paid in this period (row 0: fees deducted or collected at disbursement).
    public let fees: Decimal
    /// `principal + interest + fees`: the borrower's net cash flow of the period.
    public let payment: Decimal
    /// Principal still owed after this period.
    public let outstandingAfter: Decimal

    /// A row; `payment` is derived so the identity `payment == principal + interest + fees` always holds.
    public init(period: Int, principal: Decimal, interest: Decimal, fees: Decimal, outstandingAfter: Decimal) {
        self.period = period
        self.principal = principal
        self.interest = interest
        self.fees = fees
        self.payment = principal + interest + fees
        self.outstandingAfter = outstandingAfter
    }
}
