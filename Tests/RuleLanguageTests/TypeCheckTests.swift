import Diagnostics
import RuleLanguage
import Testing

@Suite struct TypeCheckTests {
    func fixtureErrors(_ text: String) -> [String] {
        errors(text, environment: Fixture.environment)
    }

    @Test(arguments: [
        ("20万 + 5%", "expr:1:5: error: cannot add money and ratio | hint: to scale an amount by a percentage, multiply: amount * (1 + 5%)"),
        ("20万 - 2024-01-01", "expr:1:5: error: cannot subtract date from money"),
        ("20万 * 10万", "expr:1:5: error: cannot multiply money by money | hint: money × money has no meaning; multiply by a ratio"),
        ("5% / 20万", "expr:1:4: error: cannot divide ratio by money"),
        ("0.05% per day <= 24%", "expr:1:15: error: cannot compare rate and ratio | hint: a rate has a period: compare with 24% per year, or use annualized(rate)"),
        ("30% >= 30", "expr:1:8: error: cannot compare a ratio with the bare number 30 | hint: write 30%"),
        ("30% >= 0.3", "expr:1:8: error: cannot compare a ratio with the bare number 0.3 | hint: write 30% for the fraction 0.3, or 0.3% if you meant 0.3 percent"),
        ("12 months + 90 days", "expr:1:11: error: cannot add a duration in months and a duration in days | hint: a month is 28 to 31 days; keep to one unit"),
        ("1 year <= 365 days", "expr:1:8: error: cannot compare 12 months with 365 days: 12 months is 365 to 366 days depending on the calendar | hint: compare months with months or days with days"),
        ("'a' < 'b'", "expr:1:5: error: string values have no order | hint: compare them with == or !="),
        ("true + 1", "expr:1:6: error: cannot add boolean and integer"),
        ("-'x'", "expr:1:1: error: cannot negate string"),
        ("not 5", "expr:1:5: error: 'not' needs a boolean, found integer"),
        ("1 and true", "expr:1:1: error: 'and' needs a boolean, found integer"),
        ("if 1 then 2 else 3", "expr:1:4: error: the condition of 'if' needs a boolean, found integer"),
        ("if true then 1 else 'x'", "expr:1:21: error: the branches of 'if' have different types: integer and string"),
        ("[1, 'a']", "expr:1:5: error: list elements have different types: integer and string"),
        ("[] == [1]", "expr:1:1: error: an empty list [] has no element type | hint: test for emptiness with count(list) == 0"),
        ("1 in 2", "expr:1:6: error: 'in' needs a list on the right, found integer | hint: write in [a, b]"),
        ("CN-GD subset [CN-GD]", "expr:1:1: error: 'subset' needs a list on the left, found province | hint: to test one value, write value in list"),
        ("1/0", "expr:1:2: error: division by zero"),
        ("sume([1])", "expr:1:1: error: unknown function 'sume' | hint: did you mean 'sum'?"),
        ("min()", "expr:1:1: error: wrong arguments for min: no arguments | hint: write min(list) or min(a, b)"),
        ("abs('x')", "expr:1:1: error: wrong arguments for abs: string | hint: write abs(number)"),
        ("all([1], 2)", "expr:1:10: error: the second argument of all must be a lambda | hint: write all(list, x => condition)"),
        ("all([1], x => x)", "expr:1:15: error: the lambda of all needs a boolean, found integer"),
        ("all(1, x => true)", "expr:1:5: error: all needs a list, found integer | hint: write all(list, x => condition)"),
        ("sum(['a'])", "expr:1:5: error: sum needs numbers, amounts, ratios, rates or durations, found string"),
        ("abs(x => 1)", "expr:1:5: error: abs takes no lambda | hint: 'x => …' is only allowed in all, any, count, sum, filter and map"),
        ("has(1)", "expr:1:1: error: has needs one field path | hint: write has(record.field), e.g. has(product.income_cap)"),
        ("max(true, 1)", "expr:1:1: error: max needs two values of the same ordered type, found boolean and integer"),
        ("max(1, 20万)", ""),
        ("count", "expr:1:1: error: unknown name 'count' | hint: count is a function: count(list) or count(list, x => condition)"),
    ])
    func literalErrors(text: String, expected: String) {
        #expect(errors(text) == (expected.isEmpty ? [] : [expected]))
    }

