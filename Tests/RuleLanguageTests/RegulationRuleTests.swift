import Diagnostics
import RuleLanguage
import Testing

/// The DESIGN §6 requirements written in the rule language, evaluated on passing and failing documents.
@Suite struct RegulationRuleTests {
    static let banks = "['national-bank', 'local-bank']"

    static let environment: TypeEnvironment = {
        var environment = Fixture.environment
        environment.bind("apr", to: .ratio, doc: "all-in APR computed by the APR calculator")
        environment.declare(RecordType(name: "Rates", fields: [FieldDeclaration(name: "lpr_1y", type: .ratio)]))
        environment.bind("rates", to: .record("Rates"))
        return environment
    }()

    func check(_ rule: String, _ bindings: Bindings) throws -> Evaluation {
        var bindings = bindings
        if bindings["apr"] == nil { bindings.bind("apr", to: Fixture.percent("18.25%")) }
        bindings.bind("rates", to: .record(Record(type: "Rates", fields: ["lpr_1y": Fixture.percent("3.10%")])))
        let compiled = try RuleExpression.compile(rule, origin: EmbeddedTextOrigin(file: "Rules/cn.yaml", line: 5, column: 14),
                                                  environment: Self.environment, expecting: .boolean)
        return compiled.evaluate(bindings)
    }

