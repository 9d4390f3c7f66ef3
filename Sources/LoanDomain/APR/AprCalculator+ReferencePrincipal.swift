import RuleLanguage

extension AprCalculator {
    /// The principal of DESIGN §3's reference loan when no fee is a fixed amount.
    public static let standardReferencePrincipal: ExactNumber = 10_000

    /// The principal of the reference loan for a product with this credit line and these fees.
    ///
    /// Without a fixed-amount fee every cash flow is proportional to the principal, so the APR does not
    /// depend on it and DESIGN §3's 10,000 is used (clamped into the credit line, so the reference loan is
    /// one the product can actually make). A positive fixed-amount fee weighs most on the smallest loan —
    /// 50 yuan on 500 costs far more than on 10,000 — so the worst case, the minimum credit line, is used.
    /// Expects a validated credit line (`0 < min ≤ max`).
    public static func referencePrincipal(creditLineMin: ExactNumber, creditLineMax: ExactNumber, fees: [AprFee]) -> ExactNumber {
        let hasFixedAmountFee = fees.contains { fee in
            if case .oneOffAmount(let amount, _) = fee.charge { return amount > 0 }
            return false
        }
        if hasFixedAmountFee { return creditLineMin }
        return min(max(standardReferencePrincipal, creditLineMin), creditLineMax)
    }
}