    @Test(arguments: [
        ("product.credt_line.max <= 20万",
         "expr:1:9: error: LoanProduct has no field 'credt_line' | hint: did you mean 'credit_line'?"),
        ("prodct.credit_line.max <= 20万", "expr:1:1: error: unknown name 'prodct' | hint: did you mean 'product'?"),
        ("product.credit_line.maxx <= 20万", "expr:1:21: error: MoneyRange has no field 'maxx' | hint: did you mean 'max'?"),
        ("lender.type == 'local-bnk'",
         "expr:1:16: error: 'local-bnk' is not a case of InstitutionType | hint: did you mean 'local-bank'?"),
        ("'nationalbank' != lender.type",
         "expr:1:1: error: 'nationalbank' is not a case of InstitutionType | hint: did you mean 'national-bank'?"),
        ("lender.type in ['national-bank', 'local-bnk']",
         "expr:1:34: error: 'local-bnk' is not a case of InstitutionType | hint: did you mean 'local-bank'?"),
        ("lender.type == 'bank'",
         "expr:1:16: error: 'bank' is not a case of InstitutionType | hint: InstitutionType is one of: national-bank, local-bank, consumer-finance, microlender, online-microlender, platform, private-lender"),
        ("lender.type == local_bank", "expr:1:16: error: unknown name 'local_bank' | hint: write the case as a string: 'local-bank'"),
        ("lender.type < 'local-bank'", "expr:1:13: error: cannot compare InstitutionType and string | hint: enum values have no order"),
        ("product.funding.share >= 30%",
         "expr:1:17: error: 'product.funding' is a list of Funding, not a record | hint: use all(product.funding, x => x.share …), any(…), sum(…), or an index like product.funding[0].share"),
        ("product.balance_cap.max", "expr:1:21: error: money has no fields | hint: 'product.balance_cap' is a money value"),
        ("product.balance_cap + product.income_cap", "expr:1:21: error: cannot add money and ratio | hint: to scale an amount by a percentage, multiply: amount * (1 + 5%)"),
        ("product.balance_cap <= count(product.funding)",
         "expr:1:21: error: cannot compare money and integer | hint: a bare number is read as yuan only when it is a literal"),
        ("product.term.max <= 365 days", ""),
        ("all(product.funding, product => true)",
         "expr:1:22: error: 'product' is already defined | hint: choose another parameter name"),
        ("product.funding['a']", "expr:1:17: error: a list index needs a integer, found string"),
        ("product.pricing.rate <= 24%",
         "expr:1:22: error: cannot compare rate and ratio | hint: a rate has a period: compare with 24% per year, or use annualized(rate)"),
        ("product.funding == 1", "expr:1:17: error: cannot compare list of Funding and integer"),
        ("product.lender == lender", "expr:1:16: error: records cannot be compared | hint: compare their fields"),
    ])
    func environmentErrors(text: String, expected: String) {
        #expect(fixtureErrors(text) == (expected.isEmpty ? [] : [expected]))
    }

    @Test func listsTheFieldsOfShortRecords() throws {
        do {
            _ = try RuleExpression.compile("product.credit_line.mx", origin: .standalone(name: "e"), environment: Fixture.environment)
            Issue.record("expected an error")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.notes == [Diagnostic.Note("MoneyRange has fields: min, max")])
            #expect(diagnostic.hints == ["did you mean 'max'?"])
        }
    }

    @Test func reportsEveryTypeError() {
        #expect(fixtureErrors("product.credt_line.max <= 20万 and lender.type == 'local-bnk' or 1 + 5% > 20万 + 5%") == [
            "expr:1:9: error: LoanProduct has no field 'credt_line' | hint: did you mean 'credit_line'?",
            "expr:1:50: error: 'local-bnk' is not a case of InstitutionType | hint: did you mean 'local-bank'?",
            "expr:1:78: error: cannot add money and ratio | hint: to scale an amount by a percentage, multiply: amount * (1 + 5%)",
        ])
    }

    @Test func errorsInsideMultiLineRulesPointIntoThePackFile() {
        let origin = EmbeddedTextOrigin(file: "Rules/bank.yaml", line: 12, column: 7, continuationColumn: 7)
        let text = "all(product.funding, f =>\n    f.institution.typ == 'local-bank'\n    or f.share >= 30)"
        #expect(errors(text, environment: Fixture.environment, origin: origin) == [
            "Rules/bank.yaml:13:25: error: Institution has no field 'typ' | hint: did you mean 'type'?",
            "Rules/bank.yaml:14:25: error: cannot compare a ratio with the bare number 30 | hint: write 30%",
        ])
    }

    @Test func expectedResultType() {
        do {
            _ = try RuleExpression.compile("product.balance_cap", origin: .standalone(name: "e"), environment: Fixture.environment,
                                           expecting: .boolean)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["e:1:1: error: expected a boolean expression, found money"])
        }
    }

    @Test func environmentValidation() {
        var environment = TypeEnvironment()
        environment.declare(RecordType(name: "Product", fields: [FieldDeclaration(name: "lender", type: .record("Instituton"))]))
        environment.declare(RecordType(name: "Institution", fields: []))
        environment.bind("product", to: .record("Product"))
        #expect(environment.validate().map(\.message) == ["field 'Product.lender' has undeclared record type 'Instituton'"])
        #expect(environment.validate().flatMap(\.hints) == ["did you mean 'Institution'?"])
    }

    @Test func resultTypes() throws {
        let cases: [(String, ValueType)] = [
            ("product.balance_cap / lender.financials.net_assets", .ratio), ("product.balance_cap * 10%", .money),
            ("product.pricing.rate * 2", .rate), ("annualized(product.pricing.rate)", .ratio), ("as_of - 2024-01-01", .duration),
            ("as_of + product.term.max", .date), ("map(product.funding, f => f.share)", .list(.ratio)),
            ("filter(product.funding, f => f.share > 50%)", .list(.record("Funding"))), ("count(product.regions)", .integer),
            ("sum(product.funding, f => f.share)", .ratio), ("days_between(as_of, 2026-01-01)", .integer),
            ("1 / 4", .ratio), ("count(product.regions) / 4", .decimal), ("product.balance_cap + 1000", .money),
        ]
        for (text, type) in cases {
            #expect(try RuleExpression.compile(text, origin: .standalone(name: "e"), environment: Fixture.environment).resultType == type, "\(text)")
        }
    }
}
