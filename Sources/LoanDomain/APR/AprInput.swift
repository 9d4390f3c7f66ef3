public import RuleLanguage

/// How the principal is repaid.
public enum RepaymentMethod: String, Sendable, Hashable, CaseIterable {
    /// Equal monthly payments of principal and interest (等额本息), an annuity.
    case equalInstallment = "equal-installment"
    /// Equal monthly principal parts plus interest on the outstanding balance (等额本金).
    case equalPrincipal = "equal-principal"
    /// Interest every month, all the principal with the last payment (先息后本).
    case interestOnly = "interest-only"
    /// Principal and interest in one payment at the end of the term (到期一次还本付息).
    case bullet
}

/// The length of a loan.
public enum LoanTerm: Sendable, Hashable {
    /// A term of whole months; instalment loans have one repayment period per month.
    case months(Int)
    /// A term in days; only a bullet loan can have one (it has no monthly periods).
    case days(Int)
}

/// The reference loan whose APR is computed (DESIGN §3): one principal, one term, one price.
public struct AprInput: Sendable, Hashable {
    /// The contractual principal in yuan (before any fee is deducted).
    public let principal: ExactNumber
    /// The term of the loan.
    public let term: LoanTerm
    /// How principal and interest are repaid.
    public let repayment: RepaymentMethod
    /// The nominal interest rate, simple interest on the outstanding balance.
    public let rate: PeriodicRate
    /// Every fee the borrower pays for the loan.
    public let fees: [AprFee]

    /// A reference loan; see `AprCalculator.referencePrincipal` for choosing `principal`.
    public init(principal: ExactNumber, term: LoanTerm, repayment: RepaymentMethod, rate: PeriodicRate,
                fees: [AprFee] = []) {
        self.principal = principal
        self.term = term
        self.repayment = repayment
        self.rate = rate
        self.fees = fees
    }
}
