import Diagnostics
import Foundation
import RuleLanguage
import Testing

@Suite struct UnitParserMoneyTests {
    @Test(arguments: [
        ("200000", "200000"), ("200000.50", "200000.5"), ("200,000", "200000"), ("1,234,567.89", "1234567.89"),
        ("20万", "200000"), ("1.5亿", "150000000"), ("1.2万亿", "1200000000000"), ("10亿元", "1000000000"),
        ("¥200,000", "200000"), ("￥200000", "200000"), ("CNY 200000", "200000"), ("CNY200000", "200000"),
        ("200000 CNY", "200000"), ("200000元", "200000"), ("RMB 5000", "5000"), ("  500  ", "500"), ("0", "0"),
        ("¥20万", "200000"), ("1,000万", "10000000"),
    ])
    func accepts(text: String, expected: String) throws {
        #expect(try UnitParser.money(text) == decimal(expected))
    }

    @Test func keepsEveryDigit() throws {
        #expect(try UnitParser.money("12345678901234567890.123456789") == decimal("12345678901234567890.123456789"))
    }

    @Test(arguments: [
        ("-5000", "an amount of money cannot be negative", "write it without a minus sign", 0),
        ("¥-5000", "an amount of money cannot be negative", "write it without a minus sign", 1),
        ("20,0000", "misplaced thousands separator ','", "group digits in threes, e.g. 200,000", 2),
        ("2000,000", "misplaced thousands separator ','", "group digits in threes, e.g. 200,000", 4),
        ("200,00", "misplaced thousands separator ','", "group digits in threes, e.g. 200,000", 3),
        ("$100", "'$' is not yuan; amounts are in CNY", "convert the amount to yuan", 0),
        ("100 USD", "'USD' is not yuan; amounts are in CNY", "convert the amount to yuan", 4),
        ("20k", "unknown unit 'k' in an amount of money", "write 20000 or 20千 as a plain number", 2),
        ("20w", "unknown unit 'w' in an amount of money", "write 20万", 2),
        ("¥200元", "currency written twice ('¥' and '元')", "write either ¥200,000 or 200000元", 4),
        ("", "expected an amount of money", "write e.g. 200000, 20万 or ¥200,000", 0),
        ("abc", "expected an amount of money, found 'abc'", "write e.g. 200000, 20万 or ¥200,000", 0),
        ("200，000", "unexpected '，' in an amount", "use ',' to group digits: 200,000", 3),
    ])
    func rejects(text: String, message: String, hint: String, offset: Int) {
        #expect(throws: UnitError(message, hint: hint, offset: offset)) { try UnitParser.money(text) }
    }

    @Test func rejectsMoreThan38SignificantDigits() {
        let text = "1" + String(repeating: "0", count: 38)
        #expect(throws: UnitError("number has 39 significant digits; at most 38 are exact",
                                  hint: "shorten the number (it is not rounded silently)", offset: 0)) {
            try UnitParser.money(text)
        }
    }

    @Test func errorMapsToFileColumn() {
        do {
            _ = try UnitParser.money("20,0000")
            Issue.record("expected an error")
        } catch {
            let diagnostic = error.diagnostic(in: "20,0000", origin: EmbeddedTextOrigin(file: "p.yaml", line: 9, column: 12))
            #expect(diagnostic.location == SourceLocation(file: "p.yaml", line: 9, column: 14))
            #expect(diagnostic.message == "misplaced thousands separator ','")
            #expect(diagnostic.hints == ["group digits in threes, e.g. 200,000"])
        }
    }
}
