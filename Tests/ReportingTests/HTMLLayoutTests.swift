import Compliance
import Foundation
@testable import Reporting
import Testing

/// The HTML report's cover (organisation, sign-off), its order (findings before the scope lists), its
/// fonts, its paths (none of the machine's) and its compact form for large audits.
@Suite struct HTMLLayoutTests {
    private func html(_ report: AuditReport, _ options: ReportOptions = ReportOptions()) -> String {
        ReportRenderer.render(report, format: .html, options: options)
    }

    private func offset(_ needle: String, _ html: String) throws -> Int {
        try #require(HTMLProbe.offset(of: needle, in: html), "\(needle)")
    }

    @Test func coverCarriesTheOrganisationAndTheSignOffBlock() throws {
        let attribution = ReportAttribution(organisation: "某某科技 <合规部>", preparedBy: "张三", approvedBy: "李四")
        let html = html(try ReportFixture.report(), ReportOptions(attribution: attribution))
        let cover = String(html[..<html.range(of: "<section id=\"summary\"")!.lowerBound])
        #expect(cover.contains("<p class=\"organisation\" id=\"cover-organisation\">某某科技 &lt;合规部&gt;</p>\n<h1 id=\"cover-title\">"))
        #expect(cover.contains("<dt>Organisation</dt><dd data-organisation=\"某某科技 &lt;合规部&gt;\">某某科技 &lt;合规部&gt;</dd>"))
        #expect(cover.contains("""
            <section id="sign-off" aria-labelledby="sign-off-title">
            <h2 id="sign-off-title">Sign-off</h2>
            <table id="sign-off-table">
            <caption>Preparation and approval (sign the printout)</caption>
            <thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Signature</th><th scope="col">Date</th></tr></thead>
            <tbody>
            <tr data-role="prepared-by"><th scope="row">Prepared by</th><td class="signer">张三</td><td class="signature"></td><td class="signature"></td></tr>
            <tr data-role="approved-by"><th scope="row">Approved by</th><td class="signer">李四</td><td class="signature"></td><td class="signature"></td></tr>
            </tbody>
            </table>
            </section>
            """))
        // Before the contents, on the first page.
        #expect(try offset("id=\"sign-off\"", html) < (try offset("<nav class=\"toc\"", html)))
    }

    @Test func anApproverAloneKeepsABlankPreparerRowAndNoNameMeansNoBlock() throws {
        let report = try ReportFixture.report(language: .zh)
        let html = html(report, ReportOptions(attribution: ReportAttribution(organisation: " ", approvedBy: "合规负责人")))
        #expect(html.contains("<tr data-role=\"prepared-by\"><th scope=\"row\">编制人</th><td class=\"signer\"></td>"))
        #expect(html.contains("<tr data-role=\"approved-by\"><th scope=\"row\">审批人</th><td class=\"signer\">合规负责人</td>"))
        #expect(!html.contains("cover-organisation"))
        let plain = self.html(report)
        #expect(!plain.contains("id=\"sign-off\"") && !plain.contains("cover-organisation"))
    }

    @Test func theFindingsComeRightAfterTheSummaryAndTheScopeListsAfterThem() throws {
        let html = html(try ReportFixture.report())
        let sections = try ["cover", "summary", "findings", "scope", "appendix", "stamp"].map { try offset("<section id=\"\($0)\"", html) }
        #expect(sections == sections.sorted())
        let findings = try offset("<section id=\"findings\"", html)
        let scope = try offset("<section id=\"scope\"", html)
        for list in ["<table id=\"scope-packs\">", "<table id=\"scope-institutions\">", "<table id=\"scope-products\">",
                     "<figure id=\"figure-matrix-products\">", "<ul class=\"legend\" aria-label=\"Legend\">"] {
            #expect(try offset(list, html) > scope, "\(list)")
        }
        #expect(try offset("<figure id=\"figure-findings-per-rule\">", html) < findings)
        #expect(html.contains("<li><a href=\"#findings\">Findings</a></li>\n<li><a href=\"#scope\">Scope</a></li>\n"))
        // Short lists are open; each subject links to its section and shows its checks.
        #expect(html.contains("<details id=\"scope-products-list\" open>\n<summary>Loan products (4)</summary>\n"))
        #expect(html.contains("<tr data-subject=\"LoanProduct/ok-loan\"><th scope=\"row\"><a href=\"#subject-LoanProduct-ok-loan\"><code>ok-loan</code></a></th>"))
    }

    @Test func aCJKFontStackForEveryCommonSystem() throws {
        let html = html(try ReportFixture.report(language: .zh))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        let cjk = #""PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "Microsoft JhengHei", "WenQuanYi Micro Hei", "Droid Sans Fallback""#
        #expect(html.contains(#"html { font-family: system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", "# + cjk + ", sans-serif;"))
        #expect(html.contains("html:lang(zh) { font-family: " + cjk + #", system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", sans-serif; }"#))
    }

    @Test func noAbsolutePathOfTheMachine() throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.reportFromFiles(in: directory)
        let packFile = try #require(report.packs.first?.file)
        let packsDirectory = try #require(packFile.range(of: "/packs/"))
        let rulesRoot = String(packFile[..<packsDirectory.lowerBound])
        #expect(packFile.hasPrefix("/") && directory.hasPrefix("/"))
        // Run from elsewhere: the inputs are outside the source root, the packs under their rules directory.
        let html = html(report, ReportOptions(sourceRoot: "/nonexistent", rulesRoots: [rulesRoot]))
        for root in [directory, rulesRoot, FileManager.default.currentDirectoryPath, NSTemporaryDirectory()] {
            #expect(!html.contains(root), "\(root)")
        }
        #expect(html.contains("<code>cn-bank-internet-lending-2020</code><br><span class=\"muted\"><code>packs/cn-bank-internet-lending-2020.yaml</code></span>"))
        #expect(html.contains("<tr data-input=\"…/products/weili.yaml\" data-sha256="))
        #expect(html.contains("<code class=\"location\">…/products/weili.yaml:8:"))
        #expect(html.contains("<p class=\"subject-meta\">File: <code>…/products/weili.yaml</code>"))
        #expect(html.contains("<span class=\"muted\"><code>…/waivers/legacy.yaml:1:1</code></span>"))
        // Under the source root: relative.
        let relative = self.html(report, ReportOptions(sourceRoot: directory))
        #expect(relative.contains("<tr data-input=\"products/weili.yaml\" data-sha256="))
    }

    @Test func pathsAreShownRelativeOrByTheirLastComponents() {
        let paths = HTMLPaths(options: ReportOptions(sourceRoot: "/repo/", rulesRoots: ["/opt/loancheck/Rules/", "rules"]))
        #expect(paths.file("/repo/products/a.yaml") == "products/a.yaml")
        #expect(paths.file("./products/a.yaml") == "products/a.yaml")
        #expect(paths.file("/home/me/x/products/a.yaml") == "…/products/a.yaml")
        #expect(paths.pack("/opt/loancheck/Rules/packs/cn.yaml") == "packs/cn.yaml")
        #expect(paths.pack("rules/extra.yaml") == "extra.yaml")
        #expect(paths.pack("/elsewhere/packs/cn.yaml") == "…/packs/cn.yaml")
        #expect(paths.text("shipped pack p 1 is replaced by /opt/loancheck/Rules/shadow/p.yaml (version 2)")
            == "shipped pack p 1 is replaced by shadow/p.yaml (version 2)")
    }

    @Test func aLargeAuditIsCompact() throws {
        var files = [("institutions/banks.yaml", ReportFixture.banks)]
        for index in 0..<240 {
            // Every 40th product breaks the bank's credit-line cap.
            let limit = index % 40 == 0 ? "30万" : "10万"
            files.append(("products/p\(index).yaml", ReportFixture.product(id: "p\(index)", name: "产品\(index)", creditLineMax: limit)))
        }
        let html = html(try ReportFixture.report(files))
        // A section for each product with findings, a count and a link for the others.
        #expect(html.components(separatedBy: "<section class=\"subject product\"").count - 1 == 6)
        #expect(html.contains("<p id=\"subject-Institution-nb-quiet\" class=\"quiet\" data-count=\"234\"><a href=\"#scope-products-list\">234 products without findings</a></p>"))
        #expect(html.contains("<p id=\"quiet-institutions\" class=\"quiet\" data-count=\"1\"><a href=\"#scope-institutions-list\">1 institution without findings</a></p>"))
        #expect(!html.contains("id=\"subject-LoanProduct-p1\""))
        // The long list is collapsed; a product without a section is not linked.
        #expect(html.contains("<details id=\"scope-products-list\">\n<summary>Loan products (240)</summary>\n"))
        #expect(html.contains("<tr data-subject=\"LoanProduct/p1\"><th scope=\"row\"><code>p1</code></th>"))
        // The matrix draws the six products with a finding, collapsed; the legend counts every check.
        #expect(html.contains("<p class=\"muted\">6 of 240 subjects drawn: those with a finding, a waiver or a check that cannot be evaluated;"))
        #expect(html.contains("<li data-state=\"fail\" data-count=\"6\" data-drawn=\"6\">"))
        #expect(html.contains("<li data-state=\"pass\" data-count=\"") && html.contains("data-drawn=\"0\">"))
        #expect(html.utf8.count < 400_000, "\(html.utf8.count) bytes")
    }
}
