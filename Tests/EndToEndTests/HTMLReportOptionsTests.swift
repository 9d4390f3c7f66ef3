import Foundation
import LoanCheckTestSupport
import Testing

/// `loancheck audit --format html` with the cover's organisation and sign-off names, run from a directory
/// outside the repository with absolute paths: the page names them and none of the machine's paths.
@Suite struct HTMLReportOptionsTests {
    @Test func organisationAndSignOffFlagsAndNoAbsolutePaths() throws {
        let elsewhere = try LoanCheckBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let examples = LoanCheckBinary.repository + "/Examples"
        let run = try LoanCheckBinary.run(
            ["audit", examples, "--as-of", "2026-11-22", "--format", "html", "--fail-on", "never",
             "--organisation", "某某金融科技有限公司 合规部", "--prepared-by", "张三", "--approved-by", "李四"], in: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")
        let html = run.stdout
        #expect(html.contains("<p class=\"organisation\" id=\"cover-organisation\">某某金融科技有限公司 合规部</p>"))
        #expect(html.contains("<tr data-role=\"prepared-by\"><th scope=\"row\">Prepared by</th><td class=\"signer\">张三</td>"))
        #expect(html.contains("<tr data-role=\"approved-by\"><th scope=\"row\">Approved by</th><td class=\"signer\">李四</td>"))
        for directory in [LoanCheckBinary.repository, elsewhere] { #expect(!html.contains(directory), "\(directory)") }
        // Packs relative to the shipped rules directory; inputs outside the working directory by their last components.
        #expect(html.contains("<span class=\"muted\"><code>packs/cn-bank-internet-lending-2020.yaml</code></span>"))
        #expect(html.contains("<tr data-input=\"…/institutions/"))
    }
}
