import Compliance
import Foundation
@testable import Reporting
import Testing

/// `--lang zh` in the Markdown and HTML reports: amounts read in 万 and 亿 beside the figure, parameters
/// and evidence labelled in Chinese, institution types named.
@Suite struct ChineseReportTests {
    @Test func markdownEvidenceAndParametersInChinese() throws {
        let markdown = ReportRenderer.render(try ReportFixture.report(language: .zh), format: .markdown)
        #expect(markdown.contains("实际 ¥300,000（30万元），要求 ≤ ¥200,000（20万元）<br>credit\\_line\\_cap = ¥200,000（20万元）（自 2020-07-17 起，商业银行互联网贷款管理暂行办法 第六条）"))
        #expect(markdown.contains("| `nb` | 某全国性股份制银行 | `national-bank（全国性银行）` |"))
        #expect(!markdown.contains("actual ") && !markdown.contains("(from "))
    }

    @Test func htmlEvidenceParametersAndTypesInChinese() throws {
        let html = ReportRenderer.render(try ReportFixture.report(language: .zh), format: .html)
        #expect(html.contains("实际值 <strong class=\"actual\">¥300,000（30万元）</strong>；要求 <strong class=\"required\">≤ ¥200,000（20万元）</strong>"))
        #expect(html.contains("<dd>credit_line_cap = ¥200,000（20万元）（自 2020-07-17 起，商业银行互联网贷款管理暂行办法 第六条）</dd>"))
        #expect(html.contains("<p class=\"subject-meta\">文件: <code>institutions/banks.yaml</code> · 类型: <code>national-bank（全国性银行）</code></p>"))
        #expect(html.contains("<p class=\"message\">单户个人信用消费贷款授信额度为 ¥300,000（30万元），应 ≤ ¥200,000（20万元）</p>"))
    }

    @Test func englishReportsAreUnchanged() throws {
        let report = try ReportFixture.report()
        let text = ReportRenderer.render(report, format: .text)
        #expect(text.contains("  evidence: actual ¥300,000, required ≤ ¥200,000\n"))
        #expect(!text.contains("万元"))
        // The machine formats keep English labels and plain figures even for a zh report.
        let sarif = ReportRenderer.render(try ReportFixture.report(language: .zh), format: .sarif)
        #expect(!sarif.contains("（30万元）"))
    }
}
