import Testing

@testable import YAML

@Suite("Nesting depth bound")
struct DepthTests {
    @Test("20,000 nested flow sequences fail at the 513th, without overflowing the stack")
    func deepFlow() {
        let errors = diagnostics(String(repeating: "[", count: 20_000) + "\n")
        #expect(errors.count == 1)
        #expect(errors.first?.message == "nesting depth exceeds the limit of 512")
        #expect(errors.first?.location == at(1, 513))
    }

    @Test("20,000 nested block sequences fail at the 513th")
    func deepBlock() {
        let errors = diagnostics(String(repeating: "- ", count: 20_000) + "x\n")
        #expect(errors.map(\.message) == ["nesting depth exceeds the limit of 512"])
        #expect(errors.first?.location == at(1, 1025))
    }

    @Test func deepFlowMappings() {
        let errors = diagnostics(String(repeating: "{a: ", count: 20_000) + "1" + String(repeating: "}", count: 20_000))
        #expect(errors.map(\.message) == ["nesting depth exceeds the limit of 512"])
        #expect(errors.first?.location == at(1, 1 + 4 * 512))
    }

    @Test("exactly the limit is accepted")
    func atTheLimit() throws {
        let text = String(repeating: "[", count: 512) + "x" + String(repeating: "]", count: 512)
        var node = try document(text)
        var depth = 1
        while let inner = node.sequence?.first, inner.sequence != nil {
            node = inner
            depth += 1
        }
        #expect(depth == 512)
        #expect(node.sequence?.first?.text == "x")
    }

    @Test("an alias to a deep node, placed deep, counts its full depth")
    func deepAlias() {
        let deep = String(repeating: "[", count: 300) + "x" + String(repeating: "]", count: 300)
        let text = "a: &a \(deep)\nb: " + String(repeating: "[", count: 300) + "*a" + String(repeating: "]", count: 300) + "\n"
        let errors = diagnostics(text)
        #expect(errors.map(\.message) == ["nesting depth exceeds the limit of 512"])
        #expect(errors.first?.location == at(2, 304))
    }

    @Test("an alias that fits under the limit is accepted")
    func aliasWithinTheLimit() throws {
        let text = "a: &a [[x]]\nb: [[*a]]\n"
        #expect(try YAMLReader.parse(text, file: "t.yaml", limits: YAMLLimits(maxDepth: 5, maxAliasExpansion: 10)).count == 1)
        let errors = diagnostics(text, limits: YAMLLimits(maxDepth: 4, maxAliasExpansion: 10))
        #expect(errors.map(\.location) == [at(2, 6)])
    }

    @Test func customDepthLimit() {
        let errors = diagnostics("a:\n  b:\n    c: [1]\n", limits: YAMLLimits(maxDepth: 3, maxAliasExpansion: 10))
        #expect(errors.map(\.message) == ["nesting depth exceeds the limit of 3"])
        #expect(errors.first?.location == at(3, 8))
    }
}
