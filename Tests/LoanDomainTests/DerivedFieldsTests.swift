import Diagnostics
import FoundationEssentials
import LoanDomain
import RuleLanguage
import Testing

@Suite struct DerivedFieldsTests {
    typealias S = LoaderTestSupport

    private func institution(_ id: String, affiliates: [String] = [], joint: String = "") -> String {
        """
        kind: Institution
        id: \(id)
        name: \(id)
        type: microlender
        registered_in: CN-GD
        affiliates: [\(affiliates.joined(separator: ", "))]
        \(joint)
        """
    }

    @Test func partnerGroupsSumBalancesOverAffiliates() throws {
        let bank = S.bank + "\njoint_lending:\n  - {partner: m1, balance: 15亿}\n  - {partner: m2, balance: 12亿}\n  - {partner: m3, balance: 1亿}\n"
        let outcome = try S.load([
            ("bank.yaml", bank), ("m1.yaml", institution("m1", affiliates: ["m2"])), ("m2.yaml", institution("m2")),
            ("m3.yaml", institution("m3")),
        ])
        #expect(outcome.diagnostics.isEmpty)
        let record = try #require(outcome.documents.document(id: "bank-a")).record
        guard case .list(let groups)? = record["partner_groups"] else { Issue.record("no partner_groups"); return }
        let balances = groups.elements.compactMap { element -> String? in
            guard case .record(let group) = element, case .money(let balance)? = group["balance"] else { return nil }
            return balance.plainText
        }
        #expect(balances == ["2700000000", "100000000"])
        // The group's location is the first partner entry's balance (where a finding should point).
        #expect(groups.location(at: 0) == SourceLocation(file: "bank.yaml", line: 8, column: 28))
        #expect(record["joint_lending_total"] == .money(2_800_000_000))
        #expect(record["is_bank"] == .boolean(true))
    }

    @Test func absentFundingMeansTheLenderFundsAll() throws {
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", S.product())])
        let product = try #require(outcome.documents.document(id: "p-1"))
        guard case .list(let funding)? = product["funding"], case .record(let entry)? = funding.elements.first else {
            Issue.record("no funding"); return
        }
        #expect(funding.elements.count == 1)
        #expect(entry["institution"] == .string("bank-a"))
        #expect(entry["share"] == .ratio(Ratio(1)))
        guard case .record(let funder)? = entry["funder"] else { Issue.record("no funder"); return }
        #expect(funder["registered_in"] == .province(try UnitParser.province("CN-JS")))
        #expect(product["funding_defaulted"] == .boolean(true))
    }

    @Test func aprIsComputedIntoTheRecord() throws {
        let text = S.product().replacingFirst("rate: 18% per year", with: "rate: 0.05% per day")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        let product = try #require(outcome.documents.document(id: "p-1"))
        guard case .record(let apr)? = product["apr"], case .ratio(let nominal)? = apr["nominal"] else {
            Issue.record("no apr"); return
        }
        #expect(try nominal.value.shifted(by: 2).formatted(fractionDigits: 4) == "18.2500")
        #expect(product["disclosed_apr_computed"] == apr["nominal"])
    }

    @Test func aprThatCannotBeComputedIsMissingWithAReason() throws {
        let text = S.product().replacingFirst("{min: 3 months, max: 12 months}", with: "{min: 30 days, max: 90 days}")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        let product = try #require(outcome.documents.document(id: "p-1"))
        guard case .record(let apr)? = product["apr"] else { Issue.record("no apr"); return }
        #expect(apr["nominal"] == nil)
        #expect(product.derivationProblems["apr"]?.contains("days") == true)
    }

    @Test func defaultsFillAbsentFields() throws {
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", S.product())])
        let product = try #require(outcome.documents.document(id: "p-1"))
        #expect(product["balance_cap"] == .money(200_000))
        #expect(product["status"] == .enumeration(EnumValue(type: "LoanProduct.status", case: "active")))
        let bank = try #require(outcome.documents.document(id: "bank-a"))
        #expect(bank["online_only"] == .boolean(false))
    }

    @Test func regionsAllIsEveryMainlandProvince() throws {
        let text = S.product().replacingFirst("regions: [CN-JS]", with: "regions: [all]")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        guard case .list(let regions)? = try #require(outcome.documents.document(id: "p-1"))["regions"] else {
            Issue.record("no regions"); return
        }
        #expect(regions.elements.count == 31)
    }
}

