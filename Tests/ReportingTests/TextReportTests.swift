import Compliance
import Foundation
@testable import Reporting
import Testing

@Suite struct TextReportTests {
    @Test func theFixtureReportLineByLine() throws {
        let report = try ReportFixture.report()
        let text = ReportRenderer.render(report, format: .text)
        let expected = """
        loancheck 0.9.0-test — as of 2025-11-22 — 1 pack, 6 documents

        products/legacy.yaml:8:30: error[CN-BANK-CREDIT-LINE]: the credit line per borrower is ¥500,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          8 | credit_line: {min: 500, max: 50万}
            |                              ^
          subject: LoanProduct legacy-loan, credit_line.max
          evidence: actual ¥500,000, required ≤ ¥200,000
          detail: product.credit_line.max = ¥500,000 > ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)
          waived by 合规部 (苏金复〔2022〕15号) until 2026-06-30: 存量业务自然到期

        products/weili.yaml:8:30: error[CN-BANK-CREDIT-LINE]: the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          8 | credit_line: {min: 500, max: 30万}
            |                              ^
          subject: LoanProduct weili-consumer, credit_line.max
          evidence: actual ¥300,000, required ≤ ¥200,000
          detail: product.credit_line.max = ¥300,000 > ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)

        1 error, 0 warnings, 0 info, 0 cannot evaluate, 1 waived

        """
        #expect(text == expected)
    }

