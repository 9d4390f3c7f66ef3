import Diagnostics
import Testing

/// `--lang zh`: the labels and the catalogued messages, hints and notes in Chinese, quoted input kept,
/// anything not catalogued left in English.
@Suite struct ChineseDiagnosticsTests {
    @Test func aDiagnosticRenderedInChinese() {
        var sources = SourceTexts()
        sources.add(file: "a.yaml", text: "kind: LoanProduct\nid: a\nid: b\n")
        let diagnostic = Diagnostic.error(
            "duplicate key 'id'", at: SourceLocation(file: "a.yaml", line: 3, column: 1), hint: "remove one of them or rename it",
            notes: [.init("first defined here", at: SourceLocation(file: "a.yaml", line: 2, column: 1))])
        #expect(DiagnosticRenderer(sources: sources, chinese: true).render(diagnostic) == """
            a.yaml:3:1: 错误: 重复的键 'id'
              3 | id: b
                | ^
              注: a.yaml:2:1: 首次定义于此
              提示: 删除其中一个，或改名

            """)
    }

    @Test(arguments: [
        ("unknown field 'credit_lin' in LoanProduct", "贷款产品中有未知字段 'credit_lin'"),
        ("missing required field 'lender' in Institution", "机构缺少必填字段 'lender'"),
        ("duplicate key 'id'", "重复的键 'id'"),
        ("'local-bnk' is not a valid value for 'type'", "'local-bnk' 不是字段 'type' 的有效取值"),
        ("a percentage needs a % sign", "百分比需要 % 符号"),
        ("a rate needs a % sign and a period", "利率需要 % 符号和计息周期"),
        ("unknown province '广州'", "未知的省级行政区 '广州'"),
        ("unknown duration unit 'weeks'", "未知的期限单位 'weeks'"),
        ("expected an amount of money, found 'abc'", "应为金额，实际为 'abc'"),
        ("an amount of money cannot be negative", "金额不能为负数"),
        ("merge keys ('<<') are not supported", "不支持合并键（'<<'）"),
        ("unknown document kind 'LoanProdct'", "未知的文档类型 'LoanProdct'"),
        ("unknown reference in 'lender': no Institution with id 'bank-b' is loaded", "'lender' 引用了未知对象：未加载 id 为 'bank-b' 的机构"),
        ("duplicate id 'p-1': already used by the LoanProduct in a.yaml", "重复的 id 'p-1'：已被 a.yaml 中的贷款产品使用"),
        ("funding shares add up to 99.99%, not 100%", "出资比例合计为 99.99%，而非 100%"),
        ("'credit_line.min' (¥300,000) is above 'credit_line.max' (¥200,000)", "'credit_line.min'（¥300,000）大于 'credit_line.max'（¥200,000）"),
    ])
    func messages(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    @Test(arguments: [
        ("did you mean 'credit_line'?", "是否想写 'credit_line'？"),
        ("did you mean '广东' (CN-GD)?", "是否想写 '广东'（CN-GD）？"),
        ("write 70%", "请写成 70%"),
        ("write 18% per year for the fraction 0.18, or 0.18% per year if you meant 0.18 percent (a rate may also be per month or per day)",
         "若 0.18 是小数，请写 18% per year；若指 0.18%，请写 0.18% per year（也可按月或按日计）"),
        ("add `name: <string>`", "请添加 `name: <string>`"),
        ("write the weeks as days, e.g. 14 days", "请把周换算成天，例如 14 days"),
    ])
    func hints(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    @Test func whatTheCatalogueDoesNotKnowStaysEnglish() {
        #expect(ChineseDiagnostics.translate("the ledger's as_of 2026-12-01 is after --as-of 2026-11-30")
            == "the ledger's as_of 2026-12-01 is after --as-of 2026-11-30")
        // A generic `write …` hint is translated only when it is a value to type, not a sentence.
        #expect(ChineseDiagnostics.translate("write something else entirely") == "write something else entirely")
    }
}
