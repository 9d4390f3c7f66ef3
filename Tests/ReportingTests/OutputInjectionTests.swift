import Compliance
import Foundation
@testable import Reporting
import Testing

/// Control and bidi characters from the inputs never reach a report as themselves (issue 17 item 11,
/// defects-reproductions.md §9): the human-readable formats show them escaped (`DisplayText`), the
/// structured ones as `\u` escapes, so no line of a report starts a GitHub workflow command of its own
/// and no ESC sequence or bidi override reaches a terminal or a viewer.
@Suite struct OutputInjectionTests {
    /// A waiver written to forge a workflow command and erase the lines above it, approved by a name
    /// holding a right-to-left override.
    static let hostileWaiver = """
    kind: Waiver
    rule: CN-BANK-CREDIT-LINE
    subject: legacy-loan
    reason: "ok\\n::error file=products/ok.yaml,line=1::forged\\e[1A\\e[2K\\a"
    approved_by: "risk\\u202Eteam"
    reference: "ref\\r\\x85"
    expires: 2026-06-30

    """

    /// The fixture with the hostile waiver, and the violating product's file named with a line break
    /// and an isolate.
    static var files: [(String, String)] {
        var files = ReportFixture.files
        files[1].0 = "products/we\nili\u{2067}.yaml"
        files[5].1 = hostileWaiver
        return files
    }

    static let raw: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\r", "\u{85}", "\u{202E}", "\u{2067}"]

    private func expectNoRawCharacters(_ output: String, _ format: ReportFormat, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in Self.raw {
            #expect(!output.unicodeScalars.contains(scalar), "\(format) holds U+\(String(scalar.value, radix: 16))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func theTextReportShowsTheWaiverEscaped() throws {
        let text = ReportRenderer.render(try ReportFixture.report(Self.files), format: .text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains(#"  waived by risk\u202Eteam (ref\r\x85) until 2026-06-30: ok\n::error file=products/ok.yaml,line=1::forged\x1B[1A\x1B[2K\x07"#))
        #expect(lines.contains { $0.hasPrefix(#"products/we\nili\u2067.yaml:8:30: error[CN-BANK-CREDIT-LINE]: "#) })
        #expect(!lines.contains { $0.hasPrefix("::") })
        expectNoRawCharacters(text, .text)
    }

    @Test func anExpiredHostileWaiverIsOneAnnotationLine() throws {
        // After its expiry the waiver no longer hides the finding, so its reason reaches the annotation.
        let output = ReportRenderer.render(try ReportFixture.report(Self.files, asOf: "2026-07-01"), format: .github,
                                           options: ReportOptions(sourceRoot: "/repo"))
        let lines = output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error file=products/legacy.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::"))
        #expect(lines[0].hasSuffix(#"%0Awaiver expired after 2026-06-30 (approved by risk\u202Eteam, ref\r\x85): ok\n::error file=products/ok.yaml,line=1::forged\x1B[1A\x1B[2K\x07"#))
        #expect(lines[1].hasPrefix(#"::error file=products/we\nili\u2067.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::"#))
        #expect(!lines[2].hasPrefix("::"))
        expectNoRawCharacters(output, .github)
    }

    @Test(arguments: ReportFormat.allCases)
    func noFormatCarriesTheCharactersRaw(format: ReportFormat) throws {
        let output = ReportRenderer.render(try ReportFixture.report(Self.files), format: format, options: ReportOptions(sourceRoot: "/repo"))
        expectNoRawCharacters(output, format)
    }

    @Test func jsonKeepsTheExactValueWithUnicodeEscapes() throws {
        let json = ReportRenderer.render(try ReportFixture.report(Self.files), format: .json)
        #expect(json.contains(#""approvedBy": "risk\u202eteam""#))
        #expect(json.contains(#""reason": "ok\n::error file=products/ok.yaml,line=1::forged\u001b[1A\u001b[2K\u0007""#))
        #expect(json.contains(#""file": "products/we\nili\u2067.yaml""#))
    }

    @Test func htmlAndMarkdownShowTheEscapes() throws {
        let report = try ReportFixture.report(Self.files)
        let html = ReportRenderer.render(report, format: .html)
        // A line feed is layout in HTML (shown as a space); it cannot start a line of a log there.
        #expect(html.contains("ok\n::error file=products/ok.yaml,line=1::forged" + #"\x1B[1A\x1B[2K\x07"#))
        #expect(html.contains(#"risk\u202Eteam"#))
        let markdown = ReportRenderer.render(report, format: .markdown)
        #expect(markdown.contains(#"ok<br>::error file=products/ok.yaml,line=1::forged\\x1B\[1A\\x1B\[2K\\x07"#))
    }

    @Test func sarifMessagesAreShownEscapedAndURIsKeepTheBytes() throws {
        var files = Self.files
        files[1].0 = "products/p\u{10FEFF}.yaml"  // the stand-in of the byte 0xFF (`PathBytes`)
        let sarif = ReportRenderer.render(try ReportFixture.report(files), format: .sarif, options: ReportOptions(sourceRoot: "/repo"))
        #expect(sarif.contains(#""uri": "products/p%FF.yaml""#))
        let json = ReportRenderer.render(try ReportFixture.report(files), format: .json)
        #expect(json.contains(#""file": "products/p\\xFF.yaml""#))
        let text = ReportRenderer.render(try ReportFixture.report(files), format: .text)
        #expect(text.contains(#"products/p\xFF.yaml:8:30: error[CN-BANK-CREDIT-LINE]"#))
    }
}
