import Compliance
import Foundation
@testable import Reporting
import Testing

@Suite struct MarkdownReportTests {
    /// The fixture with a waiver whose reason and reference hold Markdown and HTML specials.
    private func awkwardReport() throws -> AuditReport {
        var files = ReportFixture.files
        files[5].1 = ReportFixture.waiver
            .replacing("reason: 存量业务自然到期", with: "reason: \"存量 | 到期 *soon* <b>x</b> [link](y)\"")
        return try ReportFixture.report(files)
    }

    @Test func aPullRequestComment() throws {
        let markdown = ReportRenderer.render(try ReportFixture.report(), format: .markdown, options: ReportOptions(sourceRoot: "/repo"))
        #expect(markdown.hasPrefix("""
        ## loancheck compliance report — as of 2025-11-22

        - **As of**: 2025-11-22
        - **Scope**: 2 institutions, 4 loan products
        - **Rule packs**: 1 rule pack, 2 rules
        - **Result**: 1 error, 0 warnings, 0 info, 0 cannot evaluate, 1 waived

        | Pack | Version | Status | Instrument | Rules |
        |---|---|---|---|---:|
        | Interim Measures for the Administration of Internet Loans of Commercial Banks `cn-bank-internet-lending-2020` | 2026.11 | in force | 中国银保监会令2020年第9号 | 2 |

        <details>
        <summary>Scope: 2 institutions, 4 loan products</summary>

        | Institutions | Name | Type | File |
        |---|---|---|---|
        | `nb` | 某全国性股份制银行 | `national-bank` | `institutions/banks.yaml` |
        | `mlc` | 某小额贷款公司 | `microlender` | `institutions/banks.yaml` |

        | Loan products | Name | Lender | File |
        |---|---|---|---|
        | `weili-consumer` | 微粒消费贷 | `nb` | `products/weili.yaml` |
        | `legacy-loan` | 存量消费贷 | `nb` | `products/legacy.yaml` |
        | `ok-loan` | 合规消费贷 | `nb` | `products/ok.yaml` |
        | `mlc-loan` | 小贷消费贷 | `mlc` | `products/mlc.yaml` |

        </details>

        ### Summary

        | Errors | Warnings | Info | Cannot evaluate | Waived |
        |---:|---:|---:|---:|---:|
        | 1 | 0 | 0 | 0 | 1 |

        | Pack | Errors | Warnings | Info | Cannot evaluate | Waived | Total |
        |---|---:|---:|---:|---:|---:|---:|
        | Interim Measures for the Administration of Internet Loans of Commercial Banks `cn-bank-internet-lending-2020` | 1 | 0 | 0 | 0 | 1 | 2 |

        | Institutions | Errors | Warnings | Info | Cannot evaluate | Waived | Total |
        |---|---:|---:|---:|---:|---:|---:|
        | 某全国性股份制银行 `nb` | 1 | 0 | 0 | 0 | 1 | 2 |
        | 某小额贷款公司 `mlc` | 0 | 0 | 0 | 0 | 0 | 0 |

        | Findings per rule | Errors | Warnings | Info | Cannot evaluate | Waived | Total |
        |---|---:|---:|---:|---:|---:|---:|
        | `CN-BANK-CREDIT-LINE` | 1 | 0 | 0 | 0 | 1 | 2 |
        | `CN-BANK-BULLET-TERM` | 0 | 0 | 0 | 0 | 0 | 0 |

        <details>
        <summary>Outcome per product and rule</summary>

        Legend: ✗ fail · ! warning (transition or draft) · W waived · ? cannot evaluate · ✓ pass · – not applicable · ○ not in force · ∅ exempt (product closed)

        |  | `CN-BANK-CREDIT-LINE` | `CN-BANK-BULLET-TERM` |
        |---|:---:|:---:|
        | `weili-consumer` | ✗ | – |
        | `legacy-loan` | W | – |
        | `ok-loan` | ✓ | – |
        | `mlc-loan` | – | – |

        </details>

        ### Findings

        #### Loan product 微粒消费贷 `weili-consumer`

        | Rule | Severity | Field | Location | Message | Evidence |
        |---|---|---|---|---|---|
        | `CN-BANK-CREDIT-LINE` | error | `credit_line.max` | `products/weili.yaml:8` | the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank | actual ¥300,000, required ≤ ¥200,000<br>credit\\_line\\_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条) |

