import Diagnostics
import Testing

@Suite struct DisplayTextTests {
    @Test func printableTextIsReturnedAsItIs() {
        let text = "微粒贷 ¥200,000 ≤ 24% — a\\nb (a backslash stays)"
        #expect(DisplayText.safe(text) == text)
    }

    @Test func controlCharactersAreEscapedInYAMLNotation() {
        #expect(DisplayText.safe("ok\n::error file=a.yaml::x\r\t\u{1B}[2K\u{07}\u{0}\u{7F}\u{85}\u{9F}")
            == #"ok\n::error file=a.yaml::x\r\t\x1B[2K\x07\x00\x7F\x85\x9F"#)
    }

    @Test func bidiControlsDirectionMarksAndSeparatorsAreEscaped() {
        #expect(DisplayText.safe("a\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}b")
            == #"a\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069b"#)
        #expect(DisplayText.safe("\u{200E}\u{200F}\u{061C}\u{2028}\u{2029}") == #"\u200E\u200F\u061C\u2028\u2029"#)
        // Zero-width joiners and the like change no order and stay.
        #expect(DisplayText.safe("a\u{200D}b") == "a\u{200D}b")
    }

    @Test func blockLayoutKeepsLineFeedsAndTabsOnly() {
        #expect(DisplayText.safe("a\n\tb\r\u{1B}", layout: .block) == "a\n\tb" + #"\r\x1B"#)
    }
}

@Suite struct PathBytesTests {
    @Test func validNamesAreTheirOwnText() {
        #expect(PathBytes.path(fromBytes: Array("产品/a.yaml".utf8)) == "产品/a.yaml")
        #expect(PathBytes.bytes("产品/a.yaml") == Array("产品/a.yaml".utf8))
    }

    @Test func bytesThatAreNotUTF8RoundTripAndShowAsHex() {
        // `贷款.yaml` in GBK.
        let gbk: [UInt8] = [0xB4, 0xFB, 0xBF, 0xEE] + Array(".yaml".utf8)
        let path = PathBytes.path(fromBytes: gbk)
        #expect(PathBytes.bytes(path) == gbk)
        #expect(DisplayText.safe(path) == #"\xB4\xFB\xBF\xEE.yaml"#)
        #expect(PathBytes.shown(path) == #"\xB4\xFB\xBF\xEE.yaml"#)
        let mixed: [UInt8] = Array("p".utf8) + [0xFF] + Array("名.yaml".utf8)
        #expect(PathBytes.bytes(PathBytes.path(fromBytes: mixed)) == mixed)
        #expect(SourceLocation(file: PathBytes.path(fromBytes: mixed), line: 2, column: 3).description == #"p\xFF名.yaml:2:3"#)
    }

    @Test func aValidNameHoldingAStandInIsKeptByteForByte() {
        // U+10FEFF written in a real file name must not turn into the byte 0xFF.
        let bytes = Array("a\u{10FEFF}.yaml".utf8)
        let path = PathBytes.path(fromBytes: bytes)
        #expect(PathBytes.bytes(path) == bytes)
        #expect(path != "a\u{10FEFF}.yaml")
    }

    @Test func argumentsWithoutReplacementCharactersAreUnchanged() {
        #expect(PathBytes.commandLineArgument("products/a.yaml") == "products/a.yaml")
    }
}

@Suite struct DiagnosticInjectionTests {
    @Test func aKeyWithALineBreakCannotStartALineOnStderr() {
        // defects-reproductions.md §9: a double-quoted key forging a GitHub workflow command.
        let line = #""x\n::warning file=a.yaml,line=1::FORGED": 1"#
        var sources = SourceTexts()
        sources.add(file: "p.yaml", text: line + "\n")
        let diagnostic = Diagnostic.error("unknown field 'x\n::warning file=a.yaml,line=1::FORGED' in LoanProduct",
                                          at: SourceLocation(file: "p.yaml", line: 1, column: 1), hint: "fields: a\u{1B}[1A",
                                          notes: [.init("see\r::error::x", at: nil)])
        #expect(DiagnosticRenderer(sources: sources).render(diagnostic) == """
            p.yaml:1:1: error: unknown field 'x\\n::warning file=a.yaml,line=1::FORGED' in LoanProduct
              1 | \(line)
                | ^
              note: see\\r::error::x
              hint: fields: a\\x1B[1A

            """)
    }

    @Test func aLongMessageIsEscapedAndCut() {
        let message = String(repeating: "\u{1B}", count: 500)
        let rendered = DiagnosticRenderer(sources: SourceTexts()).render(Diagnostic.error(message, at: nil))
        #expect(rendered == "loancheck: error: " + String(repeating: #"\x1B"#, count: 400) + "… (100 more characters)\n")
    }
}
