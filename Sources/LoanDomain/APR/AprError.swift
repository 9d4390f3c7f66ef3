import FoundationEssentials
import RuleLanguage

/// Why an APR could not be computed.
public enum AprError: Error, Sendable, Hashable {
    /// The principal is zero, negative or not a number.
    case nonPositivePrincipal(ExactNumber)
    /// The term is zero or negative.
    case nonPositiveTerm(LoanTerm)
    /// Instalment loans repay monthly, so their term must be in months (a day term fits only a bullet).
    case termInDaysForInstalmentLoan(RepaymentMethod, days: Int)
    /// The term is longer than 100 years (1,200 months or 36,500 days); the calculator bounds its work.
    case termTooLong(LoanTerm)
    /// The interest rate is negative or not a number.
    case negativeRate(ExactNumber)
    /// A fee rate or amount is negative or not a number.
    case negativeFee(kind: String, ExactNumber)
    /// The fees deducted or collected at disbursement eat the whole principal: there is no loan, no IRR.
    case netProceedsNotPositive(Decimal)
    /// An IRR needs at least two cash flows.
    case notEnoughCashFlows(Int)
    /// A cash-flow list must change sign exactly once (money one way, then back) for a unique IRR.
    case cashFlowsNeedOneSignChange(found: Int)
    /// Periods per year must be positive.
    case invalidPeriodsPerYear(Int)
    /// The IRR lies outside the searched range (beyond −100% + 1e-9 … 1e9 per period).
    case irrOutOfRange
    /// The IRR iteration did not reach the tolerance within its iteration bound.
    case noConvergence(iterations: Int)
    /// An intermediate value overflowed the decimal range.
    case arithmeticOverflow(String)

    /// A one-line explanation for people.
    public var message: String {
        switch self {
        case .nonPositivePrincipal(let value):
            return "the principal must be positive, got \(value.plainText)"
        case .nonPositiveTerm(let term):
            return "the term must be positive, got \(Self.describe(term))"
        case .termInDaysForInstalmentLoan(let method, let days):
            return "\(method.rawValue) loans repay monthly, so the term must be in months, got \(days) days"
        case .termTooLong(let term):
            return "a term of \(Self.describe(term)) is longer than the supported 100 years"
        case .negativeRate(let value):
            return "the interest rate must not be negative, got \(value.plainText)"
        case .negativeFee(let kind, let value):
            return "the \(kind) fee must not be negative, got \(value.plainText)"
        case .netProceedsNotPositive(let value):
            return "fees taken at disbursement leave net proceeds of \(ExactDecimal.plain(value)); "
                + "with nothing lent there is no APR"
        case .notEnoughCashFlows(let count):
            return "an IRR needs at least two cash flows, got \(count)"
        case .cashFlowsNeedOneSignChange(let found):
            return "the cash flows must change sign exactly once for a unique IRR, they change \(found) times"
        case .invalidPeriodsPerYear(let value):
            return "periods per year must be positive, got \(value)"
        case .irrOutOfRange:
            return "the IRR is outside the supported range (more than 1e9 per period or at −100%)"
        case .noConvergence(let iterations):
            return "the IRR did not converge within \(iterations) iterations"
        case .arithmeticOverflow(let what):
            return "decimal overflow while computing \(what)"
        }
    }

    private static func describe(_ term: LoanTerm) -> String {
        switch term {
        case .months(let count): return "\(count) months"
        case .days(let count): return "\(count) days"
        }
    }
}
