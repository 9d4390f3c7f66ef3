import Diagnostics
import RuleLanguage
import Testing

@Suite struct EvidenceTests {
    @Test func comparisonEvidence() {
        let evaluation = Fixture.evaluate("product.credit_line.max <= 20万")
        #expect(evaluation.isFalse)
        #expect(evaluation.evidence == [Evidence(
            path: "product.credit_line.max", actual: "¥300,000", required: "≤ ¥200,000",
            text: "product.credit_line.max = ¥300,000 > ¥200,000", location: location(9, 30),
            ruleLocation: SourceLocation(file: "pack.yaml", line: 7, column: 38))])
    }

    @Test func literalOnTheLeftStillShowsTheDocumentValue() {
        let evidence = Fixture.evaluate("20万 >= product.credit_line.max").evidence
        #expect(evidence.map(\.text) == ["product.credit_line.max = ¥300,000 > ¥200,000"])
        #expect(evidence.map(\.required) == ["≤ ¥200,000"])
    }

    @Test func failingAllGivesEvidenceForEveryFailingElement() {
        let bindings = Fixture.bindings(product: Fixture.product(shares: ["50%", "25%", "25%"]))
        let evaluation = Fixture.evaluate("all(product.funding, f => f.share >= 30%)", bindings)
        #expect(evaluation.isFalse)
        #expect(evaluation.evidence.map(\.text) == [
            "product.funding[1].share = 25% < 30%",
            "product.funding[2].share = 25% < 30%",
        ])
        #expect(evaluation.evidence.map(\.path) == ["product.funding[1].share", "product.funding[2].share"])
        #expect(evaluation.evidence.map(\.location) == [location(23, 12), location(25, 12)])
        #expect(evaluation.evidence.map(\.actual) == ["25%", "25%"])
        #expect(evaluation.evidence.map(\.required) == ["≥ 30%", "≥ 30%"])
    }

    @Test func boundFromAParameterShowsItsSource() {
        let evidence = Fixture.evaluate("all(product.funding, f => f.share >= param.min_partner_share)").evidence
        #expect(evidence.map(\.text) == ["product.funding[1].share = 29.99% < 30% (param.min_partner_share)"])
    }

    @Test func filteredElementsKeepTheirDocumentPaths() {
        let text = "all(filter(product.funding, f => f.institution.type not in ['national-bank', 'local-bank']), f => f.share >= 30%)"
        let evidence = Fixture.evaluate(text).evidence
        #expect(evidence.map(\.text) == ["product.funding[1].share = 29.99% < 30%"])
        #expect(evidence.map(\.location) == [location(23, 12)])
    }

    @Test func computedValueInsideALambdaPointsAtTheElement() {
        let evidence = Fixture.evaluate("all(product.funding, f => f.share * 2 >= 60%)").evidence
        #expect(evidence.map(\.text) == ["f.share * 2 = 59.98% < 60%"])
        #expect(evidence.map(\.path) == ["product.funding[1]"])
        #expect(evidence.map(\.location) == [location(22, 5)])
    }

    @Test func subsetEvidenceNamesEachOutsideElement() {
        let bindings = Fixture.bindings(product: Fixture.product(regions: ["CN-GD", "CN-GX", "CN-HN"]))
        let evidence = Fixture.evaluate("product.regions subset [lender.registered_in]", bindings).evidence
        #expect(evidence.map(\.text) == [
            "product.regions[1] = CN-GX ∉ [CN-GD] ([lender.registered_in])",
            "product.regions[2] = CN-HN ∉ [CN-GD] ([lender.registered_in])",
        ])
        #expect(evidence.map(\.location) == [location(18, 17), location(18, 24)])
        #expect(evidence.map(\.required) == ["∈ [CN-GD]", "∈ [CN-GD]"])
    }

    @Test func absentFieldEvidence() {
        let evidence = Fixture.evaluate("has(product.income_cap) and product.income_cap <= 1/3").evidence
        #expect(evidence == [Evidence(path: "product.income_cap", actual: "absent", required: "present",
                                      text: "product.income_cap is absent", location: location(1, 1),
                                      ruleLocation: SourceLocation(file: "pack.yaml", line: 7, column: 14))])
    }

    @Test func andExplainsOnlyFalseSidesOrExplainsBoth() {
        let both = Fixture.evaluate("product.credit_line.max <= 20万 and product.repayment != 'bullet' and product.secured == false")
        #expect(both.evidence.map(\.text) == [
            "product.credit_line.max = ¥300,000 > ¥200,000",
            "product.repayment = bullet, required ≠ bullet",
        ])
        let either = Fixture.evaluate("product.credit_line.max <= 20万 or product.term.max <= 1 year")
        #expect(either.evidence.map(\.text) == [
            "product.credit_line.max = ¥300,000 > ¥200,000",
            "product.term.max = 24 months > 12 months",
        ])
    }

    @Test func negationFlipsTheRequirement() {
        let fees: [Value] = [
            .record(Record(type: "Fee", fields: ["collected": Fixture.enumValue("Collection", "at-disbursement")], location: location(15, 7))),
            .record(Record(type: "Fee", fields: ["collected": Fixture.enumValue("Collection", "upfront-deduction")],
                           locations: ["collected": location(19, 18)], location: location(17, 7))),
        ]
        let bindings = Fixture.bindings(product: Fixture.product(fees: fees))
        let evidence = Fixture.evaluate("not any(product.pricing.fees, f => f.collected == 'upfront-deduction')", bindings).evidence
        #expect(evidence.map(\.text) == ["product.pricing.fees[1].collected = upfront-deduction, required ≠ upfront-deduction"])
        #expect(evidence.map(\.location) == [location(19, 18)])
    }

    @Test func emptyListForAny() {
        let evidence = Fixture.evaluate("any(lender.approvals, a => a.scope == 'cross-province')").evidence
        #expect(evidence.map(\.text) == ["lender.approvals is empty; any(lender.approvals, a => a.scope == 'cross-province') needs at least one match"])
    }

    @Test func computedLeftSideUsesItsSourceText() {
        let evidence = Fixture.evaluate("count(product.funding) >= 3").evidence
        #expect(evidence.map(\.text) == ["count(product.funding) = 2 < 3"])
        #expect(evidence.map(\.path) == [nil])
    }

    @Test func ruleLocationFollowsTheOrigin() throws {
        let origin = EmbeddedTextOrigin(file: "Rules/bank.yaml", line: 30, column: 9, continuationColumn: 9)
        let rule = try RuleExpression.compile("all(product.funding,\n  f => f.share >= 30%)", origin: origin,
                                              environment: Fixture.environment)
        let evidence = rule.evaluate(Fixture.bindings()).evidence
        #expect(evidence.map(\.ruleLocation) == [SourceLocation(file: "Rules/bank.yaml", line: 31, column: 24)])
    }

    @Test func membershipOfALiteralInADocumentList() {
        let evidence = Fixture.evaluate("CN-HN in product.regions").evidence
        #expect(evidence == [Evidence(path: "product.regions", actual: "[CN-GD, CN-GX]", required: "contains CN-HN",
                                      text: "product.regions = [CN-GD, CN-GX] does not contain CN-HN", location: location(18, 10),
                                      ruleLocation: SourceLocation(file: "pack.yaml", line: 7, column: 20))])
        #expect(Fixture.evaluate("CN-GD not in product.regions").evidence.map(\.text)
            == ["product.regions = [CN-GD, CN-GX] contains CN-GD"])
    }

    @Test func trueResultsHaveNoEvidence() {
        #expect(Fixture.evaluate("product.credit_line.max <= 30万").evidence.isEmpty)
    }
}
