import Compliance
import Testing

/// A product rule that reads a field of the lender reports a fault of that field once, at the lender's
/// line, with the products that reached it (not once per product).
@Suite struct LenderFindingsTests {
    static let pack = """
        kind: RulePack
        id: test-lender
        version: "1"
        status: in-force
        title: {zh: 测试, en: Test}
        authority: {zh: 测试机关, en: Test authority}
        instrument: T-1
        rules:
          - id: T-SINGLE-BORROWER
            title: {zh: 单户, en: Single borrower}
            subject: LoanProduct
            require: product.balance_cap <= 10% * lender.financials.net_assets
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第一条, verified: true}
            message: {zh: "{actual}，应 {required}", en: "balance cap {actual}; required {required}"}
        """

    static let lender = """
        kind: Institution
        id: mlc-a
        name: 小贷A
        type: microlender
        registered_in: CN-GD
        financials:
          as_of: 2025-12-31

        """

    static func product(_ id: String, cap: String = "5万") -> String {
        """
        kind: LoanProduct
        id: \(id)
        name: \(id)
        lender: mlc-a
        borrower: individual
        purpose: consumption
        secured: false
        credit_line: {min: 500, max: \(cap)}
        term: 12 months
        repayment: equal-installment
        pricing: {rate: 18% per year}
        regions: [CN-GD]

        """
    }

    @Test func oneFindingAtTheLendersLineListingTheProducts() throws {
        let rules = try TestRules(pack: Self.pack)
        let report = try rules.audit([("mlc.yaml", Self.lender), ("p1.yaml", Self.product("p1")), ("p2.yaml", Self.product("p2")),
                                      ("p3.yaml", Self.product("p3"))], asOf: "2026-01-01")
        #expect(report.findings.count == 1)
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "T-SINGLE-BORROWER" && finding.cannotEvaluate && finding.severity == .error)
        #expect(finding.subject == SubjectReference(kind: "Institution", id: "mlc-a"))
        #expect(finding.path == "financials.net_assets")
        #expect(finding.products == ["p1", "p2", "p3"])
        #expect(finding.location?.description == "mlc.yaml:7:3")
        #expect(finding.message.en == "cannot evaluate: missing lender.financials.net_assets")
        #expect(Baseline.key(of: finding) == "T-SINGLE-BORROWER|Institution/mlc-a|financials.net_assets")
        // Counted once; each product's check still could not be evaluated.
        #expect(report.summary == AuditReport.Summary(cannotEvaluate: 1))
        #expect(report.checks.map { "\($0.subject.id) \($0.status.rawValue)" } == ["p1 cannot-evaluate", "p2 cannot-evaluate", "p3 cannot-evaluate"])
        #expect(report.byRule.first?.counts == RuleCounts(cannotEvaluate: 1, checked: 3))
    }

    /// One product gives the same finding (and the same key) as three: adding a product does not turn
    /// the finding into a new one.
    @Test func oneProductHasTheSameKey() throws {
        let rules = try TestRules(pack: Self.pack)
        let report = try rules.audit([("mlc.yaml", Self.lender), ("p1.yaml", Self.product("p1"))], asOf: "2026-01-01")
        #expect(report.findings.map(Baseline.key(of:)) == ["T-SINGLE-BORROWER|Institution/mlc-a|financials.net_assets"])
        #expect(report.findings.first?.products == ["p1"])
    }

    /// A violation of the product's own field stays the product's.
    @Test func aProductsOwnFieldStaysWithTheProduct() throws {
        let rules = try TestRules(pack: Self.pack)
        let lender = Self.lender + "  net_assets: 10亿\n"
        let report = try rules.audit([("mlc.yaml", lender), ("p1.yaml", Self.product("p1", cap: "2亿")),
                                      ("p2.yaml", Self.product("p2", cap: "3亿"))], asOf: "2026-01-01")
        #expect(report.findings.map { "\($0.subject.kind)/\($0.subject.id) \($0.path) \($0.products)" }
            == ["LoanProduct/p1 balance_cap []", "LoanProduct/p2 balance_cap []"])
    }
}
