import Diagnostics
import RuleLanguage
import Testing

@Suite struct EvaluationTests {
    @Test(arguments: [
        ("0.1 + 0.2 == 0.3", "true"), ("29.99% >= 30%", "false"), ("30% >= 30%", "true"), ("20万 == 200000", "true"),
        ("10亿 * 25% == 2.5亿", "true"), ("1 year == 12 months", "true"), ("0.05% per day == 18.25% per year", "true"),
        ("0.05% per day * 365 == 18.25% per day", "true"), ("annualized(0.05% per day)", "18.25%"),
        ("per_year(0.05% per day)", "18.25% per year"), ("per_month(18% per year)", "1.5% per month"),
        ("per_day(18.25% per year)", "0.05% per day"), ("annualized(1.5% per month)", "18%"),
        ("0.05% per day + 1% per month", "30.25% per year"), ("10亿 * 25%", "¥250,000,000"), ("20万 / 40万", "50%"),
        ("1/3", "1/3"), ("3 * (1/3)", "≈100%"), ("30% == 0.6 / 2", "true"), ("1/4 == 25%", "true"), ("7 / 2", "7/2"), ("len([1, 2, 3]) / 2", "1.5"),
        ("20万 + 500", "¥200,500"), ("500 + 20万", "¥200,500"), ("-20万", "-¥200,000"), ("30% * 30%", "9%"),
        ("4 * 3.1%", "12.4%"), ("1 / 25%", "4"), ("24% per year / 2", "12% per year"), ("18% per year / (6% per year)", "300%"),
        ("2024-01-31 + 1 month", "2024-02-29"), ("2024-03-01 - 1 day", "2024-02-29"), ("2025-01-01 - 2024-01-01", "366 days"),
        ("days_between(2024-01-01, 2025-01-01)", "366"), ("90 days + 2024-12-31", "2025-03-31"),
        ("1 month < 32 days", "true"), ("12 months > 364 days", "true"), ("2 * 6 months", "12 months"),
        ("max(20万, 300000)", "¥300,000"), ("min([3, 1, 2])", "1"), ("abs(-5%)", "5%"), ("abs(-3 days)", "3 days"),
        ("len('广东省')", "3"), ("len([1, 2])", "2"), ("sum([1, 2, 3])", "6"), ("sum([1.5, 2])", "3.5"),
        ("count([1, 2, 3], x => x > 1)", "2"), ("map([1, 2], x => x * 10万)", "[¥100,000, ¥200,000]"),
        ("filter([1, 2, 3], x => x != 2)", "[1, 3]"), ("any([1, 2], x => x > 1)", "true"), ("all([1, 2], x => x > 0)", "true"),
        ("all([1, 2], x => any([2, 3], y => y == x))", "false"), ("[CN-GD, CN-GX] == [CN-GD, CN-GX]", "true"),
        ("1亿 > 9999万", "true"), ("12345678901234567890.5 + 0.5", "12345678901234567891"),
    ])
    func values(text: String, expected: String) {
        #expect(show(text) == expected)
    }

