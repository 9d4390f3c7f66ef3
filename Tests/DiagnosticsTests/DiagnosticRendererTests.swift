import Diagnostics
import Testing

@Suite struct DiagnosticRendererTests {
    private func renderer(_ text: String, file: String = "a.yaml") -> DiagnosticRenderer {
        var sources = SourceTexts()
        sources.add(file: file, text: text)
        return DiagnosticRenderer(sources: sources)
    }

    @Test func rendersHeaderSourceLineCaretNotesAndHints() {
        let diagnostic = Diagnostic.error(
            "duplicate key 'id'",
            at: SourceLocation(file: "a.yaml", line: 3, column: 1),
            hint: "remove one of them or rename it",
            notes: [.init("first defined here", at: SourceLocation(file: "a.yaml", line: 2, column: 1))])
        let text = renderer("kind: LoanProduct\nid: a\nid: b\n").render(diagnostic)
        #expect(text == """
            a.yaml:3:1: error: duplicate key 'id'
              3 | id: b
                | ^
              note: a.yaml:2:1: first defined here
              hint: remove one of them or rename it

            """)
    }

    @Test func caretAccountsForWideCharacters() {
        // Column 7 is the '2' after "名称: 微粒" (each CJK character is one column but two display cells).
        let line = "名称: 微粒2"
        let text = renderer(line).snippet(at: SourceLocation(file: "a.yaml", line: 1, column: 7))
        // 名 称 微 粒 take two cells each: 2 + 2 + 1 (':') + 1 (' ') + 2 + 2 = 10 cells before the '2'.
        #expect(text == "  1 | 名称: 微粒2\n    | " + String(repeating: " ", count: 10) + "^\n")
    }

    @Test func caretKeepsTabsSoItLinesUp() {
        let text = renderer("\tkey: x").snippet(at: SourceLocation(file: "a.yaml", line: 1, column: 2))
        #expect(text == "  1 | \tkey: x\n    | \t^\n")
    }

    @Test func unknownFileRendersHeaderOnly() {
        let diagnostic = Diagnostic.error("boom", at: SourceLocation(file: "missing.yaml", line: 1, column: 1))
        #expect(renderer("").render(diagnostic) == "missing.yaml:1:1: error: boom\n")
    }

    @Test func diagnosticWithoutLocationNamesTheTool() {
        let diagnostic = Diagnostic.error("cannot read 'x': no such file or directory", at: nil, hint: "check the path")
        #expect(renderer("").render(diagnostic) == "loancheck: error: cannot read 'x': no such file or directory\n  hint: check the path\n")
    }

    @Test func controlCharactersAreShownEscapedAndTheCaretStillLinesUp() {
        let text = renderer("a\u{0}b").snippet(at: SourceLocation(file: "a.yaml", line: 1, column: 2))
        #expect(text == #"  1 | a\x00b"# + "\n    |  ^\n")
        // Column 4 is the 'x' after the override: the escape before it is six cells wide.
        let bidi = renderer("ab\u{202E}x").snippet(at: SourceLocation(file: "a.yaml", line: 1, column: 4))
        #expect(bidi == #"  1 | ab\u202Ex"# + "\n    | " + String(repeating: " ", count: 8) + "^\n")
    }

    @Test func colourWrapsSeverityOnlyWhenAsked() {
        let diagnostic = Diagnostic.error("x", at: nil)
        let coloured = DiagnosticRenderer(sources: SourceTexts(), useColor: true).render(diagnostic)
        #expect(coloured.contains("\u{1B}[1;31merror\u{1B}[0m"))
    }
}

@Suite struct SourceLocationTests {
    @Test func embeddedOriginMapsFirstAndContinuationLines() {
        let origin = EmbeddedTextOrigin(file: "r.yaml", line: 10, column: 14, continuationColumn: 7)
        #expect(origin.location(textLine: 1, textColumn: 5) == SourceLocation(file: "r.yaml", line: 10, column: 18))
        #expect(origin.location(textLine: 3, textColumn: 2) == SourceLocation(file: "r.yaml", line: 12, column: 8))
    }

    @Test func descriptionIsFileLineColumn() {
        #expect(SourceLocation(file: "p.yaml", line: 3, column: 8).description == "p.yaml:3:8")
    }

    @Test func severityOrder() {
        #expect(Severity.note < .warning && Severity.warning < .error)
    }
}

@Suite struct SuggestionsTests {
    @Test func suggestsCloseNames() {
        #expect(Suggestions.closest(to: "credit_lin", in: ["credit_line", "term", "regions"]) == "credit_line")
        #expect(Suggestions.closest(to: "reigons", in: ["credit_line", "term", "regions"]) == "regions")
        #expect(Suggestions.hint(for: "local-bnk", in: ["local-bank", "national-bank"]) == "did you mean 'local-bank'?")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestions.closest(to: "zzz", in: ["credit_line", "term"]) == nil)
        #expect(Suggestions.closest(to: "x", in: [String]()) == nil)
    }
}
