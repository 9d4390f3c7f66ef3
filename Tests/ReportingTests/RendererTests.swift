import Compliance
import Foundation
@testable import Reporting
import Testing

@Suite struct RendererTests {
    @Test(arguments: ReportFormat.allCases)
    func deterministicAndNewlineTerminated(format: ReportFormat) throws {
        let report = try BaselineFixture.report()
        let first = ReportRenderer.render(report, format: format, options: ReportOptions(sourceRoot: "/repo"))
        let second = ReportRenderer.render(report, format: format, options: ReportOptions(sourceRoot: "/repo"))
        #expect(first == second)
        #expect(first.hasSuffix("\n") && !first.hasSuffix("\n\n\n"))
    }

    @Test(arguments: ReportFormat.allCases)
    func bytesAreTheTextsBytes(format: ReportFormat) throws {
        let report = try ReportFixture.report()
        let options = ReportOptions(sourceRoot: "/repo")
        let bytes = ReportRenderer.renderUTF8(report, format: format, options: options)
        if format == .json || format == .sarif {
            #expect(bytes == Array(ReportRenderer.render(report, format: format, options: options).utf8))
        } else {
            #expect(bytes == nil)
        }
    }

    @Test func xmlEscaping() {
        #expect(XMLEscaping.text("a < b && c > d \"q\" 'a'") == "a &lt; b &amp;&amp; c &gt; d \"q\" 'a'")
        #expect(XMLEscaping.attribute("\"x\"\n'y'\t") == "&quot;x&quot;&#10;&#39;y&#39;&#9;")
        // Line feeds and tabs are layout; CR and the other controls are shown escaped (XML 1.0 cannot
        // carry most of them at all), as are bidi overrides; U+FFFE cannot be shown and is replaced.
        #expect(XMLEscaping.text("line\r\nnext\tcol") == #"line\r"# + "\nnext\tcol")
        #expect(XMLEscaping.text("bell\u{07}nul\u{0}c1\u{85}ok\u{FFFE}") == #"bell\x07nul\x00c1\x85ok"# + "\u{FFFD}")
        #expect(XMLEscaping.text("abc\u{202E}fed\u{2066}x") == #"abc\u202Efed\u2066x"#)
        #expect(XMLEscaping.attribute("a\u{1B}[2K") == #"a\x1B[2K"#)
        #expect(XMLEscaping.text("中文 ¥") == "中文 ¥")
    }

    @Test func xmlCommentsCannotBeClosedEarly() {
        var writer = XMLWriter()
        writer.comment("a -- b --> c")
        #expect(writer.output.hasSuffix("<!-- a - - b - -> c -->\n"))
    }

    @Test func pathsAndURIs() {
        let paths = ReportPaths(sourceRoot: "/work/repo/")
        #expect(paths.root == "/work/repo")
        #expect(paths.relative("products/a.yaml") == "products/a.yaml")
        #expect(paths.relative("./products/a.yaml") == "products/a.yaml")
        #expect(paths.relative("/work/repo/products/a.yaml") == "products/a.yaml")
        #expect(paths.relative("/work/repository/a.yaml") == nil)
        #expect(paths.uri("products/微粒 #1.yaml").uri == "products/%E5%BE%AE%E7%B2%92%20%231.yaml")
        #expect(paths.uri("/etc/a.yaml") == (uri: "file:///etc/a.yaml", relative: false))
        #expect(paths.rootURI == "file:///work/repo/")
        #expect(ReportPaths(sourceRoot: "/").rootURI == "file:///")
        #expect(ReportPaths(sourceRoot: "/").relative("/a/b.yaml") == "a/b.yaml")
    }

    @Test func pathsAreNormalisedAndOutsideTheRootAbsolute() {
        let paths = ReportPaths(sourceRoot: "/work/repo")
        #expect(paths.relative("ledger/../tapes/./loans.csv") == "tapes/loans.csv")
        #expect(paths.relative("/work/repo/a/../products/p.yaml") == "products/p.yaml")
        #expect(paths.relative("../other/p.yaml") == nil)
        #expect(paths.display("../other/p.yaml") == "/work/other/p.yaml")
        #expect(paths.uri("../other/p.yaml") == (uri: "file:///work/other/p.yaml", relative: false))
        #expect(paths.display("/etc/./x/../a.yaml") == "/etc/a.yaml")
    }

    @Test func sarifHelpURIs() {
        #expect(SARIFReport.absoluteURI("https://www.gov.cn/zhengce/content_5527628.htm") == "https://www.gov.cn/zhengce/content_5527628.htm")
        #expect(SARIFReport.absoluteURI("https://example.org/办法 全文?a=1%20b") == "https://example.org/%E5%8A%9E%E6%B3%95%20%E5%85%A8%E6%96%87?a=1%20b")
        #expect(SARIFReport.absoluteURI("100%") == nil)
        #expect(SARIFReport.absoluteURI("www.gov.cn/page") == nil)
    }

    @Test func sarifRuleNames() {
        #expect(SARIFReport.name(of: "CN-BANK-CREDIT-LINE") == "CnBankCreditLine")
        #expect(SARIFReport.name(of: "CN-RATE-APR-24") == "CnRateApr24")
    }
}
