import FoundationEssentials
import RuleLanguage
@testable import LoanDomain

/// An exact decimal from a literal; test-only, so a bad literal may trap.
func dec(_ text: String) -> Decimal {
    guard let value = ExactDecimal.parse(text) else { fatalError("bad decimal literal \(text)") }
    return value
}

/// An exact number from a literal (the APR's inputs); test-only, so a bad literal may trap.
func num(_ text: String) -> ExactNumber {
    guard let value = ExactNumber.parse(text) else { fatalError("bad number literal \(text)") }
    return value
}

/// A rate as a percentage with `fractionDigits` decimals, e.g. `percent(0.317163…, 2) == "31.72"`.
func percent(_ rate: Decimal, _ fractionDigits: Int) -> String {
    ExactDecimal.format(rate * 100, fractionDigits: fractionDigits)
}

/// The 10,000, 12-month reference loan of DESIGN §3.
func referenceLoan(_ repayment: RepaymentMethod = .equalInstallment, rate: String, per period: RatePeriod,
                   fees: [AprFee] = [], principal: String = "10000", term: LoanTerm = .months(12)) -> AprInput {
    AprInput(principal: num(principal), term: term, repayment: repayment,
             rate: PeriodicRate(value: num(rate), period: period), fees: fees)
}