@Suite struct SchemaTests {
    @Test func schemaDeclaresEveryDocumentKind() throws {
        let schema = try LoaderTestSupport.schema()
        #expect(schema.kindNames == ["Institution", "LoanProduct", "Waiver"])
        #expect(schema.kind("LoanProduct")?.field("credit_line")?.type == .range(of: .money, allowsSingle: false))
        #expect(schema.kind("Institution")?.field("partner_groups")?.isDerived == true)
    }

    @Test func ruleTypesComeFromTheSchema() throws {
        var environment = TypeEnvironment()
        SchemaTypes.declare(try LoaderTestSupport.schema(), in: &environment)
        environment.bind("product", to: .record("LoanProduct"))
        #expect(environment.validate().isEmpty)
        #expect(throws: DiagnosticList.self) {
            try RuleExpression.compile("product.credit_lines.max <= 20万", origin: .standalone(name: "r"), environment: environment)
        }
        let compiled = try RuleExpression.compile("product.credit_line.max <= 20万", origin: .standalone(name: "r"), environment: environment)
        #expect(compiled.resultType == .boolean)
    }

    @Test func jsonSchemaDispatchesOnKindAndRejectsUnknownFields() throws {
        let json = JSONSchemaWriter().jsonSchema(for: try LoaderTestSupport.schema()).serialized()
        #expect(json.contains(#""$schema":"http://json-schema.org/draft-07/schema#""#))
        // `if kind is LoanProduct then the LoanProduct definition`: errors name that kind's fields only.
        #expect(json.contains(##"{"if":{"properties":{"kind":{"const":"LoanProduct"}},"required":["kind"]},"then":{"$ref":"#/definitions/LoanProduct"}}"##))
        #expect(!json.contains(#""oneOf""#))
        #expect(json.contains(#""kind":{"const":"LoanProduct"}"#))
        #expect(json.contains(#""additionalProperties":false"#))
        #expect(json.contains(##""rate":{"$ref":"#/definitions/rate""##))
        #expect(!json.contains("partner_groups"))
    }

    @Test func unknownFieldTypeInTheSchemaIsAnError() throws {
        let text = "kind: DocumentSchema\nid: x\nversion: 1\ndocuments:\n  Thing:\n    fields:\n      amount: mony\n"
        let node = try #require(try YAMLTestParse.parse(text).first)
        #expect {
            _ = try SchemaReader().read(node)
        } throws: { error in
            guard let list = error as? DiagnosticList else { return false }
            return list.diagnostics.map(\.description) == ["schema.yaml:7:15: error: unknown field type 'mony'"]
                && list.diagnostics.first?.hints == ["did you mean 'money'?"]
        }
    }
}

import YAML

enum YAMLTestParse {
    static func parse(_ text: String) throws -> [Node] { try YAMLReader.parse(text, file: "schema.yaml") }
}

@Suite struct SchemaExtensionTests {
    /// A compliance engineer adds a field in data; documents may write it and rules may read it.
    @Test func fieldAddedInDataIsLoadedAndTypeChecked() throws {
        let path = LoaderTestSupport.rulesDirectory + "/schema/documents.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let anchor = "\n      regions: provinces\n      funding:"
        let range = try #require(text.firstRange(of: anchor))
        text.replaceSubrange(range, with: "\n      penalty_rate: {type: rate, required: false, doc: 罚息利率}" + anchor)
        let schema = try SchemaReader().read(try #require(try YAMLReader.parse(text, file: "documents.yaml").first))

        let product = LoaderTestSupport.product("penalty_rate: 0.075% per day\n")
        let streams = [ParsedStream(file: "b.yaml", documents: try YAMLReader.parse(LoaderTestSupport.bank, file: "b.yaml")),
                       ParsedStream(file: "p.yaml", documents: try YAMLReader.parse(product, file: "p.yaml"))]
        let outcome = DocumentLoader(schema: schema).load(streams: streams)
        #expect(outcome.diagnostics.isEmpty)

        var environment = TypeEnvironment()
        SchemaTypes.declare(schema, in: &environment)
        environment.bind("product", to: .record("LoanProduct"))
        let rule = try RuleExpression.compile("not has(product.penalty_rate) or product.penalty_rate <= 0.1% per day",
                                              origin: .standalone(name: "rule"), environment: environment)
        var bindings = Bindings()
        bindings.bind("product", to: .record(try #require(outcome.documents.document(id: "p-1")).record))
        #expect(rule.evaluate(bindings).isTrue)
        #expect(throws: DiagnosticList.self) {
            try RuleExpression.compile("product.penalty_rates > 0% per day", origin: .standalone(name: "rule"), environment: environment)
        }
    }
}
