import FoundationEssentials
import RuleLanguage

/// Builds the reference loan of DESIGN §3 from a product record: the longest term, the smallest credit
/// line when a fixed-amount fee makes it the worst case (10,000 otherwise), every fee.
public enum AprInputBuilder {
    /// The APR input of a product, or a reason why it cannot be built.
    public static func input(for product: Record) -> Result<AprInput, AprBuildProblem> {
        guard case .record(let pricing)? = product["pricing"], case .rate(let rate)? = pricing["rate"] else {
            return .failure(AprBuildProblem("pricing.rate is missing"))
        }
        guard case .record(let term)? = product["term"], case .duration(let longest)? = term["max"] else {
            return .failure(AprBuildProblem("term is missing"))
        }
        guard case .enumeration(let method)? = product["repayment"],
              let repayment = RepaymentMethod(rawValue: method.caseName) else {
            return .failure(AprBuildProblem("repayment is missing"))
        }
        guard case .record(let line)? = product["credit_line"], case .money(let low)? = line["min"],
              case .money(let high)? = line["max"] else {
            return .failure(AprBuildProblem("credit_line is missing"))
        }
        var fees: [AprFee] = []
        if case .list(let list)? = pricing["fees"] {
            for element in list.elements {
                guard case .record(let fee) = element else { continue }
                switch aprFee(from: fee) {
                case .success(let value): fees.append(value)
                case .failure(let problem): return .failure(problem)
                }
            }
        }
        let loanTerm: LoanTerm = switch longest.unit {
        case .months: .months(longest.count)
        case .days: .days(longest.count)
        }
        let principal = AprCalculator.referencePrincipal(creditLineMin: low, creditLineMax: high, fees: fees)
        return .success(AprInput(principal: principal, term: loanTerm, repayment: repayment,
                                 rate: periodic(rate), fees: fees))
    }

    private static func aprFee(from fee: Record) -> Result<AprFee, AprBuildProblem> {
        let kind = if case .enumeration(let value)? = fee["kind"] { value.caseName } else { "other" }
        if case .rate(let rate)? = fee["periodic"] {
            let basis: FeeBasis = if case .enumeration(let value)? = fee["basis"], value.caseName == "outstanding-balance" {
                .outstandingBalance
            } else {
                .originalPrincipal
            }
            return .success(AprFee(kind: kind, charge: .periodic(periodic(rate), basis: basis)))
        }
        guard case .string(let text)? = fee["one_off"] else {
            return .failure(AprBuildProblem("a fee has neither periodic nor one_off"))
        }
        let collection: FeeCollection = switch (fee["collected"]).flatMap({ if case .enumeration(let v) = $0 { v.caseName } else { nil } }) {
        case "upfront-deduction": .upfrontDeduction
        case "with-first-installment": .withFirstInstallment
        default: .atDisbursement
        }
        if text.unicodeScalars.last(where: { !$0.properties.isWhitespace }) == "%" {
            guard let ratio = try? UnitParser.percent(text) else { return .failure(AprBuildProblem("bad one_off '\(text)'")) }
            return .success(AprFee(kind: kind, charge: .oneOffPercent(ratio.value, collected: collection)))
        }
        guard let amount = try? UnitParser.money(text) else { return .failure(AprBuildProblem("bad one_off '\(text)'")) }
        return .success(AprFee(kind: kind, charge: .oneOffAmount(amount, collected: collection)))
    }

    private static func periodic(_ rate: Rate) -> PeriodicRate {
        PeriodicRate(value: rate.ratio.value, period: rate.period)
    }
}

/// Why a product's APR cannot be computed.
public struct AprBuildProblem: Error, Sendable, Hashable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
