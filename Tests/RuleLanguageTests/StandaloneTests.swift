import Diagnostics
import RuleLanguage
import Testing

@Suite struct StandaloneTests {
    @Test func literalsWithAnEmptyEnvironment() throws {
        let result = try evaluateStandalone("10亿 * 25%").get()
        #expect(result.valueText == "¥250,000,000")
        #expect(result.typeText == "money")
        #expect(result.value == .money(decimal("250000000")))
        #expect(try evaluateStandalone("0.05% per day * 2").get().typeText == "rate")
        #expect(try evaluateStandalone("[CN-GD, CN-GX]").get().typeText == "list of province")
    }

    @Test func withADocumentBound() throws {
        let result = try evaluateStandalone("product.credit_line.max", environment: Fixture.environment,
                                            bindings: Fixture.bindings()).get()
        #expect(result.valueText == "¥300,000")
        let falseResult = try evaluateStandalone("product.credit_line.max <= 20万", environment: Fixture.environment,
                                                 bindings: Fixture.bindings()).get()
        #expect(falseResult.valueText == "false")
        #expect(falseResult.evidence.map(\.text) == ["product.credit_line.max = ¥300,000 > ¥200,000"])
    }

    @Test func unknownAndErrorsAreFailures() {
        let unknown = evaluateStandalone("lender.financials.tier1_capital_net", environment: Fixture.environment,
                                         bindings: Fixture.bindings())
        #expect(unknown.failureDescriptions == ["mlc.yaml:12:3: error: cannot evaluate: missing lender.financials.tier1_capital_net"])
        #expect(evaluateStandalone("product").failureDescriptions == [
            "<expression>:1:1: error: unknown name 'product'",
        ])
    }

    @Test func compiledExpressionsAreSharedAcrossTasks() async throws {
        let rule = try Fixture.compile("all(product.funding, f => f.share >= 30%)")
        let bindings = Fixture.bindings()
        let texts = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { rule.evaluate(bindings).evidence.map(\.text) } }
            var all: [[String]] = []
            for await texts in group { all.append(texts) }
            return all
        }
        #expect(texts == Array(repeating: ["product.funding[1].share = 29.99% < 30%"], count: 8))
    }
}

extension Result where Failure == DiagnosticList {
    var failureDescriptions: [String] {
        if case .failure(let list) = self { return list.diagnostics.map(\.description) }
        return []
    }
}
