import Diagnostics
import Testing

@testable import YAML

@Suite("Anchors and aliases")
struct AliasTests {
    @Test("an alias yields a copy of the anchored node, with the anchored node's positions")
    func expansion() throws {
        let text = """
            defaults: &d
              rate: 0.05% per day
              term: 12 months
            a: *d
            b: [*d, *d]
            s: &s text
            t: *s
            """
        let root = try document(text)
        let a = try #require(root["a"])
        #expect(a["rate"]?.text == "0.05% per day")
        // The anchored mapping starts at its anchor '&d'.
        #expect(a.start == mark(1, 11))
        #expect(a["term"]?.start == mark(3, 9))
        #expect(root["b"]?.sequence?.count == 2)
        #expect(root["b", 1, "term"]?.text == "12 months")
        #expect(root["t"]?.text == "text")
        #expect(root["t"]?.start == mark(6, 4))
        #expect(root["t"]?.textOrigin.column == 7)
    }

    @Test("an anchor may be redefined; an alias uses the latest definition")
    func redefinition() throws {
        let root = try document("- &x 1\n- *x\n- &x 2\n- *x\n")
        #expect(root.sequence?.map(\.text) == ["1", "1", "2", "2"])
    }

    @Test func unknownAlias() {
        let errors = diagnostics("base: &base {a: 1}\nproduct: *bsae\nother: *nothing_like_it\n")
        #expect(errors.count == 2)
        #expect(errors.first?.message == "unknown alias '*bsae'")
        #expect(errors.first?.location == at(2, 10))
        #expect(errors.first?.hints == ["did you mean 'base'?"])
        #expect(errors.last?.message == "unknown alias '*nothing_like_it'")
        #expect(errors.last?.location == at(3, 8))
        #expect(errors.last?.hints == [
            "an alias '*nothing_like_it' needs an anchor '&nothing_like_it' on a node written before it in the same document"
        ])
    }

    @Test("anchors do not carry over into the next document")
    func anchorsArePerDocument() {
        let errors = diagnostics("a: &x 1\n---\nb: *x\n")
        #expect(errors.map(\.message) == ["unknown alias '*x'"])
        #expect(errors.map(\.location) == [at(3, 4)])
    }

    @Test func recursiveAlias() {
        let errors = diagnostics("a: &loop\n  - *loop\n")
        #expect(errors.map(\.message) == ["alias '*loop' refers to a node that contains it"])
        #expect(errors.map(\.location) == [at(2, 5)])
    }

    @Test("a 'billion laughs' file fails at the alias that crosses the limit", .timeLimit(.minutes(1)))
    func billionLaughs() {
        var text = "lol0: &lol0 lol\n"
        for level in 1...9 {
            let aliases = Array(repeating: "*lol\(level - 1)", count: 10).joined(separator: ", ")
            text += "lol\(level): &lol\(level) [\(aliases)]\n"
        }
        text += "boom: *lol9\n"
        let errors = diagnostics(text, file: "laughs.yaml")
        #expect(errors.count == 1)
        let error = errors.first
        #expect(error?.message == "alias expansion exceeds the limit of 100000 nodes")
        // lolN holds 1 + 10 × lol(N-1) nodes: 1, 11, 111, 1111, 11111. Defining lol1…lol4 expands
        // 10 + 110 + 1110 + 11110 = 12340 nodes; each '*lol4' in lol5 adds 11111, and the 8th one
        // (line 6, column 14 + 7 × 7) would reach 101228.
        #expect(error?.location == at(6, 63, file: "laughs.yaml"))
        #expect(error?.hints.first?.contains("billion laughs") == true)
    }

    @Test func customAliasLimit() throws {
        let text = "a: &a [1, 2, 3]\nb: *a\nc: *a\n"
        let limits = YAMLLimits(maxDepth: 512, maxAliasExpansion: 7)
        let errors = diagnostics(text, limits: limits)
        #expect(errors.map(\.message) == ["alias expansion exceeds the limit of 7 nodes"])
        #expect(errors.map(\.location) == [at(3, 4)])
        let ok = try YAMLReader.parse(text, file: "t.yaml", limits: YAMLLimits(maxDepth: 512, maxAliasExpansion: 8))
        #expect(ok.first?["c", 2]?.text == "3")
    }

    @Test func aliasAsKeyIsCheckedForDuplicatesAtTheAlias() {
        let errors = diagnostics("k: &k name\nm:\n  name: 1\n  *k : 2\n")
        #expect(errors.map(\.message) == ["duplicate key 'name'"])
        #expect(errors.first?.location == at(4, 3))
        #expect(errors.first?.notes == [Diagnostic.Note("first defined here", at: at(3, 3))])
    }

    @Test("a key first written as an alias is noted at the alias, in small and large mappings")
    func aliasKeyFirstIsNotedAtTheAlias() {
        let small = diagnostics("k: &k name\nm:\n  *k : 1\n  name: 2\n")
        #expect(small.map(\.message) == ["duplicate key 'name'"])
        #expect(small.first?.location == at(4, 3))
        #expect(small.first?.notes == [Diagnostic.Note("first defined here", at: at(3, 3))])

        var text = "k: &k name\nm:\n  *k : 0\n"
        for index in 1...20 { text += "  key\(index): \(index)\n" }
        text += "  name: again\n"
        let large = diagnostics(text)
        #expect(large.map(\.message) == ["duplicate key 'name'"])
        #expect(large.first?.location == at(24, 3))
        #expect(large.first?.notes == [Diagnostic.Note("first defined here", at: at(3, 3))])
    }
}
