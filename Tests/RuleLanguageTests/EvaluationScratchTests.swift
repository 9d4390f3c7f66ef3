import Diagnostics
import RuleLanguage
import Testing

/// One `EvaluationScratch` reused across many evaluations gives exactly what fresh frames give: no
/// lambda slot, element origin or root value leaks from one evaluation into the next.
@Suite struct EvaluationScratchTests {
    /// Expressions with and without lambdas (different slot counts), true, false with evidence, unknown
    /// with element paths, and an error.
    let expressions = [
        "all(product.funding, f => f.share >= 30%)",
        "product.credit_line.max <= 20万",
        "all(product.pricing.fees, f => f.collected != 'upfront-deduction')",
        "lender.financials.tier1_capital_net > 0",
        "any(product.funding, f => all(product.funding, g => g.share <= f.share))",
        "product.credit_line.max / 0 > 1",
        "all(product.funding, f => f.share >= param.min_partner_share)",
    ]

    func outcome(_ evaluation: Evaluation) -> String {
        switch evaluation {
        case .value(let value, let evidence):
            value.displayText + evidence.map { " | \($0.text) @ \($0.location?.description ?? "-")" }.joined()
        case .unknown(let missing):
            "unknown: " + missing.map { "\($0.path) @ \($0.location?.description ?? "-")" }.joined(separator: ", ")
        case .error(let diagnostic):
            "error: " + diagnostic.message
        }
    }

    @Test func reusedFramesGiveTheResultsOfFreshOnes() throws {
        let fees: [Value] = [
            .record(Record(type: "Fee", fields: ["one_off": Fixture.percent("2%"),
                                                 "collected": Fixture.enumValue("Collection", "at-disbursement")],
                           location: location(15, 7))),
            .record(Record(type: "Fee", fields: ["periodic": .rate(Rate(Ratio(decimal("0.006")), per: .month))],
                           location: location(18, 7))),
        ]
        let subjects = [
            Fixture.bindings(),
            Fixture.bindings(product: Fixture.product(shares: ["50%", "25%", "25%"])),
            Fixture.bindings(product: Fixture.product(fees: fees)),
        ]
        let compiled = try expressions.map { text throws(DiagnosticList) in try Fixture.compile(text) }
        let scratch = EvaluationScratch()
        var checked = 0
        // Twice round, so every frame the scratch keeps is reused by expressions of other shapes.
        for _ in 0..<2 {
            for bindings in subjects {
                for expression in compiled {
                    let fresh = outcome(expression.evaluate(bindings))
                    #expect(outcome(expression.evaluate(bindings, scratch: scratch)) == fresh)
                    #expect(outcome(expression.evaluate(bindings, explaining: false, scratch: scratch))
                        == outcome(expression.evaluate(bindings, explaining: false)))
                    checked += 1
                }
            }
        }
        #expect(checked == 42)
    }

    @Test func aReusedFrameStillReportsTheMissingElementPath() throws {
        let fees: [Value] = [
            .record(Record(type: "Fee", fields: ["collected": Fixture.enumValue("Collection", "at-disbursement")],
                           location: location(15, 7))),
            .record(Record(type: "Fee", fields: [:], location: location(18, 7))),
        ]
        let expression = try Fixture.compile("all(product.pricing.fees, f => f.collected != 'upfront-deduction')")
        let scratch = EvaluationScratch()
        // A passing evaluation first leaves its slots set; the second must not read them.
        _ = expression.evaluate(Fixture.bindings(), scratch: scratch)
        let evaluation = expression.evaluate(Fixture.bindings(product: Fixture.product(fees: fees)), scratch: scratch)
        #expect(outcome(evaluation) == "unknown: product.pricing.fees[1].collected @ product.yaml:18:7")
    }
}
