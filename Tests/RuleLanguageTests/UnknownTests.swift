import Diagnostics
import RuleLanguage
import Testing

/// Absent optional values make results unknown, combined as in CEL.
@Suite struct UnknownTests {
    let missingTier1 = "lender.financials.tier1_capital_net > 0"

    func outcome(_ text: String, _ bindings: Bindings = Fixture.bindings()) -> String {
        switch Fixture.evaluate(text, bindings) {
        case .value(let value, _): value.displayText
        case .unknown(let missing): "unknown: " + missing.map(\.path).joined(separator: ", ")
        case .error(let diagnostic): "error: " + diagnostic.message
        }
    }

    @Test func andOrTables() {
        let u = missingTier1
        #expect(outcome(u) == "unknown: lender.financials.tier1_capital_net")
        #expect(outcome("false and \(u)") == "false")
        #expect(outcome("\(u) and false") == "false")
        #expect(outcome("true and \(u)") == "unknown: lender.financials.tier1_capital_net")
        #expect(outcome("\(u) and true") == "unknown: lender.financials.tier1_capital_net")
        #expect(outcome("true or \(u)") == "true")
        #expect(outcome("\(u) or true") == "true")
        #expect(outcome("false or \(u)") == "unknown: lender.financials.tier1_capital_net")
        #expect(outcome("\(u) or product.income_cap < 50%") == "unknown: lender.financials.tier1_capital_net, product.income_cap")
        #expect(outcome("not \(u)") == "unknown: lender.financials.tier1_capital_net")
        #expect(outcome("if \(u) then 1 else 2") == "unknown: lender.financials.tier1_capital_net")
        #expect(outcome("lender.financials.tier1_capital_net * 25%") == "unknown: lender.financials.tier1_capital_net")
    }

    @Test func unknownNeverPasses() {
        let evaluation = Fixture.evaluate("lender.financials.tier1_capital_net >= 10亿")
        #expect(!evaluation.isTrue && !evaluation.isFalse)
        #expect(evaluation.problem == "cannot evaluate: missing lender.financials.tier1_capital_net")
        guard case .unknown(let missing) = evaluation else { return }
        #expect(missing == [MissingField(path: "lender.financials.tier1_capital_net", location: location(12, 3, file: "mlc.yaml"))])
    }

    @Test func hasTestsPresence() {
        #expect(outcome("has(product.income_cap)") == "false")
        #expect(outcome("has(lender.financials.net_assets)") == "true")
        #expect(outcome("not has(product.income_cap) or product.income_cap <= 1/3") == "true")
        #expect(outcome("has(product.income_cap) and product.income_cap <= 1/3") == "false")
        #expect(outcome("has(product.income_cap) and product.income_cap <= 1/3", Fixture.bindings(product: Fixture.product(incomeCap: "1/3"))) == "true")
        #expect(outcome("product.income_cap <= 1/3", Fixture.bindings(product: Fixture.product(incomeCap: "33.34%"))) == "false")
    }

    @Test func quantifiersNameTheMissingElement() {
        let fees: [Value] = [
            .record(Record(type: "Fee", fields: ["one_off": Fixture.percent("2%"), "collected": Fixture.enumValue("Collection", "at-disbursement")],
                           location: location(15, 7))),
            .record(Record(type: "Fee", fields: ["periodic": .rate(Rate(Ratio(decimal("0.006")), per: .month))], location: location(18, 7))),
        ]
        let bindings = Fixture.bindings(product: Fixture.product(fees: fees))
        guard case .unknown(let missing) = Fixture.evaluate("all(product.pricing.fees, f => f.collected != 'upfront-deduction')", bindings) else {
            Issue.record("expected unknown")
            return
        }
        #expect(missing == [MissingField(path: "product.pricing.fees[1].collected", location: location(18, 7))])
        #expect(outcome("all(product.pricing.fees, f => not has(f.collected) or f.collected != 'upfront-deduction')", bindings) == "true")
        #expect(outcome("any(product.pricing.fees, f => f.collected == 'at-disbursement')", bindings) == "true")
        #expect(outcome("all(product.pricing.fees, f => f.collected == 'upfront-deduction')", bindings) == "false")
        #expect(outcome("count(product.pricing.fees, f => f.collected == 'upfront-deduction')", bindings)
            == "unknown: product.pricing.fees[1].collected")
    }
}
