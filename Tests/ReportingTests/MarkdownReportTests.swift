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

        loancheck 0.9.0-test — as of 2025-11-22 — 1 pack, 6 documents

        | Errors | Warnings | Info | Waived |
        |---:|---:|---:|---:|
        | 1 | 0 | 0 | 1 |

        ### Findings

        | Rule | Severity | Subject | Location | Message | Evidence |
        |---|---|---|---|---|---|
        | `CN-BANK-CREDIT-LINE` | error | LoanProduct `weili-consumer` `credit_line.max` | `products/weili.yaml:8` | the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank | actual ¥300,000, required ≤ ¥200,000<br>credit\\_line\\_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条) |

        ### Waivers

        | Rule | Subject | Status | Approved by | Reference | Expires | Findings | Reason |
        |---|---|---|---|---|---|---:|---|
        | `CN-BANK-CREDIT-LINE` | `legacy-loan` | applied | 合规部 | 苏金复〔2022〕15号 | 2026-06-30 | 1 | 存量业务自然到期 |

        <details>
        <summary>Reproducibility stamp</summary>

        - Tool: loancheck 0.9.0-test
        - As of: 2025-11-22
        - Language: en

        | Pack | Version | SHA-256 |
        |---|---|---|
        | `cn-bank-internet-lending-2020` | 2026.11 | `
        """))
        #expect(markdown.hasSuffix("` |\n\n</details>\n"))
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
        #expect(MarkdownEscaping.inline("one\ntwo\r\nthree") == "one<br>two<br>three")
        #expect(MarkdownEscaping.code("a|b") == #"`a\|b`"#)
        #expect(MarkdownEscaping.code("a`b") == #"a\`b"#)
    }

    @Test func baselineSectionAndColumn() throws {
        let markdown = ReportRenderer.render(try BaselineFixture.report(), format: .markdown)
        #expect(markdown.contains("| Errors | Warnings | Info | Waived | New | Persisting | Fixed |\n|---:|---:|---:|---:|---:|---:|---:|\n| 2 | 0 | 0 | 1 | 1 | 1 | 1 |\n"))
        #expect(markdown.contains("| Rule | Severity | Subject | Location | Message | Evidence | Baseline |\n"))
        #expect(markdown.contains(" | persisting |\n") && markdown.contains(" | new |\n"))
        #expect(markdown.contains("""
        ### Baseline

        1 new, 1 persisting, 1 fixed (only new findings fail the check).

        | Fixed rule | Subject | Path | File |
        |---|---|---|---|
        | `CN-BANK-CREDIT-LINE` | `LoanProduct/gone-loan` | `credit_line.max` | `products/gone.yaml` |

        """))
    }

    @Test func noFindingsNoWaivers() throws {
        let files = [("institutions/banks.yaml", ReportFixture.banks)]
        let markdown = ReportRenderer.render(try ReportFixture.report(files), format: .markdown)
        #expect(markdown.contains("### Findings\n\nNo unwaived findings.\n"))
        #expect(markdown.contains("### Waivers\n\nNo waivers.\n"))
    }
}
