import Diagnostics
import Testing

/// The texts diagnostics quote: lines by number, and which text wins when sets are merged.
@Suite struct SourceTextsTests {
    @Test func linesAreSplitAtLFCRLFAndLoneCR() {
        var sources = SourceTexts()
        sources.add(file: "a.yaml", text: "one\ntwo\r\nthree\rfour")
        #expect(sources.line(1, of: "a.yaml") == "one")
        #expect(sources.line(2, of: "a.yaml") == "two")
        #expect(sources.line(3, of: "a.yaml") == "three")
        #expect(sources.line(4, of: "a.yaml") == "four")
        #expect(sources.line(5, of: "a.yaml") == nil)
        #expect(sources.line(0, of: "a.yaml") == nil)
        #expect(sources.line(1, of: "b.yaml") == nil)
        // After a final line break there is one empty line (where "unexpected end of file" points), no more.
        sources.add(file: "c.yaml", text: "a\r\nb\n")
        #expect(sources.line(2, of: "c.yaml") == "b")
        #expect(sources.line(3, of: "c.yaml") == "")
        #expect(sources.line(4, of: "c.yaml") == nil)
    }

    @Test func aMergeKeepsTheTextsAlreadyKnownAndTheFirstMergedWins() {
        var own = SourceTexts()
        own.add(file: "a.yaml", text: "own a")
        var first = SourceTexts()
        first.add(file: "a.yaml", text: "first a")
        first.add(file: "b.yaml", text: "first b")
        var second = SourceTexts()
        second.add(file: "b.yaml", text: "second b")
        second.add(file: "c.yaml", text: "second c")
        own.merge(first)
        own.merge(second)
        #expect(own.line(1, of: "a.yaml") == "own a")
        #expect(own.line(1, of: "b.yaml") == "first b")
        #expect(own.line(1, of: "c.yaml") == "second c")
        // A text added after the merge replaces the merged one, as it replaces its own.
        own.add(file: "c.yaml", text: "new c")
        #expect(own.line(1, of: "c.yaml") == "new c")
        // The merged sets are values: changing one afterwards changes nothing here.
        second.add(file: "d.yaml", text: "second d")
        #expect(own.line(1, of: "d.yaml") == nil)
    }
}
