import Compliance
import Foundation
@testable import Reporting
import Testing

@Suite struct GitHubAnnotationsTests {
    @Test func oneCommandPerUnwaivedFindingThenASummary() throws {
        let output = ReportRenderer.render(try ReportFixture.report(), format: .github, options: ReportOptions(sourceRoot: "/repo"))
        #expect(output == """
        ::error file=products/weili.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank%0Asubject: LoanProduct weili-consumer, credit_line.max%0Aevidence: actual ¥300,000, required ≤ ¥200,000%0Adetail: product.credit_line.max = ¥300,000 > ¥200,000 (param.credit_line_cap)%0Aparameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)%0Acitation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)
        loancheck 0.9.0-test — as of 2025-11-22 — 1 pack, 6 documents: 1 error, 0 warnings, 0 info, 0 cannot evaluate, 1 waived

        """)
    }

    @Test func severitiesMapToErrorWarningNotice() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = ReportRenderer.render(try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory]), format: .github)
        let lines = output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 8)
        #expect(lines.filter { $0.hasPrefix("::notice ") }.count == 1)
        #expect(lines.contains { $0.hasPrefix("::warning file=products/weili.yaml,line=13,col=18,title=TEST-RATE-LPR::the APR is 18%25; it must be ≤ 12%25%0A") })
        #expect(lines.contains { $0.hasPrefix("::notice file=waivers/legacy.yaml,line=7,col=10,title=CN-BANK-CREDIT-LINE::the waiver expires on 2026-06-30") })
        let last = try #require(lines.last)
        #expect(!last.hasPrefix("::"))
        #expect(last.hasSuffix(": 1 error, 4 warnings, 1 info, 4 cannot evaluate, 1 waived"))
    }

    @Test func escapingFollowsGitHubsRules() {
        #expect(GitHubAnnotations.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
        #expect(GitHubAnnotations.escapeProperty("dir:a,b/100%.yaml\n") == "dir%3Aa%2Cb/100%25.yaml%0A")
    }

    @Test func filePropertiesAreEscaped() throws {
        var files = ReportFixture.files
        files[1].0 = "products/a,b:c.yaml"
        let output = ReportRenderer.render(try ReportFixture.report(files), format: .github)
        #expect(output.hasPrefix("::error file=products/a%2Cb%3Ac.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::"))
    }
}