        #### Waivers

        | Rule | Subject | Status | Approved by | Reference | Expires | Matched | Reason |
        |---|---|---|---|---|---|---:|---|
        | `CN-BANK-CREDIT-LINE` | `legacy-loan` | applied | 合规部 | 苏金复〔2022〕15号 | 2026-06-30 | 1 | 存量业务自然到期 |

        ### Appendix: rules checked

        <details>
        <summary>1 rule pack, 2 rules</summary>

        | Rule | Citation | Effective | Enforced | Repealed | Regime | Parameters (value at the as-of date) | Findings |
        |---|---|---|---|---|---|---|---:|
        | `CN-BANK-CREDIT-LINE` Bank unsecured personal consumer loans - credit line at most 20万 per borrower | CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (article number not verified) | 2020-07-17 |  |  | in force | credit\\_line\\_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条) | 2 |
        """))
        #expect(markdown.contains("""
        </details>

        ### Reproducibility stamp

        <details>
        <summary>Reproducibility stamp</summary>

        - Tool: loancheck 0.9.0-test
        - As of: 2025-11-22
        - Language: en
        - Waivers: 1 (1 applied, 0 expired)

        | Pack | Version | Status | SHA-256 |
        |---|---|---|---|
        | `cn-bank-internet-lending-2020` | 2026.11 | in force | `
        """))
        #expect(markdown.hasSuffix("` |\n\n</details>\n"))
    }

    /// The Markdown report has the sections of the HTML report, in the same order and with the same
    /// headings, in both languages.
    @Test(arguments: ReportLanguage.allCases)
    func theSectionsOfTheHTMLReport(language: ReportLanguage) throws {
        let report = try ReportFixture.report(language: language)
        let markdown = ReportRenderer.render(report, format: .markdown)
        let html = ReportRenderer.render(report, format: .html)
        let sections = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) }
        let htmlSections = ["summary", "findings", "appendix", "stamp"].compactMap { id -> String? in
            guard let start = html.range(of: "<h2 id=\"\(id)-title\">"), let end = html[start.upperBound...].range(of: "</h2>") else { return nil }
            return String(html[start.upperBound..<end.lowerBound])
        }
        #expect(htmlSections.count == 4)
        #expect(sections == htmlSections)
        let title = try #require(markdown.split(separator: "\n").first)
        #expect(html.contains("<title>\(title.dropFirst(3))</title>"))
        if language == .zh {
            #expect(sections == ["摘要", "审计发现", "附录：检查的规则", "可复现性信息"])
            #expect(markdown.contains("#### 贷款产品 微粒消费贷 `weili-consumer`"))
            #expect(markdown.contains("| 规则 | 严重程度 | 字段 | 位置 | 内容 | 证据 |"))
        }
    }

    @Test func rulesOfADraftPackAreNotInForceInTheRulesTable() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let markdown = ReportRenderer.render(try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory]),
                                             format: .markdown)
        // The summary table lists the rule first; the rules appendix is the last row that starts with it.
        let row = try #require(markdown.split(separator: "\n").last { $0.hasPrefix("| `TEST-RATE-LPR` ") })
        #expect(row.contains(" | draft, not in force | "))
        let shipped = try #require(markdown.split(separator: "\n").last { $0.hasPrefix("| `CN-BANK-CREDIT-LINE` ") })
        #expect(shipped.contains(" | in force | "))
    }

    @Test func longReportsAreCut() throws {
        var files = [("institutions/banks.yaml", ReportFixture.banks)]
        for index in 0..<(MarkdownReport.maxRows + 5) {
            files.append(("products/p\(index).yaml", ReportFixture.product(id: "p\(index)", name: "产品\(index)", creditLineMax: "30万")))
        }
        let markdown = ReportRenderer.render(try ReportFixture.report(files), format: .markdown)
        #expect(markdown.contains("\n5 more findings are not shown; see the SARIF or JSON report.\n"))
        #expect(markdown.components(separatedBy: "| `CN-BANK-CREDIT-LINE` | error |").count == MarkdownReport.maxRows + 1)
        #expect(markdown.contains("\n\(MarkdownReport.maxRows + 5 - MarkdownReport.maxMatrixRows) more rows are not shown; see the HTML report.\n"))
    }

    @Test func cellsEscapePipesAndMarkup() throws {
        let markdown = ReportRenderer.render(try awkwardReport(), format: .markdown)
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| `CN-BANK-CREDIT-LINE` | `legacy-loan` |") })
        #expect(row.hasSuffix(#"| 存量 \| 到期 \*soon\* &lt;b&gt;x&lt;/b&gt; \[link\](y) |"#))
        // Unescaped pipes delimit exactly the 8 columns.
        var unescaped = 0
        var previous: Character = " "
        for character in row {
            if character == "|" && previous != "\\" { unescaped += 1 }
            previous = character
        }
        #expect(unescaped == 9)
    }

    @Test func escapingHelpers() {
        #expect(MarkdownEscaping.inline("a|b") == #"a\|b"#)
        #expect(MarkdownEscaping.inline("x_y*z`w\\") == #"x\_y\*z\`w\\"#)
        #expect(MarkdownEscaping.inline("<script>&") == "&lt;script&gt;&amp;")
        // A line feed is a <br>; CR, ESC and bidi overrides are shown escaped, the escape's backslash
        // escaped for Markdown.
        #expect(MarkdownEscaping.inline("one\ntwo\r\nthree") == #"one<br>two\\r<br>three"#)
        #expect(MarkdownEscaping.inline("ok\u{1B}[2K\u{202E}x") == #"ok\\x1B\[2K\\u202Ex"#)
        #expect(MarkdownEscaping.code("id\u{202E}x") == #"`id\u202Ex`"#)
        #expect(MarkdownEscaping.code("a|b") == #"`a\|b`"#)
        #expect(MarkdownEscaping.code("a`b") == #"a\`b"#)
    }

    @Test func baselineSectionAndColumn() throws {
        let markdown = ReportRenderer.render(try BaselineFixture.report(), format: .markdown)
        #expect(markdown.contains("| Errors | Warnings | Info | Cannot evaluate | Waived | New | Worsened | Updated | Persisting | Fixed |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 1 | 1 |\n"))
        #expect(markdown.contains("| Rule | Severity | Field | Location | Message | Evidence | Baseline |\n"))
        #expect(markdown.contains(" | persisting |\n") && markdown.contains(" | new |\n"))
        #expect(markdown.contains("""
        #### Baseline

        1 new, 0 worsened, 0 updated, 1 persisting, 1 fixed (only new and worsened findings fail the check).

        | Fixed since the baseline | Subject | Field | File |
        |---|---|---|---|
        | `CN-BANK-CREDIT-LINE` | `LoanProduct/gone-loan` | `credit_line.max` | `products/gone.yaml` |

        """))
    }

    @Test func noFindingsNoWaivers() throws {
        let files = [("institutions/banks.yaml", ReportFixture.banks)]
        let markdown = ReportRenderer.render(try ReportFixture.report(files), format: .markdown)
        #expect(markdown.contains("### Findings\n\nNo unwaived findings.\n"))
        #expect(markdown.contains("#### Waivers\n\nNo waivers.\n"))
    }
}
