import Diagnostics
import Testing

/// A diagnostic's rendering stays small whatever the input: a line of minified YAML or a 5 MB value is
/// quoted around the caret, and a message quoting a huge value is cut.
@Suite struct DiagnosticSizeTests {
    static func renderer(_ text: String) -> DiagnosticRenderer {
        var sources = SourceTexts()
        sources.add(file: "a.yaml", text: text)
        return DiagnosticRenderer(sources: sources)
    }

    @Test func shortLinesAreQuotedWhole() {
        let text = Self.renderer("a: [1, 2]").snippet(at: SourceLocation(file: "a.yaml", line: 1, column: 5))
        #expect(text == "  1 | a: [1, 2]\n    |     ^\n")
    }

    @Test func longLinesAreQuotedAroundTheCaret() {
        let line = "k: [" + String(repeating: "1, ", count: 100_000) + "x]"
        let column = 4 + 3 * 50_000 + 1
        let text = Self.renderer(line).snippet(at: SourceLocation(file: "a.yaml", line: 1, column: column))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("  1 | …, 1, 1"))
        #expect(lines[0].hasSuffix("…"))
        #expect(lines[0].count == "  1 | ".count + DiagnosticRenderer.snippetWidth + 2)
        // The caret still points at the character: 80 characters into the window, after the "…".
        #expect(lines[1] == "    | " + String(repeating: " ", count: 1 + DiagnosticRenderer.snippetWidth / 2) + "^")
        let head = Self.renderer(line).snippet(at: SourceLocation(file: "a.yaml", line: 1, column: 2))
        #expect(head.hasPrefix("  1 | k: [1, 1, 1"))
        #expect(head.contains("…\n    |  ^\n"))
    }

    @Test func longMessagesAreCut() {
        let value = String(repeating: "x", count: 5 << 20)
        let diagnostic = Diagnostic.error("expected an amount of money, found '\(value)'", at: nil, hint: "write \(value)")
        let text = DiagnosticRenderer(sources: SourceTexts()).render(diagnostic)
        #expect(text.utf8.count < 2 * DiagnosticRenderer.messageLimit + 200)
        #expect(text.contains("… (\(value.count - DiagnosticRenderer.messageLimit + 37) more characters)"))
    }

    @Test(.timeLimit(.minutes(1)))
    func suggestionsForAHugeNameAreCheap() {
        // Compared character by character with every candidate this took minutes; lengths rule it out.
        let name = String(repeating: "x", count: 5 << 20)
        #expect(Suggestions.closest(to: name, in: ["registered", "paid_in", "net_assets"]) == nil)
        #expect(Suggestions.closest(to: "paid_inn", in: ["registered", "paid_in"]) == "paid_in")
    }
}
