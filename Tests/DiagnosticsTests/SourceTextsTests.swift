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

    /// Lines are found from an index of every 64th line start: lines on both sides of those starts, with
    /// every kind of break, and the line past the last.
    @Test func linesAroundTheIndexedStartsAreExact() {
        let breaks = ["\n", "\r\n", "\r"]
        let text = (1...200).map { "line \($0)" + breaks[$0 % 3] }.joined()
        var sources = SourceTexts()
        sources.add(file: "a.yaml", text: text)
        for number in [1, 2, 63, 64, 65, 66, 128, 129, 130, 192, 193, 199, 200] {
            #expect(sources.line(number, of: "a.yaml") == "line \(number)"[...], "line \(number)")
        }
        #expect(sources.line(201, of: "a.yaml") == "")
        #expect(sources.line(202, of: "a.yaml") == nil)
        #expect(sources.line(1_000, of: "a.yaml") == nil)
        // Non-ASCII text before and on a line keeps the slice on character boundaries.
        sources.add(file: "b.yaml", text: String(repeating: "注\n", count: 70) + "名称: 甲小贷\r\n")
        #expect(sources.line(65, of: "b.yaml") == "注")
        #expect(sources.line(71, of: "b.yaml") == "名称: 甲小贷")
        #expect(sources.line(72, of: "b.yaml") == "")
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
