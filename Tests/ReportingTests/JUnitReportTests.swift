import Compliance
import Foundation
import Reporting
import Testing

@Suite struct JUnitReportTests {
    private func lines(_ xml: String) -> [String] { xml.split(separator: "\n").map(String.init) }

    @Test func oneSuitePerRuleOneCasePerSubject() throws {
        let xml = ReportRenderer.render(try ReportFixture.report(), format: .junit)
        let lines = lines(xml)
        #expect(lines.first == #"<?xml version="1.0" encoding="UTF-8"?>"#)
        #expect(lines.contains("<testsuites>") && lines.last == "</testsuites>")
        #expect(lines.contains(
            #"  <testsuite name="CN-BANK-CREDIT-LINE" package="cn-bank-internet-lending-2020" id="0" tests="4" failures="1" errors="0" skipped="1" time="0" timestamp="2025-11-22T00:00:00" hostname="localhost">"#))
        #expect(lines.contains(
            #"  <testsuite name="CN-BANK-BULLET-TERM" package="cn-bank-internet-lending-2020" id="1" tests="4" failures="0" errors="0" skipped="4" time="0" timestamp="2025-11-22T00:00:00" hostname="localhost">"#))
        #expect(lines.filter { $0.hasPrefix("    <testcase ") }.count == 8)
        // Failed: a failure typed with the rule id, the evidence, citation and location in the body.
        #expect(xml.contains("""
            <testcase name="LoanProduct weili-consumer" classname="cn-bank-internet-lending-2020.CN-BANK-CREDIT-LINE" time="0">
              <failure message="error: the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank" type="CN-BANK-CREDIT-LINE">error: products/weili.yaml:8:30: the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          subject: LoanProduct weili-consumer, credit_line.max
          evidence: actual ¥300,000, required ≤ ¥200,000
          detail: product.credit_line.max = ¥300,000 &gt; ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)
        </failure>
            </testcase>
        """))
        // Waived: passes, with the waiver in system-out. Passed: an empty test case. Not applicable: skipped.
        #expect(lines.contains(#"    <testcase name="LoanProduct legacy-loan" classname="cn-bank-internet-lending-2020.CN-BANK-CREDIT-LINE" time="0"/>"#))
        #expect(lines.contains(#"    <testcase name="LoanProduct ok-loan" classname="cn-bank-internet-lending-2020.CN-BANK-CREDIT-LINE" time="0"/>"#))
        #expect(xml.contains("""
            <testcase name="LoanProduct mlc-loan" classname="cn-bank-internet-lending-2020.CN-BANK-CREDIT-LINE" time="0">
              <skipped message="not applicable: the rule&#39;s applies_to is false for this subject"/>
            </testcase>
        """))
        #expect(xml.contains("    <system-out>LoanProduct legacy-loan: passes by waiver\nerror: products/legacy.yaml:8:30: "))
        #expect(xml.contains("  waived by 合规部 (苏金复〔2022〕15号) until 2026-06-30: 存量业务自然到期\n</system-out>\n    <system-err/>\n"))
    }

    @Test func theStampAndTheRuleInEverySuite() throws {
        let report = try ReportFixture.report()
        let lines = lines(ReportRenderer.render(report, format: .junit))
        let sha = try #require(report.packs.first?.sha256)
        for expected in [
            #"      <property name="rule.citation" value="CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)"/>"#,
            #"      <property name="rule.requirement" value="product.credit_line.max &lt;= param.credit_line_cap"/>"#,
            #"      <property name="tool" value="loancheck 0.9.0-test"/>"#,
            #"      <property name="asOf" value="2025-11-22"/>"#,
            #"      <property name="pack" value="cn-bank-internet-lending-2020 2026.11 \#(sha)"/>"#,
            #"      <property name="waiver" value="CN-BANK-CREDIT-LINE legacy-loan applied until 2026-06-30 by 合规部 (苏金复〔2022〕15号)"/>"#,
        ] {
            #expect(lines.contains(expected), "\(expected)")
        }
        #expect(lines.filter { $0.hasPrefix(#"      <property name="tool""#) }.count == 2)
        #expect(lines.filter { $0 == "    <properties>" }.count == 2)
    }

    @Test func cannotEvaluateIsAnErrorAndNoticesGoToSystemOut() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let xml = ReportRenderer.render(try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory]), format: .junit)
        #expect(xml.contains(
            #"  <testsuite name="TEST-INCOME-CAP" package="test-reporting" id="2" tests="4" failures="0" errors="4" skipped="0" time="0" timestamp="2026-06-15T00:00:00" hostname="localhost">"#))
        #expect(xml.contains("""
              <error message="warning: cannot evaluate: missing product.income_cap" type="TEST-INCOME-CAP">warning: products/weili.yaml:1:1: cannot evaluate: missing product.income_cap
        """))
        // The rule's own transition runs to 2030, but a draft pack's rules are never in force.
        #expect(xml.contains(#"      <property name="rule.regime" value="draft, not in force"/>"#))
        #expect(!xml.contains(#"value="transition until 2030-01-01""#))
        #expect(xml.contains(#"  <testsuite name="TEST-RATE-LPR" package="test-reporting" id="3" tests="4" failures="4" errors="0" skipped="0""#))
        #expect(xml.contains("info: waivers/legacy.yaml:7:10: the waiver expires on 2026-06-30 (in 15 days)\n"))
    }

    @Test func rulesNotInForceAreSkipped() throws {
        let xml = ReportRenderer.render(try ReportFixture.report(asOf: "2019-01-01"), format: .junit)
        #expect(xml.contains(#"tests="4" failures="0" errors="0" skipped="4""#))
        #expect(xml.contains(#"<skipped message="not in force on 2019-01-01"/>"#))
        #expect(xml.contains(#"<property name="rule.regime" value="not yet in force (effective 2020-07-17)"/>"#))
    }

    @Test func anExpiredWaiverFails() throws {
        let xml = ReportRenderer.render(try ReportFixture.report(asOf: "2026-07-01"), format: .junit)
        #expect(xml.contains(#"tests="4" failures="2" errors="0" skipped="1""#))
        #expect(xml.contains("  waiver expired after 2026-06-30 (approved by 合规部, 苏金复〔2022〕15号): 存量业务自然到期\n</failure>"))
    }
}
