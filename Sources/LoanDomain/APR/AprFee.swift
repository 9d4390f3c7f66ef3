public import RuleLanguage

/// What a periodic fee is charged on.
public enum FeeBasis: Sendable, Hashable {
    /// The principal at disbursement, every period — a "flat" fee that ignores repayments.
    case originalPrincipal
    /// The principal outstanding at the start of each period, like interest.
    case outstandingBalance
}

/// When a one-off fee is paid.
///
/// `upfrontDeduction` and `atDisbursement` produce the same cash flow (the borrower ends up with less
/// money at t0); they are kept apart because regulators treat them differently (e.g. microlenders may not
/// deduct fees from the principal).
public enum FeeCollection: Sendable, Hashable {
    /// Deducted from the principal before it is paid out (砍头息).
    case upfrontDeduction
    /// Paid by the borrower when the loan is disbursed.
    case atDisbursement
    /// Added to the first repayment.
    case withFirstInstallment
}

/// How much a fee costs and when it is paid.
public enum FeeCharge: Sendable, Hashable {
    /// A rate charged every repayment period on `basis` (converted to the period length like interest).
    case periodic(PeriodicRate, basis: FeeBasis)
    /// A fraction of the principal (`0.02` for 2%), charged once.
    case oneOffPercent(ExactNumber, collected: FeeCollection)
    /// A fixed amount in yuan, charged once.
    case oneOffAmount(ExactNumber, collected: FeeCollection)
}

/// A fee that is part of the all-in cost of a loan (guarantee, insurance, service, management, other).
public struct AprFee: Sendable, Hashable {
    /// The fee's kind as written in the product (`guarantee`, `insurance`, `service`, `management`,
    /// `other`); kept for reports, it does not change the arithmetic.
    public let kind: String
    /// The amount and timing of the fee.
    public let charge: FeeCharge

    /// A fee of `kind` charged as `charge`.
    public init(kind: String, charge: FeeCharge) {
        self.kind = kind
        self.charge = charge
    }
}
