import Compliance
import Foundation
import Reporting
import Testing

enum Browser {
    /// Chromium is installed (the test does not install it; CI runs scripts/check-html-report.sh, which
    /// does).
    static let available: Bool = {
        shell("command -v chromium || command -v chromium-browser || command -v google-chrome").status == 0
            && shell("command -v python3").status == 0
    }()
}

/// Renders reports in headless Chromium through `scripts/check-html-report.sh` and compares the rendered
/// DOM with the JSON report of the same audit.
@Suite(.serialized) struct HTMLBrowserTests {
    private func check(_ report: AuditReport, rules: [String]) throws -> (status: Int32, output: String) {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ReportRenderer.render(report, format: .html).write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
        try ReportRenderer.render(report, format: .json).write(toFile: directory + "/report.json", atomically: true, encoding: .utf8)
        let arguments = rules.map { "'\($0)'" }.joined(separator: " ")
        return shell("scripts/check-html-report.sh '\(directory)/report.html' '\(directory)/report.json' \(arguments)", in: ReportFixture.root)
    }

    @Test(.enabled(if: Browser.available, "needs chromium (CI runs scripts/check-html-report.sh)"))
    func renderedReportsMatchTheirJSON() throws {
        let rules = try ReportFixture.testPackDirectory()
        let inputs = try ReportFixture.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: rules)
            try? FileManager.default.removeItem(atPath: inputs)
        }
        let english = try ReportFixture.reportFromFiles(in: inputs, asOf: "2026-06-15", extraRules: [rules])
        let result = try check(english, rules: ["CN-BANK-CREDIT-LINE", "TEST-INCOME-CAP"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("check-html-report: ok"))

        let chinese = try ReportFixture.report(asOf: "2026-07-01", language: .zh, extraRules: [rules])
        let zh = try check(chinese, rules: ["TEST-RATE-LPR"])
        #expect(zh.status == 0, "\(zh.output)")
    }

    @Test(.enabled(if: Browser.available, "needs chromium (CI runs scripts/check-html-report.sh)"))
    func aLedgerReportMatchesItsJSON() throws {
        // Findings by fingerprint, groups shown with their borrower hashed, totals with the unlisted ones.
        let result = try check(try LedgerReportFixture.report(), rules: ["CN-BANK-LOAN-CREDIT-LINE", "TEST-BORROWER-BALANCE"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("check-html-report: ok — 6 findings"))
    }

    @Test(.enabled(if: Browser.available, "needs chromium (CI runs scripts/check-html-report.sh)"))
    func theCheckRejectsABorrowerShownInFull() throws {
        let report = try LedgerReportFixture.report()
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = ReportRenderer.render(report, format: .html)
            .replacing("<p class=\"message\">the balance of nb/borrower#63f0af8c", with: "<p class=\"message\">the balance of nb/B-1001")
            .replacing("data-subject=\"LoanGroup/nb/borrower#bbbb6d0e\" data-fingerprint", with: "data-subject=\"LoanGroup/nb/borrower#00000000\" data-fingerprint")
        try html.write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
        try ReportRenderer.render(report, format: .json).write(toFile: directory + "/report.json", atomically: true, encoding: .utf8)
        let result = shell("scripts/check-html-report.sh '\(directory)/report.html' '\(directory)/report.json'", in: ReportFixture.root)
        #expect(result.status == 1)
        #expect(result.output.contains("the borrower key of TEST-BORROWER-BALANCE (hashed as borrower#63f0af8c) appears in full in the page"))
        #expect(result.output.contains("a finding about 'LoanGroup/nb/B-3003' is shown as 'LoanGroup/nb/borrower#00000000'"))
    }

    @Test(.enabled(if: Browser.available, "needs chromium (CI runs scripts/check-html-report.sh)"))
    func theCheckRejectsAMissingRuleAndWrongCounts() throws {
        let report = try ReportFixture.report()
        let missing = try check(report, rules: ["NO-SUCH-RULE"])
        #expect(missing.status == 1)
        #expect(missing.output.contains("the rule NO-SUCH-RULE is not in the appendix"))

        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = ReportRenderer.render(report, format: .html)
            .replacing("data-count=\"1\" data-severity=\"error\" id=\"count-error\"", with: "data-count=\"3\" data-severity=\"error\" id=\"count-error\"")
            .replacing("<section id=\"appendix\"", with: "<section id=\"annex\"")
        try html.write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
        try ReportRenderer.render(report, format: .json).write(toFile: directory + "/report.json", atomically: true, encoding: .utf8)
        let result = shell("scripts/check-html-report.sh '\(directory)/report.html' '\(directory)/report.json'", in: ReportFixture.root)
        #expect(result.status == 1)
        #expect(result.output.contains("no section with id 'appendix'"))
        #expect(result.output.contains("summary error: the HTML report says 3, the JSON report 1"))
    }
}
