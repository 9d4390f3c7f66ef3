import Diagnostics
import RuleLanguage
import Testing

@Suite struct SyntaxTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("10 - 4 - 3", "3"), ("2 × 3 ÷ 4", "1.5"), ("-2 * 3", "-6"),
        ("not true and false", "false"), ("not (true and false)", "true"), ("not 1 == 2", "true"),
        ("true or false and false", "true"), ("!false && true", "true"), ("false || ¬false", "true"),
        ("if 1 < 2 then 'a' else 'b'", "a"), ("1 > 2 ? 10万 : 20万", "¥200,000"), ("3 ≤ 3", "true"), ("3 ≥ 4", "false"),
        ("3 ≠ 4", "true"), ("2 in [1, 2]", "true"), ("2 not in [1, 2]", "false"), ("3 ∉ [1, 2]", "true"),
        ("[CN-GD] ⊆ [CN-GD, CN-GX]", "true"), ("[1, 2] subset [2]", "false"), ("[10, 20][1]", "20"),
        ("'it\\'s'", "it's"), ("\"x\"", "x"), ("2024-12-31", "2024-12-31"), ("2024 - 12 - 31", "1981"),
        ("CN-GD", "CN-GD"), ("12个月 == 1年", "true"), ("90天", "90 days"), ("日息0.05%", "0.05% per day"),
        ("年化18%", "18% per year"), ("0.05%/day", "0.05% per day"), ("1.5% per month", "1.5% per month"),
        ("10亿元", "¥1,000,000,000"), ("¥200000", "¥200,000"), ("200000元", "¥200,000"), ("1.2万亿", "¥1,200,000,000,000"),
    ])
    func evaluates(text: String, expected: String) {
        #expect(show(text) == expected)
    }

    @Test func comparisonChainsAreRejected() {
        #expect(errors("1 < 2 < 3") == [
            "expr:1:7: error: comparison operators cannot be chained | hint: compare two values at a time, e.g. a < b and b < c",
        ])
        #expect(errors("1 == 1 == true").count == 1)
    }

    @Test(arguments: [
        ("1 +", "expr:1:4: error: expected an expression, found the end of the expression"),
        ("(1 + 2", "expr:1:7: error: expected ')', found the end of the expression"),
        ("1 = 1", "expr:1:3: error: unexpected character '=' | hint: use == to compare"),
        ("a & b", "expr:1:3: error: unexpected character '&' | hint: write && or and"),
        ("1 2", "expr:1:3: error: unexpected '2' after the end of the expression | hint: an operator is missing before it"),
        ("'abc", "expr:1:1: error: unterminated string | hint: close it with '"),
        ("20k", "expr:1:3: error: unknown unit 'k' after the number 20 | hint: units are 万, 亿, 元, %, days, months and years (e.g. 20万, 30%, 12 months)"),
        ("2023-02-29", "expr:1:9: error: day 29 does not exist: 2023 is not a leap year"),
        ("CN-GQ", "expr:1:1: error: unknown province 'CN-GQ' | hint: did you mean 'CN-GD' (广东)?"),
        ("0.05% per week", "expr:1:11: error: unknown rate period 'week' | hint: a rate is per day, per month or per year"),
        ("if true then 1", "expr:1:15: error: expected 'else' (an if needs both branches), found the end of the expression"),
        ("[1, 2", "expr:1:6: error: expected ',' or ']' in the list, found the end of the expression"),
        ("x.y(1)", "expr:1:4: error: only built-in functions can be called | hint: write functions before their arguments, e.g. count(product.funding)"),
        ("（1）", "expr:1:1: error: unexpected character '（' | hint: use ASCII parentheses ( )"),
        ("1" + String(repeating: "0", count: 40), "expr:1:1: error: number has more than 38 significant digits | hint: shorten the number (it is not rounded silently)"),
    ])
    func syntaxErrors(text: String, expected: String) {
        #expect(errors(text) == [expected])
    }

    @Test func columnsCountUnicodeScalarsAndFollowTheOrigin() {
        // A block scalar starting on line 7, column 14; continuation lines are indented to column 5.
        let origin = EmbeddedTextOrigin(file: "pack.yaml", line: 7, column: 14, continuationColumn: 5)
        #expect(errors("20万 +\n  30% +\n  'x' = 1", origin: origin) == [
            "pack.yaml:9:11: error: unexpected character '=' | hint: use == to compare",
        ])
        #expect(errors("1 +\r\n2 +\r3 = 4", origin: origin) == [
            "pack.yaml:9:7: error: unexpected character '=' | hint: use == to compare",
        ])
    }
}
