import Testing
import RuleLanguage

@Test func smoke() {
    for text in ["product.credit_line.max <= 20万", "all(product.funding, f => f.share >= 30%)",
                 "product.regions subset [lender.registered_in]", "has(product.income_cap) and product.income_cap <= 1/3",
                 "lender.financials.tier1_capital_net > 0", "all(product.funding, f => f.institution.type in ['national-bank', 'local-bank'] or f.share >= param.min_partner_share)",
                 "product.term.max <= 1 year", "20万 >= product.credit_line.max", "product.repayment != 'bullet'",
                 "any(lender.approvals, a => a.scope == 'cross-province')", "not has(product.income_cap) or product.income_cap <= 1/3",
                 "product.balance_cap <= 10% * lender.financials.net_assets", "count(product.funding) == 1"] {
        let result = Fixture.evaluate(text)
        print(text, "→", result.value?.displayText ?? result.problem ?? "?")
        for e in result.evidence { print("   ", e.text, "|", e.path ?? "-", "|", e.actual, "|", e.required, "|", e.location.map { "\($0)" } ?? "-", "|", e.ruleLocation.map { "\($0)" } ?? "-") }
        if case .unknown(let m) = result { print("   missing", m.map { "\($0.path) @ \($0.location.map { "\($0)" } ?? "-")" }) }
    }
}