    @Test func bankCreditLineAndBulletTerm() throws {
        let applies = "lender.type in \(Self.banks) and product.borrower == 'individual' and not product.secured"
        let bankProduct = Fixture.bindings(product: Fixture.product(lender: Fixture.bank))
        #expect(try check(applies, bankProduct).isTrue)
        #expect(try check(applies, Fixture.bindings()).isFalse)
        #expect(try check("product.credit_line.max <= 20万", bankProduct).evidence.map(\.text)
            == ["product.credit_line.max = ¥300,000 > ¥200,000"])
        let bullet = try check("product.repayment != 'bullet' or product.term.max <= 1 year", bankProduct)
        #expect(bullet.evidence.map(\.text) == [
            "product.repayment = bullet, required ≠ bullet", "product.term.max = 24 months > 12 months",
        ])
    }

    @Test func bankPartnerShare() throws {
        let rule = "all(product.funding, f => f.institution.type in \(Self.banks) or f.share >= 30%)"
        #expect(try check(rule, Fixture.bindings(product: Fixture.product(shares: ["70%", "30%"]))).isTrue)
        let failing = try check(rule, Fixture.bindings())
        #expect(failing.evidence.map(\.path) == ["product.funding[1].institution.type", "product.funding[1].share"])
    }

    @Test func localBankRegion() throws {
        let rule = """
            all(filter(product.funding, f => f.institution.type == 'local-bank' and not f.institution.online_only),
                f => product.regions subset [f.institution.registered_in])
            """
        #expect(try check(rule, Fixture.bindings(product: Fixture.product(regions: ["CN-GD"]))).isTrue)
        #expect(try check(rule, Fixture.bindings()).evidence.map(\.text)
            == ["product.regions[1] = CN-GX ∉ [CN-GD] ([f.institution.registered_in])"])
    }

    @Test func microlenderRules() throws {
        #expect(try check("product.balance_cap <= 10% * lender.financials.net_assets", Fixture.bindings()).isTrue)
        let upfront = "all(product.pricing.fees, f => not has(f.collected) or f.collected != 'upfront-deduction')"
        #expect(try check(upfront, Fixture.bindings()).isTrue)
        let fees: [Value] = [.record(Record(type: "Fee", fields: ["collected": Fixture.enumValue("Collection", "upfront-deduction")]))]
        #expect(try check(upfront, Fixture.bindings(product: Fixture.product(fees: fees))).evidence.map(\.text)
            == ["product.pricing.fees[0].collected = upfront-deduction, required ≠ upfront-deduction"])
    }

    @Test func onlineMicrolenderRules() throws {
        let capital = "lender.capital.paid_in >= (if product.regions subset [lender.registered_in] then 10亿 else 50亿)"
        #expect(try check(capital, Fixture.bindings()).evidence.map(\.text)
            == ["lender.capital.paid_in = ¥4,200,000,000 < ¥5,000,000,000 (if product.regions subset [lender.registered_in] then 10亿 else 50亿)"])
        let crossProvince = """
            product.regions subset [lender.registered_in]
            or any(lender.approvals, a => a.scope == 'cross-province' and a.granted <= as_of
                                          and (not has(a.expires) or a.expires > as_of))
            """
        #expect(try check(crossProvince, Fixture.bindings()).isFalse)
        let approval = Record(type: "Approval", fields: [
            "scope": .string("cross-province"), "granted": .date(try UnitParser.date("2023-01-01")),
            "expires": .date(try UnitParser.date("2025-06-30")),
        ])
        let expired = Fixture.institution(id: "oml", type: "online-microlender", approvals: [.record(approval)], file: "oml.yaml")
        let evaluation = try check(crossProvince, Fixture.bindings(product: Fixture.product(lender: expired)))
        #expect(evaluation.isFalse)
        #expect(evaluation.evidence.map(\.text).last == "lender.approvals[0].expires = 2025-06-30 ≤ 2025-11-22 (as_of)")
        let cap = "product.balance_cap <= 30万 and has(product.income_cap) and product.income_cap <= 1/3"
        #expect(try check(cap, Fixture.bindings(product: Fixture.product(incomeCap: "1/3"))).isTrue)
        #expect(try check(cap, Fixture.bindings(product: Fixture.product(incomeCap: "40%"))).evidence.map(\.text)
            == ["product.income_cap = 40% > 1/3"])
    }

    @Test func rateRules() throws {
        #expect(try check("apr <= 24%", Fixture.bindings()).isTrue)
        var bindings = Fixture.bindings()
        bindings.bind("apr", to: Fixture.percent("24.01%"))
        #expect(try check("apr <= 24%", bindings).evidence.map(\.text) == ["apr = 24.01% > 24%"])
        #expect(try check("apr <= 4 * rates.lpr_1y", bindings).evidence.map(\.text) == ["apr = 24.01% > 12.4% (4 * rates.lpr_1y)"])
        let disclosure = "has(product.pricing.disclosed_apr) and product.pricing.disclosed_apr >= apr - 0.01%"
        #expect(try check(disclosure, Fixture.bindings()).evidence.map(\.text) == ["product.pricing.disclosed_apr is absent"])
    }

    @Test func partnerConcentrationWithAffiliates() throws {
        var environment = TypeEnvironment()
        environment.declare(RecordType(name: "JointLending", fields: [
            FieldDeclaration(name: "partner", type: .string), FieldDeclaration(name: "group", type: .list(.string)),
            FieldDeclaration(name: "balance", type: .money),
        ]))
        environment.declare(RecordType(name: "Bank", fields: [
            FieldDeclaration(name: "tier1_capital_net", type: .money, optional: true),
            FieldDeclaration(name: "joint_lending", type: .list(.record("JointLending"))),
        ]))
        environment.bind("lender", to: .record("Bank"))
        let rule = try RuleExpression.compile("""
            all(lender.joint_lending, j =>
                sum(filter(lender.joint_lending, k => k.partner in j.group), k => k.balance)
                  <= 25% * lender.tier1_capital_net)
            """, origin: .standalone(name: "rule"), environment: environment, expecting: .boolean)
        func lending(_ partner: String, _ group: [String], _ balance: String, line: Int) -> Value {
            .record(Record(type: "JointLending", fields: [
                "partner": .string(partner), "group": .list(group.map(Value.string)), "balance": Fixture.money(balance),
            ], location: location(line, 5, file: "bank.yaml")))
        }
        let bank = Record(type: "Bank", fields: [
            "tier1_capital_net": Fixture.money("300亿"),
            "joint_lending": .list([
                lending("mlc-a", ["mlc-a", "mlc-b"], "50亿", line: 20), lending("mlc-b", ["mlc-a", "mlc-b"], "30亿", line: 22),
                lending("cfc-c", ["cfc-c"], "70亿", line: 24),
            ]),
        ])
        let evaluation = rule.evaluate(Bindings(["lender": .record(bank)]))
        #expect(evaluation.evidence.map(\.text) == [
            "sum(filter(lender.joint_lending, k => k.partner in j.group), k => k.balance) = ¥8,000,000,000 > ¥7,500,000,000 (25% * lender.tier1_capital_net)",
            "sum(filter(lender.joint_lending, k => k.partner in j.group), k => k.balance) = ¥8,000,000,000 > ¥7,500,000,000 (25% * lender.tier1_capital_net)",
        ])
        #expect(evaluation.evidence.map(\.path) == ["lender.joint_lending[0]", "lender.joint_lending[1]"])
        #expect(evaluation.evidence.map(\.location) == [location(20, 5, file: "bank.yaml"), location(22, 5, file: "bank.yaml")])
        let withoutTier1 = Record(type: "Bank", fields: ["joint_lending": bank["joint_lending"] ?? .list([])])
        #expect(rule.evaluate(Bindings(["lender": .record(withoutTier1)])).problem
            == "cannot evaluate: missing lender.tier1_capital_net")
    }
}