    @Test func messagesAndRegulationNamesFollowTheReportLanguage() throws {
        let report = try ReportFixture.report(language: .zh)
        let lines = ReportRenderer.render(report, format: .text).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("products/weili.yaml:8:30: 错误[CN-BANK-CREDIT-LINE]: 单户个人信用消费贷款授信额度为 ¥300,000（30万元），应 ≤ ¥200,000（20万元）"))
        #expect(lines.contains("  依据：商业银行互联网贷款管理暂行办法（中国银保监会令2020年第9号） 第六条（2020-07-17 生效）（条款编号未核实）"))
    }

    /// `--lang zh`: every label of the text report is Chinese, amounts are read in 万 and 亿 beside the figure.
    @Test func aChineseTextReportHasChineseLabelsAndAmounts() throws {
        let report = try ReportFixture.report(language: .zh)
        let text = ReportRenderer.render(report, format: .text)
        #expect(text == """
            loancheck 0.9.0-test — 基准日 2025-11-22 — 1 个规则包，6 个文档

            products/legacy.yaml:8:30: 错误[CN-BANK-CREDIT-LINE]: 单户个人信用消费贷款授信额度为 ¥500,000（50万元），应 ≤ ¥200,000（20万元）
              8 | credit_line: {min: 500, max: 50万}
                |                              ^
              对象：贷款产品 legacy-loan，credit_line.max
              证据：实际 ¥500,000（50万元），要求 ≤ ¥200,000（20万元）
              说明：product.credit_line.max = ¥500,000（50万元） > ¥200,000（20万元） (param.credit_line_cap)
              参数：credit_line_cap = ¥200,000（20万元）（自 2020-07-17 起，商业银行互联网贷款管理暂行办法 第六条）
              依据：商业银行互联网贷款管理暂行办法（中国银保监会令2020年第9号） 第六条（2020-07-17 生效）（条款编号未核实）
              已由 合规部（苏金复〔2022〕15号） 豁免，有效期至 2026-06-30：存量业务自然到期

            products/weili.yaml:8:30: 错误[CN-BANK-CREDIT-LINE]: 单户个人信用消费贷款授信额度为 ¥300,000（30万元），应 ≤ ¥200,000（20万元）
              8 | credit_line: {min: 500, max: 30万}
                |                              ^
              对象：贷款产品 weili-consumer，credit_line.max
              证据：实际 ¥300,000（30万元），要求 ≤ ¥200,000（20万元）
              说明：product.credit_line.max = ¥300,000（30万元） > ¥200,000（20万元） (param.credit_line_cap)
              参数：credit_line_cap = ¥200,000（20万元）（自 2020-07-17 起，商业银行互联网贷款管理暂行办法 第六条）
              依据：商业银行互联网贷款管理暂行办法（中国银保监会令2020年第9号） 第六条（2020-07-17 生效）（条款编号未核实）

            1 项错误、0 项警告、0 项提示、0 项无法评估，1 项已豁免

            """)
    }

    @Test func chineseReadingsOfAmountsProvincesAndCodes() {
        #expect(ChineseAmounts.reading("800000000") == "8亿元")
        #expect(ChineseAmounts.reading("200,000") == "20万元")
        #expect(ChineseAmounts.reading("123,456,789") == "12345.6789万元")
        #expect(ChineseAmounts.reading("1,230,000,000") == "12.3亿元")
        #expect(ChineseAmounts.reading("50,000.01") == "5.000001万元")
        #expect(ChineseAmounts.reading("9,999") == nil)
        #expect(ChineseAmounts.annotate("余额为 ¥1,300,000,000，应 ≤ ¥200,000.") == "余额为 ¥1,300,000,000（13亿元），应 ≤ ¥200,000（20万元）.")
        #expect(ChineseAmounts.annotate(ChineseAmounts.annotate("¥300,000")) == "¥300,000（30万元）")
        #expect(ChineseNames.annotateProvinces("[CN-GD, CN-HN]，要求 = CN-XX") == "[CN-GD（广东省）, CN-HN（湖南省）]，要求 = CN-XX")
        #expect(ChineseNames.annotateCode("upfront-deduction", path: "pricing.fees[0].collected") == "upfront-deduction（放款时预先扣除）")
        #expect(ChineseNames.labelled("online-microlender", field: "type") == "online-microlender（网络小额贷款公司）")
        #expect(ChineseNames.labelled("business", field: "purpose") == "business（经营）")
        #expect(ChineseNames.durations("期限为 18 months，应 ≤ 12 months；1 day, 2 years, 90 daysx, 1.5 months")
            == "期限为 18个月，应 ≤ 12个月；1天, 2年, 90 daysx, 1.5 months")
    }

    @Test func colourOnlyWhenAsked() throws {
        let report = try ReportFixture.report()
        let plain = ReportRenderer.render(report, format: .text, options: ReportOptions(useColor: false))
        #expect(!plain.contains("\u{1B}"))
        let coloured = ReportRenderer.render(report, format: .text, options: ReportOptions(useColor: true))
        #expect(coloured.contains("products/weili.yaml:8:30: \u{1B}[1;31merror\u{1B}[0m[CN-BANK-CREDIT-LINE]: the credit line"))
        // A waived finding does not count, so its severity is not highlighted.
        #expect(coloured.contains("products/legacy.yaml:8:30: error[CN-BANK-CREDIT-LINE]: the credit line"))
        #expect(coloured.contains("    |                              \u{1B}[1;31m^\u{1B}[0m\n"))
    }

    @Test func draftPackTransitionCannotEvaluateAndParameterHistory() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory])
        let text = ReportRenderer.render(report, format: .text)
        #expect(text.hasPrefix("loancheck 0.9.0-test — as of 2026-06-15 — 2 packs, 6 documents\n"))
        #expect(text.contains("""
        products/weili.yaml:1:1: warning[TEST-INCOME-CAP]: cannot evaluate: missing product.income_cap
          1 | kind: LoanProduct
            | ^
          subject: LoanProduct weili-consumer, income_cap
          evidence: actual missing, required product.income_cap <= 1/3
          citation: Test Measures 第一条 (effective 2020-01-01)
          note: transition until 2030-01-01; draft, not in force

        """))
        #expect(text.contains("""
        products/weili.yaml:13:18: warning[TEST-RATE-LPR]: the APR is 18%; it must be ≤ 12%
          13 |   disclosed_apr: 18%
             |                  ^
          subject: LoanProduct weili-consumer, pricing.disclosed_apr
          evidence: actual 18%, required ≤ 12%
          detail: product.pricing.disclosed_apr = 18% > 12% (4 * param.lpr_1y)
          parameter: lpr_1y = 3% (from 2025-05-20)
          citation: Test Measures 第二条 (effective 2020-08-20)
          note: draft, not in force

        """))
        // The waiver expires within 30 days: an info notice pointing at its `expires:` line, last in its file.
        #expect(text.contains("""
        waivers/legacy.yaml:7:10: info[CN-BANK-CREDIT-LINE]: the waiver expires on 2026-06-30 (in 15 days)
          7 | expires: 2026-06-30
            |          ^
          subject: LoanProduct legacy-loan

        """))
        #expect(text.hasSuffix("\n1 error, 4 warnings, 1 info, 4 cannot evaluate, 1 waived\n"))
    }

    @Test func groupedPerFileInPathOrderThenLine() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory])
        let heads = ReportRenderer.render(report, format: .text).split(separator: "\n")
            .filter { $0.hasPrefix("products/") || $0.hasPrefix("waivers/") }
            .map { $0.prefix { $0 != "]" } }
        #expect(heads == [
            "products/legacy.yaml:1:1: warning[TEST-INCOME-CAP", "products/legacy.yaml:8:30: error[CN-BANK-CREDIT-LINE",
            "products/legacy.yaml:13:18: warning[TEST-RATE-LPR", "products/mlc.yaml:1:1: warning[TEST-INCOME-CAP",
            "products/mlc.yaml:13:18: warning[TEST-RATE-LPR", "products/ok.yaml:1:1: warning[TEST-INCOME-CAP",
            "products/ok.yaml:13:18: warning[TEST-RATE-LPR", "products/weili.yaml:1:1: warning[TEST-INCOME-CAP",
            "products/weili.yaml:8:30: error[CN-BANK-CREDIT-LINE", "products/weili.yaml:13:18: warning[TEST-RATE-LPR",
            "waivers/legacy.yaml:7:10: info[CN-BANK-CREDIT-LINE",
        ])
    }

    @Test func anExpiredWaiverNoLongerHidesItsFinding() throws {
        let report = try ReportFixture.report(asOf: "2026-07-01")
        let text = ReportRenderer.render(report, format: .text)
        #expect(text.contains("""
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)
          waiver expired after 2026-06-30 (approved by 合规部, 苏金复〔2022〕15号): 存量业务自然到期

        """))
        #expect(text.hasSuffix("\n2 errors, 0 warnings, 0 info, 0 cannot evaluate, 0 waived\n"))
    }

    @Test func baselineStatesAndFixedEntries() throws {
        let report = try BaselineFixture.report()
        let text = ReportRenderer.render(report, format: .text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == "  baseline: new" }.count == 1)
        #expect(lines.filter { $0 == "  baseline: persisting" }.count == 1)
        #expect(text.contains("""

        fixed since the baseline:
          CN-BANK-CREDIT-LINE LoanProduct/gone-loan credit_line.max (products/gone.yaml)

        2 errors, 0 warnings, 0 info, 0 cannot evaluate, 1 waived; baseline: 1 new, 0 worsened, 0 updated, 1 persisting, fixed: 1

        """))
    }

    @Test func aRemovedDocumentIsNotFixed() throws {
        let report = try BaselineFixture.report(removeFixed: true)
        #expect(report.baseline?.fixed.isEmpty == true)
        #expect(report.baseline?.removed.map(\.subject) == ["LoanProduct/gone-loan"])
        let text = ReportRenderer.render(report, format: .text)
        #expect(text.contains("""

        in the baseline, about documents no longer audited (removed, not fixed):
          CN-BANK-CREDIT-LINE LoanProduct/gone-loan credit_line.max (products/gone.yaml)

        2 errors, 0 warnings, 0 info, 0 cannot evaluate, 1 waived; baseline: 1 new, 0 worsened, 0 updated, 1 persisting, fixed: 0, removed: 1

        """))
    }

    @Test func noFindings() throws {
        let files = [("institutions/banks.yaml", ReportFixture.banks),
                     ("products/ok.yaml", ReportFixture.product(id: "ok-loan", name: "合规消费贷", creditLineMax: "20万"))]
        let report = try ReportFixture.report(files)
        #expect(ReportRenderer.render(report, format: .text) == """
        loancheck 0.9.0-test — as of 2025-11-22 — 1 pack, 3 documents

        0 errors, 0 warnings, 0 info, 0 cannot evaluate, 0 waived

        """)
    }
}

/// A report against a baseline: `weili-consumer` persists, `ok-loan` is new (now over the cap),
/// `gone-loan` was fixed (its line cut to 20万), `legacy-loan` stays waived (outside the baseline's scope);
/// with `removeFixed`, `gone-loan` is deleted instead, so its entry is "removed", not "fixed".
enum BaselineFixture {
    static func report(language: ReportLanguage = .en, removeFixed: Bool = false) throws -> AuditReport {
        let before = try ReportFixture.report(ReportFixture.files + [
            ("products/gone.yaml", ReportFixture.product(id: "gone-loan", name: "已下架", creditLineMax: "40万")),
        ])
        let baseline = Baseline(findings: before.findings, asOf: "2025-11-22")
        var files = ReportFixture.files
        files[3] = ("products/ok.yaml", ReportFixture.product(id: "ok-loan", name: "合规消费贷", creditLineMax: "25万"))
        if !removeFixed {
            files.append(("products/gone.yaml", ReportFixture.product(id: "gone-loan", name: "已下架", creditLineMax: "20万")))
        }
        return try ReportFixture.report(files, language: language, baseline: baseline)
    }
}
