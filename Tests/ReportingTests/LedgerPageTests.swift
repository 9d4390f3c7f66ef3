import Compliance
import Foundation
@testable import Reporting
import Testing

/// The Markdown and HTML reports on a report with a ledger audit (`LedgerReportFixture`).
@Suite struct LedgerPageTests {
    @Test func markdownHasALedgerSection() throws {
        let markdown = ReportRenderer.render(try LedgerReportFixture.report(), format: .markdown, options: ReportOptions(sourceRoot: "/repo"))
        #expect(markdown.contains(##"""
        ### Ledger audit

        - **Engine**: `stream`
        - **Loans**: 1,204,562
        - **Fundings**: 0
        - **Listed per rule, at most**: 2

        | Ledger rules (true totals over the tape) | Checked | Errors | Warnings | Info | Cannot evaluate | Waived | Listed / total |
        |---|---:|---:|---:|---:|---:|---:|---:|
        | `CN-BANK-LOAN-CREDIT-LINE` | 982,113 | 52,311 | 0 | 0 | 0 | 0 | 2 / 52,311 |
        | `TEST-BORROWER-BALANCE` | 310,422 | 1 | 0 | 0 | 0 | 1 | 2 / 2 |

        - CN-BANK-LOAN-CREDIT-LINE: 2 of 52,311 failures listed (--max-findings-per-rule 2; --failures-out DIR lists all)

        | Listed findings per lender | Errors | Warnings | Info | Cannot evaluate | Waived | Total |
        |---|---:|---:|---:|---:|---:|---:|
        | 某全国性股份制银行 `nb` | 2 | 0 | 0 | 0 | 1 | 3 |
        | Lender not known | 1 | 0 | 0 | 0 | 0 | 1 |

        Only the findings listed in the report; the true totals are per rule (above).

        #### Listed findings

        | Rule | Severity | Subject | Location | Message | Evidence | Detail |
        |---|---|---|---|---|---|---|
        | `CN-BANK-LOAN-CREDIT-LINE` | error | Loan `L-0003` | `ledger/loans.csv:4` | the loan's credit line is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank | actual ¥300,000, required ≤ ¥200,000<br>credit\_line\_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条) | Product: `weili-consumer`<br>Lender: `nb`<br>Borrower: `borrower#be516691` |
        | `CN-BANK-LOAN-CREDIT-LINE` | error | Loan `L-0005` | `ledger/loans.csv:6` | the loan's credit line is ¥250,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank | actual ¥250,000, required ≤ ¥200,000<br>credit\_line\_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条) | Borrower: `borrower#7942baf3` |
        | `TEST-BORROWER-BALANCE` | error | Loan group `nb/borrower#63f0af8c` | `ledger/loans.csv:2` | the balance of nb/borrower\#63f0af8c is ¥200,000.01; it must be ≤ ¥200,000 | actual ¥200,000.01, required ≤ ¥200,000<br>balance\_cap = ¥200,000 (from 2020-01-01) | Key: lender `nb`, borrower `borrower#63f0af8c`<br>Loans: 2<br>Largest loans: `L-0001` ¥150,000 (`ledger/loans.csv:2`), `L-0002` ¥50,000.01 (`ledger/loans.csv:3`) |


        """##))
        // The summary counts the true totals; the waivers table shows a group's key hashed.
        #expect(markdown.contains("| 52,313 | 0 | 0 | 0 | 2 |\n"))
        #expect(markdown.contains("| `TEST-BORROWER-BALANCE` | `nb/borrower#bbbb6d0e` | applied | 合规部 |  | 2026-12-31 | 1 | 已于报告日后结清 |\n"))
        for borrower in ["B-1001", "B-2001", "B-3003", "B-5005"] {
            #expect(!markdown.contains(borrower))
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func markdownAndHTMLHaveTheSameSections(language: ReportLanguage) throws {
        let report = try LedgerReportFixture.report(language: language)
        let markdown = ReportRenderer.render(report, format: .markdown)
        let html = ReportRenderer.render(report, format: .html)
        let sections = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) }
        let htmlSections = ["summary", "findings", "ledger", "appendix", "stamp"].compactMap { id -> String? in
            guard let start = html.range(of: "<h2 id=\"\(id)-title\">"), let end = html[start.upperBound...].range(of: "</h2>") else { return nil }
            return String(html[start.upperBound..<end.lowerBound])
        }
        #expect(sections == htmlSections)
        #expect(sections[2] == (language == .zh ? "借据审计" : "Ledger audit"))
    }

    @Test func htmlLedgerSection() throws {
        let html = ReportRenderer.render(try LedgerReportFixture.report(), format: .html)
        // In the contents, between the findings and the scope lists.
        #expect(html.contains("<li><a href=\"#findings\">Findings</a></li>\n<li><a href=\"#ledger\">Ledger audit</a></li>\n"
            + "<li><a href=\"#scope\">Scope</a></li>\n"))
        let ledger = try #require(HTMLProbe.offset(of: "<section id=\"ledger\"", in: html))
        #expect(try #require(HTMLProbe.offset(of: "<section id=\"findings\"", in: html)) < ledger)
        #expect(ledger < (try #require(HTMLProbe.offset(of: "<section id=\"appendix\"", in: html))))
        #expect(html.contains("""
        <dl class="facts" data-engine="stream" data-loans="1204562" data-fundings="0" data-max-findings-per-rule="2">
        <dt>Engine</dt><dd><code>stream</code></dd>
        <dt>Loans</dt><dd>1,204,562</dd>
        """))
        // True totals per rule, the cap in the last column.
        #expect(html.contains(#"""
        <tr data-ledger-rule="CN-BANK-LOAN-CREDIT-LINE" data-checked="982113" data-failures="52311" data-listed="2" data-unlisted="52309"><th scope="row"><a href="#rule-CN-BANK-LOAN-CREDIT-LINE"><code>CN-BANK-LOAN-CREDIT-LINE</code></a><br><span class="muted">Bank unsecured personal consumer loans - each loan's credit line at most 20万</span></th><td class="num" data-count="982113">982,113</td><td class="num" data-count="52311" data-severity="error">52,311</td><td class="num zero" data-count="0" data-severity="warning">0</td><td class="num zero" data-count="0" data-severity="info">0</td><td class="num zero" data-count="0" data-cannot-evaluate="true">0</td><td class="num zero" data-count="0" data-severity="waived">0</td><td class="num capped">2 / 52,311</td></tr>
        """#))
        #expect(html.contains("<ul class=\"capped\">\n<li data-rule=\"CN-BANK-LOAN-CREDIT-LINE\" data-unlisted=\"52309\">"
            + "CN-BANK-LOAN-CREDIT-LINE: 2 of 52,311 failures listed (--max-findings-per-rule 2; --failures-out DIR lists all)</li>\n</ul>\n"))
        // Listed findings per lender: a loan's lender, a group's institution; a loan without either.
        #expect(html.contains(#"""
        <tr data-lender="nb"><th scope="row">某全国性股份制银行<br><a href="#subject-Institution-nb"><code>nb</code></a></th><td class="num" data-count="2" data-severity="error">2</td><td class="num zero" data-count="0" data-severity="warning">0</td><td class="num zero" data-count="0" data-severity="info">0</td><td class="num zero" data-count="0" data-severity="cannotEvaluate">0</td><td class="num" data-count="1" data-severity="waived">1</td><td class="num" data-count="3" data-severity="total">3</td></tr>
        <tr data-lender=""><th scope="row">Lender not known</th><td class="num" data-count="1" data-severity="error">1</td><td class="num zero" data-count="0" data-severity="warning">0</td><td class="num zero" data-count="0" data-severity="info">0</td><td class="num zero" data-count="0" data-severity="cannotEvaluate">0</td><td class="num zero" data-count="0" data-severity="waived">0</td><td class="num" data-count="1" data-severity="total">1</td></tr>
        """#))
        // The worst groups, worst first: the waived one at 150%, then one fen over.
        let bars = HTMLProbe.tags("g", in: html).filter { $0.contains("class=\"group-ratio\"") }
        #expect(bars.map { HTMLProbe.attribute("data-ratio", of: $0) } == ["15000", "10001"])
        #expect(bars.map { HTMLProbe.attribute("data-subject", of: $0) } == ["LoanGroup/nb/borrower#bbbb6d0e", "LoanGroup/nb/borrower#63f0af8c"])
        #expect(html.contains("<desc id=\"chart-ledger-groups-desc\">TEST-BORROWER-BALANCE nb/borrower#bbbb6d0e: 150.00% (¥300,000 / ¥200,000); "
            + "TEST-BORROWER-BALANCE nb/borrower#63f0af8c: 100.01% (¥200,000.01 / ¥200,000)</desc>"))
        // A group finding: its key, loans and largest loans; the borrower hashed in text and attributes.
        #expect(html.contains(#"""
        <article class="finding sev-error" data-rule="TEST-BORROWER-BALANCE" data-severity="error" data-waived="false" data-subject="LoanGroup/nb/borrower#63f0af8c" data-fingerprint="abc74e4f1c6d47a4664ef5877fd892e8aeb6f6499fb65b2d5debc8e9a2f26095">
        <h5><span class="badge sev-error">error</span><code>TEST-BORROWER-BALANCE</code> <span class="rule-title">Balance per borrower at most 20万</span></h5>
        <p class="message">the balance of nb/borrower#63f0af8c is ¥200,000.01; it must be ≤ ¥200,000</p>
        <dl class="facts">
        <dt>Subject</dt><dd>Loan group <code>nb/borrower#63f0af8c</code></dd>
        <dt>Location</dt><dd><code class="location">ledger/loans.csv:2:1</code></dd>
        <dt>Key</dt><dd>lender <code>nb</code>, borrower <code>borrower#63f0af8c</code></dd>
        <dt>Loans</dt><dd>2</dd>
        <dt>Largest loans</dt><dd><code>L-0001</code> ¥150,000 (<code>ledger/loans.csv:2</code>)<br><code>L-0002</code> ¥50,000.01 (<code>ledger/loans.csv:3</code>)</dd>
        <dt>Evidence</dt><dd>actual <strong class="actual">¥200,000.01</strong>; required <strong class="required">≤ ¥200,000</strong><br><code>¥200,000.01 over 2 loans (largest: L-0001 ¥150,000, L-0002 ¥50,000.01), required ≤ ¥200,000 (sum(loans, p =&gt; p.funded) &lt;= param.balance_cap)</code></dd>
        <dt>Parameters</dt><dd>balance_cap = ¥200,000 (from 2020-01-01)</dd>
        <dt>Citation</dt><dd>Test Measures 第三条 (effective 2020-01-01) <span class="verified" data-verified="true">✓ article number verified</span></dd>
        </dl>
        </article>
        """#))
        for borrower in ["B-1001", "B-2001", "B-3003", "B-5005"] {
            #expect(!html.contains(borrower))
        }
        // Ledger findings are in the ledger section, not among the other findings.
        #expect(!html.contains("id=\"group-other-findings\""))
    }

    @Test func htmlLedgerSectionInChinese() throws {
        let html = ReportRenderer.render(try LedgerReportFixture.report(language: .zh), format: .html)
        #expect(html.contains("<h2 id=\"ledger-title\">借据审计</h2>"))
        #expect(html.contains("<caption>借据规则（全量统计）</caption>"))
        #expect(html.contains("<caption>按放贷机构统计的已列出发现</caption>"))
        #expect(html.contains("<li data-rule=\"CN-BANK-LOAN-CREDIT-LINE\" data-unlisted=\"52309\">CN-BANK-LOAN-CREDIT-LINE：共 52,311 项不合规或无法评估，"
            + "列出 2 项（--max-findings-per-rule 2；--failures-out DIR 可输出全部）</li>"))
        #expect(html.contains("<p class=\"message\">nb/borrower#63f0af8c 的余额为 ¥200,000.01（20.000001万元），应 ≤ ¥200,000（20万元）</p>"))
        #expect(html.contains("<span class=\"verdict\">52,313 项错误、0 项警告、0 项提示、0 项无法评估，2 项已豁免</span>"))
    }

    @Test func withoutATapeThereIsNoLedgerSection() throws {
        let report = try ReportFixture.report()
        let html = ReportRenderer.render(report, format: .html)
        #expect(!html.contains("id=\"ledger\"") && !html.contains("href=\"#ledger\""))
        #expect(!ReportRenderer.render(report, format: .markdown).contains("### Ledger audit"))
        #expect(ReportRenderer.render(report, format: .text).hasPrefix("loancheck 0.9.0-test — as of 2025-11-22 — 1 pack, 6 documents\n"))
    }
}
