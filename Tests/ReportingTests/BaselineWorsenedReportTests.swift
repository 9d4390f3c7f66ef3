import Compliance
import Foundation
import Reporting
import Testing

/// A finding accepted by the baseline whose value got worse is shown as `worsened` with the accepted and
/// the current value in every format, and SARIF marks it `updated`.
@Suite struct BaselineWorsenedReportTests {
    /// weili-consumer's credit line raised from 30万 (accepted) to 40万.
    static func report(language: ReportLanguage = .en) throws -> AuditReport {
        let before = try ReportFixture.report()
        let baseline = Baseline(findings: before.findings, asOf: "2025-11-22")
        var files = ReportFixture.files
        files[1] = ("products/weili.yaml", ReportFixture.product(id: "weili-consumer", name: "微粒消费贷", creditLineMax: "40万"))
        return try ReportFixture.report(files, language: language, baseline: baseline)
    }

    @Test func everyFormatShowsTheOldAndTheNewValue() throws {
        let report = try Self.report()
        #expect(report.fails(at: .error))
        let text = ReportRenderer.render(report, format: .text)
        #expect(text.contains("\n  baseline: worsened (baseline ¥300,000, now ¥400,000)\n"))
        #expect(text.hasSuffix("1 error, 0 warnings, 0 info, 0 cannot evaluate, 1 waived; baseline: 0 new, 1 worsened, 0 updated, 0 persisting, fixed: 0\n"))
        let github = ReportRenderer.render(report, format: .github, options: ReportOptions(sourceRoot: "/repo"))
        #expect(github.contains("%0Abaseline: worsened (baseline ¥300,000, now ¥400,000)"))
        let junit = ReportRenderer.render(report, format: .junit)
        #expect(junit.contains("\n  baseline: worsened (baseline ¥300,000, now ¥400,000)\n"))
        let markdown = ReportRenderer.render(report, format: .markdown)
        #expect(markdown.contains("| 0 | 1 | 0 | 0 | 0 |\n"))
        #expect(markdown.contains("| worsened (baseline ¥300,000, now ¥400,000) |\n"))
        let html = ReportRenderer.render(report, format: .html)
        #expect(html.contains("<dd>worsened (baseline ¥300,000, now ¥400,000)</dd>"))
        #expect(html.contains("data-baseline=\"worsened\">1</td>"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportRenderer.render(report, format: .json).utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["baseline"] as? String == "worsened")
        #expect(finding["baselineActual"] as? String == "¥300,000")
        #expect((finding["evidence"] as? [String: Any])?["actual"] as? String == "¥400,000")
        let comparison = try #require(json["baseline"] as? [String: Any])
        #expect(comparison["new"] as? Int == 0 && comparison["worsened"] as? Int == 1 && comparison["updated"] as? Int == 0
            && comparison["persisting"] as? Int == 0)

        let sarif = try SARIFShape.decode(ReportRenderer.render(report, format: .sarif, options: ReportOptions(sourceRoot: "/repo")))
        #expect(sarif.runs.first?.results.map { $0.baselineState ?? "-" } == ["updated", "-"])
    }

    @Test func chineseLabels() throws {
        let html = ReportRenderer.render(try Self.report(language: .zh), format: .html)
        #expect(html.contains("<dd>变差（基线 ¥300,000，现为 ¥400,000）</dd>"))
    }
}
