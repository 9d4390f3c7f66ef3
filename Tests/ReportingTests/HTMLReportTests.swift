import Compliance
import Foundation
@testable import Reporting
import Testing

/// Small structural queries on rendered HTML (the renderer's own output, so regular expressions suffice).
enum HTMLProbe {
    /// The offset of the first occurrence of `needle`, or nil.
    static func offset(of needle: String, in html: String) -> Int? {
        html.range(of: needle).map { html.distance(from: html.startIndex, to: $0.lowerBound) }
    }

    /// The levels of the headings in document order.
    static func headingLevels(_ html: String) -> [Int] {
        html.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.output.1) }
    }

    /// The opening tags named `tag`.
    static func tags(_ tag: String, in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<\(tag)") {
            let after = rest[start.upperBound...]
            guard let first = after.first, first == " " || first == ">" else { rest = after; continue }
            guard let end = after.firstIndex(of: ">") else { break }
            result.append(String(rest[start.lowerBound...end]))
            rest = rest[after.index(after: end)...]
        }
        return result
    }

    /// The value of `attribute` in an opening tag.
    static func attribute(_ attribute: String, of tag: String) -> String? {
        guard let start = tag.range(of: " \(attribute)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The `data-state` of the matrix cell of `rule` on `subject`.
    static func cellState(rule: String, subject: String, in html: String) -> String? {
        tags("g", in: html).first { tag in
            attribute("data-rule", of: tag) == rule && attribute("data-subject", of: tag) == subject && tag.contains("class=\"cell\"")
        }.flatMap { attribute("data-state", of: $0) }
    }
}

@Suite struct HTMLReportTests {
    private func html(_ report: AuditReport) -> String { ReportRenderer.render(report, format: .html) }

    /// The default fixture with a second, closed product (exempt), the reporting test pack (draft
    /// pack, transition, cannot evaluate, parameter history), rendered at `asOf`.
    private func richReport(asOf: String = "2026-06-15", language: ReportLanguage = .en) throws -> AuditReport {
        let rules = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        var files = ReportFixture.files
        files.append(("products/closed.yaml", ReportFixture.product(id: "closed-loan", name: "已停售消费贷", creditLineMax: "50万")
            + "status: closed\nclosed_on: 2019-01-01\n"))
        return try ReportFixture.report(files, asOf: asOf, language: language, extraRules: [rules])
    }

    @Test func aDocumentWithTheSectionsInOrder() throws {
        let html = html(try ReportFixture.report())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<title>loancheck compliance report — as of 2025-11-22</title>"))
        #expect(html.hasSuffix("</section>\n</main>\n</body>\n</html>\n"))
        let offsets = ["cover", "summary", "findings", "appendix", "stamp"].map {
            HTMLProbe.offset(of: "<section id=\"\($0)\"", in: html)
        }
        #expect(offsets.allSatisfy { $0 != nil })
        let found = offsets.compactMap { $0 }
        #expect(found == found.sorted())
        // The table of contents links every section.
        for id in ["summary", "findings", "appendix", "stamp"] { #expect(html.contains("<a href=\"#\(id)\">")) }
    }

    @Test func headingsInOrderTablesWithCaptionsAndScopes() throws {
        let html = html(try richReport())
        let levels = HTMLProbe.headingLevels(html)
        #expect(levels.filter { $0 == 1 }.count == 1)
        #expect(levels.first == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1, "h\(previous) then h\(next)") }
        let tables = html.components(separatedBy: "<table").dropFirst()
        #expect(!tables.isEmpty)
        for table in tables { #expect(table.drop { $0 != ">" }.dropFirst().hasPrefix("\n<caption>")) }
        for th in HTMLProbe.tags("th", in: html) {
            let scope = HTMLProbe.attribute("scope", of: th)
            #expect(scope == "col" || scope == "row", "\(th)")
        }
    }

    @Test func selfContainedAndDeterministic() throws {
        let report = try richReport()
        let html = html(report)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link") && !html.contains("url("))
        #expect(!html.contains("@import"))
        for tag in HTMLProbe.tags("a", in: html) { #expect(HTMLProbe.attribute("href", of: tag)?.hasPrefix("#") == true) }
        #expect(html == self.html(report))
    }

    @Test func inputTextIsEscaped() throws {
        var files = ReportFixture.files
        // A product name, an institution name (fields without an id's restrictions), a waiver's reason and
        // approver, and a file name, all carrying markup.
        files[1] = ("products/<script>weili</script>.yaml",
                    ReportFixture.product(id: "weili-consumer", name: "<script>alert(1)</script>", creditLineMax: "30万"))
        files[0].1 = files[0].1.replacing("name: 某全国性股份制银行", with: "name: \"<img src=x onerror=alert(2)>\"")
        files[5].1 = ReportFixture.waiver.replacing("reason: 存量业务自然到期", with: "reason: \"<script>alert(3)</script> & \\\"q\\\"\"")
            .replacing("approved_by: 合规部", with: "approved_by: \"<b>合规部</b>\"")
        let html = html(try ReportFixture.report(files))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("Loan product &lt;script&gt;alert(1)&lt;/script&gt; <code>weili-consumer</code>"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt; &amp; \"q\""))
        #expect(html.contains("&lt;b&gt;合规部&lt;/b&gt;"))
        #expect(html.contains("<code>products/&lt;script&gt;weili&lt;/script&gt;.yaml</code>"))
        // In attributes too: the SVG cell titles and the subject's data attributes.
        #expect(html.contains("<title>weili-consumer — &lt;script&gt;alert(1)&lt;/script&gt;</title>"))
    }

    @Test func fragmentIdsAreSafeAndDistinct() {
        #expect(HTMLEscaping.fragment("subject", "LoanProduct-a-b") == "subject-LoanProduct-a-b")
        #expect(HTMLEscaping.fragment("x", "a_b") == "x-a_5Fb")
        #expect(HTMLEscaping.fragment("x", "a\"><script>") == "x-a_22_3E_3Cscript_3E")
        #expect(HTMLEscaping.fragment("x", "贷") == "x-_E8_B4_B7")
        #expect(HTMLEscaping.fragment("x", "a b") != HTMLEscaping.fragment("x", "a_20b"))
    }

    @Test func summaryCountsMatchTheReport() throws {
        let report = try richReport()
        let html = html(report)
        let summary = report.summary
        #expect(summary.error == 1 && summary.waived == 1 && summary.warning > 0)
        for (key, value) in [("error", summary.error), ("warning", summary.warning), ("info", summary.info), ("waived", summary.waived),
                             ("total", report.findings.count)] {
            #expect(html.contains("data-count=\"\(value)\" data-severity=\"\(key)\" id=\"count-\(key)\""), "\(key)")
        }
        // One article per finding, one bar per rule with its counts.
        #expect(HTMLProbe.tags("article", in: html).count == report.findings.count)
        let bars = HTMLProbe.tags("g", in: html).filter { $0.contains("class=\"bar\"") }
        let credit = try #require(bars.first { HTMLProbe.attribute("data-rule", of: $0) == "CN-BANK-CREDIT-LINE" })
        // weili-consumer's error, legacy-loan's waived error and the notice that its waiver expires soon.
        #expect(HTMLProbe.attribute("data-count", of: credit) == "3")
        #expect(HTMLProbe.attribute("data-error", of: credit) == "1")
        #expect(HTMLProbe.attribute("data-info", of: credit) == "1")
        #expect(HTMLProbe.attribute("data-waived", of: credit) == "1")
        // Counts by pack add up to all findings; the subject sections carry their own counts.
        #expect(html.contains("<tr data-pack=\"cn-bank-internet-lending-2020\">"))
        #expect(html.contains("data-subject=\"LoanProduct/weili-consumer\" data-count=\""))
        #expect(html.contains("<tr data-institution=\"nb\"><th scope=\"row\">某全国性股份制银行<br><code>nb</code></th>"
            + "<td class=\"num\" data-count=\"1\" data-severity=\"error\">1</td>"))
        // The cover: scope and packs with version and status.
        #expect(html.contains("data-institutions=\"2\" data-products=\"5\""))
        #expect(html.contains("<tr data-pack=\"test-reporting\" data-status=\"draft\">"))
        #expect(html.contains("<td class=\"status-draft\">draft, not in force</td>"))
    }

    @Test func chartsAreAccessibleImages() throws {
        let html = html(try richReport())
        let charts = HTMLProbe.tags("svg", in: html)
        #expect(charts.count == 2) // findings per rule, products × rules (no institution rules are loaded)
        for chart in charts {
            #expect(HTMLProbe.attribute("role", of: chart) == "img")
            let id = try #require(HTMLProbe.attribute("id", of: chart))
            #expect(HTMLProbe.attribute("aria-labelledby", of: chart) == id + "-title")
            #expect(html.contains(chart + "\n<title id=\"\(id)-title\">"))
            #expect(html.contains("<desc id=\"\(id)-desc\">"))
        }
        #expect(html.contains("<title id=\"chart-findings-per-rule-title\">Findings per rule</title>"))
        #expect(html.contains("<title id=\"matrix-LoanProduct-1-title\">Outcome per product and rule</title>"))
    }

    @Test func matrixCellStatesWithSymbolsAndLegend() throws {
        let html = html(try richReport())
        let expected: [(String, String, String)] = [
            ("CN-BANK-CREDIT-LINE", "weili-consumer", "fail"),
            ("CN-BANK-CREDIT-LINE", "legacy-loan", "waived"),
            ("CN-BANK-CREDIT-LINE", "ok-loan", "pass"),
            ("CN-BANK-CREDIT-LINE", "mlc-loan", "not-applicable"),
            ("CN-BANK-CREDIT-LINE", "closed-loan", "exempt-closed"),
            ("TEST-INCOME-CAP", "ok-loan", "cannot-evaluate"),
            ("TEST-RATE-LPR", "ok-loan", "warning"),
        ]
        for (rule, subject, state) in expected {
            #expect(HTMLProbe.cellState(rule: rule, subject: subject, in: html) == state, "\(rule) × \(subject)")
        }
        // Each cell draws its symbol, not only a colour.
        #expect(html.contains("<g class=\"cell\" data-state=\"fail\" data-rule=\"CN-BANK-CREDIT-LINE\" data-subject=\"weili-consumer\">"
            + "<title>weili-consumer × CN-BANK-CREDIT-LINE: fail</title>"))
        let failCell = try #require(html.components(separatedBy: "data-subject=\"weili-consumer\"><title>weili-consumer × CN-BANK-CREDIT-LINE").last)
        #expect(failCell.prefix(400).contains(">✗</text></g>"))
        // The legend lists every state with its symbol and count.
        for state in CheckCellState.allCases { #expect(html.contains("<li data-state=\"\(state.rawValue)\" data-count=\"")) }
        #expect(html.contains("<span class=\"symbol state-waived\" aria-hidden=\"true\">W</span>waived (1)</li>"))
        // Before the measures took effect: not in force.
        let early = self.html(try richReport(asOf: "2020-01-01"))
        #expect(HTMLProbe.cellState(rule: "CN-BANK-CREDIT-LINE", subject: "weili-consumer", in: early) == "not-in-force")
    }

    @Test func findingsWithEvidenceCitationLocationAndWaiver() throws {
        let html = html(try richReport())
        #expect(html.contains("<code class=\"location\">products/weili.yaml:8:30</code> · Field <code>credit_line.max</code>"))
        #expect(html.contains("actual <strong class=\"actual\">¥300,000</strong>; required <strong class=\"required\">≤ ¥200,000</strong>"))
        #expect(html.contains("credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)"))
        #expect(html.contains("<span class=\"unverified\" data-verified=\"false\">⚠ article number not verified</span>"))
        #expect(html.contains("<span class=\"verified\" data-verified=\"true\">✓ article number verified</span>"))
        #expect(html.contains("waived by 合规部 (苏金复〔2022〕15号) until 2026-06-30; reason: 存量业务自然到期"))
        #expect(html.contains("<article class=\"finding sev-waived is-waived\" data-rule=\"CN-BANK-CREDIT-LINE\" data-severity=\"error\" data-waived=\"true\""))
        #expect(html.contains("cannot be evaluated (data missing); not a pass"))
        // Products nest in their lender's section; every subject has one, with its check outcomes.
        let institution = try #require(HTMLProbe.offset(of: "<section class=\"subject group institution\" id=\"subject-Institution-nb\"", in: html))
        let product = try #require(HTMLProbe.offset(of: "id=\"subject-LoanProduct-weili-consumer\"", in: html))
        let microlender = try #require(HTMLProbe.offset(of: "id=\"subject-Institution-mlc\"", in: html))
        #expect(institution < product && product < microlender)
        let plain = self.html(try ReportFixture.report())
        #expect(plain.contains("<p class=\"checks\">Checks: 1 pass, 1 not applicable</p>\n</div>\n<p class=\"no-findings\">No findings.</p>"))
        #expect(plain.contains("<p class=\"checks\">No rules checked.</p>")) // the institutions: no institution rules loaded
        // An expired waiver no longer applies and says so.
        let expired = self.html(try richReport(asOf: "2026-07-01"))
        #expect(expired.contains("waiver expired after 2026-06-30 (approved by 合规部, 苏金复〔2022〕15号); it no longer applies"))
    }

    @Test func appendixListsEveryRuleWithDatesAndParameters() throws {
        let report = try richReport()
        let html = html(report)
        for rule in report.rules { #expect(html.contains("<tr id=\"rule-\(rule.id)\" data-rule=\"\(rule.id)\"")) }
        #expect(html.contains("effective <time class=\"nowrap\" datetime=\"2020-01-01\">2020-01-01</time><br>enforced "
            + "<time class=\"nowrap\" datetime=\"2030-01-01\">2030-01-01</time><br><strong>draft, not in force</strong>"))
        #expect(html.contains("<td class=\"params\">lpr_1y = 3% (from 2025-05-20)</td>"))
        #expect(!html.contains("lpr_1y = 3.1%"))
        #expect(html.contains("<strong>in force</strong>"))
        // The provision's words beside the rule, where they were read and the pack's note, escaped.
        #expect(html.contains("<blockquote class=\"quote\" lang=\"zh\" data-quote=\"第一条\">第一条 收入比例不得超过三分之一。</blockquote>"
            + "<span class=\"muted quote-source\">quoted from: 测试来源（官方转载）</span><br>"
            + "<span class=\"muted citation-note\">note: 测试说明 &lt;b&gt;</span>"))
    }

    @Test func stampWithPacksInputsAndWaivers() throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.reportFromFiles(in: directory)
        let html = ReportRenderer.render(report, format: .html, options: ReportOptions(sourceRoot: directory))
        let stamp = try #require(html.components(separatedBy: "<section id=\"stamp\"").last)
        #expect(stamp.contains("<dd data-tool-version=\"0.9.0-test\"><code>loancheck 0.9.0-test</code></dd>"))
        #expect(stamp.contains("<dd data-as-of=\"2025-11-22\">2025-11-22</dd>"))
        for pack in report.packs { #expect(stamp.contains("<tr data-pack=\"\(pack.id)\" data-sha256=\"\(pack.sha256)\">")) }
        #expect(report.inputs.count == 6)
        for input in report.inputs {
            // Shown relative to the source root.
            let relative = String(input.path.dropFirst(directory.count + 1))
            #expect(stamp.contains("<tr data-input=\"\(relative)\" data-sha256=\"\(input.sha256)\">"))
        }
        #expect(stamp.contains("<tr data-waiver-rule=\"CN-BANK-CREDIT-LINE\" data-waiver-subject=\"legacy-loan\" data-status=\"applied\">"))
    }

    @Test func chineseLabelsForAChineseReport() throws {
        let zh = html(try richReport(language: .zh))
        #expect(zh.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n"))
        for label in ["<title>loancheck 合规审计报告（截至 2026-06-15）</title>", ">合规审计报告</h1>", ">摘要</h2>", ">审计发现</h2>",
                      ">附录：检查的规则</h2>", ">可复现性信息</h2>", "<dt>审计基准日</dt>", "按严重程度统计的发现", "产品 × 规则检查结果",
                      "不合规 (1)", "条款编号未核实", "已豁免：批准人 合规部（苏金复〔2022〕15号），有效期至 2026-06-30", "征求意见稿（未生效）",
                      "credit_line_cap = ¥200,000（自 2020-07-17 起，商业银行互联网贷款管理暂行办法 第六条）"] {
            #expect(zh.contains(label), "\(label)")
        }
        for english in ["Summary", "Findings per rule", "Appendix", "article number", "waived by", "Checks:", ">Evidence<", ">Citation<"] {
            #expect(!zh.contains(english), "\(english)")
        }
        let en = html(try richReport(language: .en))
        for label in [">Compliance report</h1>", ">Summary</h2>", ">Findings</h2>", ">Appendix: rules checked</h2>", ">Reproducibility stamp</h2>"] {
            #expect(en.contains(label), "\(label)")
        }
    }

    @Test func emptyAudits() throws {
        let html = html(try ReportFixture.report([("institutions/banks.yaml", ReportFixture.banks)]))
        #expect(html.contains("data-count=\"0\" data-severity=\"total\" id=\"count-total\""))
        #expect(!html.contains("figure-matrix-products"))
        #expect(html.contains("<p id=\"stamp-waivers\">No waivers.</p>"))
        let nothing = self.html(try ReportFixture.report([]))
        #expect(nothing.contains("No institutions or products were audited."))
        #expect(nothing.contains("<section id=\"stamp\""))
    }

    @Test func longMatricesAreSplitIntoPageSizedCharts() throws {
        var files = [("institutions/banks.yaml", ReportFixture.banks)]
        for index in 0..<45 {
            files.append(("products/p\(index).yaml", ReportFixture.product(id: "p\(index)", name: "产品\(index)", creditLineMax: "10万")))
        }
        let html = html(try ReportFixture.report(files))
        #expect(html.contains("<title id=\"matrix-LoanProduct-1-title\">Outcome per product and rule (1–30 / 45)</title>"))
        #expect(html.contains("<title id=\"matrix-LoanProduct-2-title\">Outcome per product and rule (31–45 / 45)</title>"))
    }

    @Test func chartHelpers() {
        #expect(HTMLCharts.tickStep(1) == 1)
        #expect(HTMLCharts.tickStep(10) == 1)
        #expect(HTMLCharts.tickStep(11) == 2)
        #expect(HTMLCharts.tickStep(45) == 5)
        #expect(HTMLCharts.tickStep(1000) == 100)
        #expect(HTMLCharts.truncated("CN-BANK-CREDIT-LINE", 19) == "CN-BANK-CREDIT-LINE")
        #expect(HTMLCharts.truncated("CN-BANK-CREDIT-LINE", 10) == "CN-BANK-C…")
        #expect(HTMLCharts.cells("合规a") == 5)
    }
}