    @Test func constantsAreFoldedAtCompileTime() throws {
        let compiled = try RuleExpression.compile("10亿 * 25% == 2.5亿", origin: .standalone(name: "e"), environment: TypeEnvironment())
        #expect(compiled.constantValue == .boolean(true))
        #expect(compiled.variables.isEmpty)
        let rule = try Fixture.compile("product.balance_cap <= 10万 * 2")
        #expect(rule.constantValue == nil)
        #expect(rule.variables == ["product"])
        #expect(errors("1 / (2 - 2)") == ["expr:1:3: error: division by zero"])
        #expect(errors("1 year < 365 days + 1 day") == [
            "expr:1:8: error: cannot compare 12 months with 366 days: 12 months is 365 to 366 days depending on the calendar | hint: compare months with months or days with days",
        ])
        #expect(show("1 year <= 366 days") == "true")
        #expect(errors("product.term.max <= 1 year + 2 days", environment: Fixture.environment) == [
            "expr:1:28: error: cannot add a duration in months and a duration in days | hint: a month is 28 to 31 days; keep to one unit",
        ])
        #expect(errors("as_of - lender.financials.as_of <= 1 year", environment: Fixture.environment) == [
            "expr:1:33: error: cannot compare a duration in days with a duration in months | hint: a month is 28 to 31 days (12 months are 365 or 366); compare months with months or days with days",
        ])
    }

    @Test func readsDocumentValues() {
        #expect(Fixture.evaluate("product.balance_cap / lender.financials.net_assets").value?.displayText == "0.015%")
        #expect(Fixture.evaluate("sum(product.funding, f => f.share)").value?.displayText == "100%")
        #expect(Fixture.evaluate("product.funding[1].institution.id").value == .string("mlc-a"))
        #expect(Fixture.evaluate("lender.type == 'microlender'").isTrue)
        #expect(Fixture.evaluate("lender.type in ['microlender', 'online-microlender']").isTrue)
        #expect(Fixture.evaluate("CN-GX in product.regions").isTrue)
        #expect(Fixture.evaluate("as_of - lender.financials.as_of").value == .duration(.days(326)))
        #expect(Fixture.evaluate("product.term.max <= 731 days").isTrue)
        #expect(Fixture.evaluate("product.term.max > 729 days").isTrue)
        #expect(Fixture.evaluate("product.term.max < 730 days").isFalse)
        #expect(Fixture.evaluate("product.term.max == 90 days").isFalse)
        #expect(Fixture.evaluate("product.term.max < 2 years + 1 month").isTrue)
    }

    @Test func runtimeDurationComparisonThatDependsOnTheCalendarIsAnError() {
        guard case .error(let diagnostic) = Fixture.evaluate("product.term.max <= 730 days") else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.message == "cannot compare 24 months with 730 days: 24 months is 730 to 731 days depending on the calendar")
        #expect(diagnostic.location == SourceLocation(file: "pack.yaml", line: 7, column: 31))
    }

    @Test func divisionByZeroIsAnErrorValue() {
        guard case .error(let diagnostic) = Fixture.evaluate("product.balance_cap / (product.balance_cap - 30万) > 100%") else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.message == "division by zero")
        #expect(diagnostic.location == SourceLocation(file: "pack.yaml", line: 7, column: 34))
        // A decided `and` absorbs the error, as in CEL.
        #expect(Fixture.evaluate("false and product.balance_cap / (product.balance_cap - 30万) > 100%").isFalse)
    }

    @Test func overflowIsAnErrorValue() {
        let big = "99999999999999999999999999999999999999"
        let text = "product.balance_cap * \(big) * \(big) * \(big) * \(big) * \(big) > 0"
        #expect(Fixture.evaluate(text).problem == "arithmetic overflow (more than 38 significant digits or out of range)")
        #expect(Fixture.evaluate("count(product.regions) * 9223372036854775807 > 0").problem == "integer overflow")
    }

    @Test func hugeDurationsAreErrorsNotCrashes() {
        #expect(show("2024-01-01 + 9223372036854775807 days") == "expr:1:12: error: date out of range (years 1 to 9999)")
        #expect(show("9999-12-31 + 1 day") == "expr:1:12: error: date out of range (years 1 to 9999)")
        #expect(show("9223372036854775807 months > 1 day") == "true")
        #expect(show("2 * 9223372036854775807 days") == "expr:1:3: error: duration overflow")
    }

    @Test func indexOutOfRangeAndMissingBindings() throws {
        #expect(Fixture.evaluate("product.funding[5].share >= 30%").problem
            == "index 5 is out of range for 'product.funding' (2 elements)")
        #expect(Fixture.evaluate("min(filter(product.funding, f => f.share > 99%), f => f.share)").problem != nil)
        guard case .error(let diagnostic) = try Fixture.compile("product.balance_cap > 0").evaluate(Bindings()) else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.message == "no value is bound to 'product'")
    }

    /// A compiled field read remembers where the field was in the last record; records of another shape
    /// (optional fields absent, so the field sits elsewhere) must still get their own value.
    @Test func oneCompiledFieldReadServesRecordsOfEveryShape() throws {
        let compiled = try Fixture.compile("lender.financials.total_loans")
        func lender(_ fields: [String: Value]) -> Bindings {
            var financials = fields
            financials["as_of"] = .date(CivilDate(year: 2024, month: 12, day: 31) ?? CivilDate(dayNumber: 0))
            let record = Record(type: "Institution", fields: ["financials": .record(Record(type: "Financials", fields: financials))])
            return Bindings(["lender": .record(record)])
        }
        let shapes: [([String: Value], String?)] = [
            (["total_loans": Fixture.money("5亿")], "¥500,000,000"),
            (["net_assets": Fixture.money("1亿"), "tier1_capital_net": Fixture.money("2亿"), "total_loans": Fixture.money("3亿")], "¥300,000,000"),
            (["net_assets": Fixture.money("1亿")], nil),
            (["total_loans": Fixture.money("4亿")], "¥400,000,000"),
            (["tier1_capital_net": Fixture.money("2亿"), "total_loans": Fixture.money("7亿")], "¥700,000,000"),
        ]
        for _ in 0..<2 {
            for (fields, expected) in shapes {
                let evaluation = compiled.evaluate(lender(fields))
                if let expected {
                    #expect(evaluation.value?.displayText == expected)
                } else if case .unknown(let missing) = evaluation {
                    #expect(missing.map(\.path) == ["lender.financials.total_loans"])
                } else {
                    Issue.record("expected unknown, got \(evaluation)")
                }
            }
        }
    }
}
