import Diagnostics
import Testing

@testable import YAML

@Suite("Duplicate keys")
struct DuplicateKeyTests {
    @Test("the lead's acceptance case: line 3 repeats the key of line 2")
    func rendered() throws {
        let text = "kind: LoanProduct\nk: 1\nk: 2\n"
        let errors = diagnostics(text, file: "FILE")
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message == "duplicate key 'k'")
        #expect(error.location == at(3, 1, file: "FILE"))
        #expect(error.notes == [Diagnostic.Note("first defined here", at: at(2, 1, file: "FILE"))])
        #expect(error.hints == ["remove one of them or rename it"])
        var sources = SourceTexts()
        sources.add(file: "FILE", text: text)
        #expect(DiagnosticRenderer(sources: sources).render(error) == """
            FILE:3:1: error: duplicate key 'k'
              3 | k: 2
                | ^
              note: FILE:2:1: first defined here
              hint: remove one of them or rename it

            """)
    }

    @Test("every duplicate is reported, in nested and flow mappings too")
    func allReported() {
        let text = """
            id: a
            name: x
            id: b
            nested:
              名称: 1
              "名称": 2
            flow: {k: 1, k: 2}
            id: c
            """
        let errors = diagnostics(text)
        #expect(errors.map(\.message) == [
            "duplicate key 'id'", "duplicate key '名称'", "duplicate key 'k'", "duplicate key 'id'",
        ])
        #expect(errors.map(\.location) == [at(3, 1), at(6, 3), at(7, 14), at(8, 1)])
        #expect(errors.map { $0.notes.first?.location } == [at(1, 1), at(5, 3), at(7, 8), at(1, 1)])
    }

    @Test("the same key in different mappings is fine")
    func differentMappings() throws {
        let root = try document("a: {id: 1}\nb: {id: 2}\nc:\n  - id: 3\n  - id: 4\n")
        #expect(root["c", 1, "id"]?.text == "4")
    }

    @Test("large mappings (past the linear scan) still find duplicates")
    func largeMapping() {
        var text = ""
        for index in 0..<200 { text += "key\(index): \(index)\n" }
        text += "key7: again\nkey150: again\n"
        let errors = diagnostics(text)
        #expect(errors.map(\.message) == ["duplicate key 'key7'", "duplicate key 'key150'"])
        #expect(errors.map(\.location) == [at(201, 1), at(202, 1)])
        #expect(errors.map { $0.notes.first?.location } == [at(8, 1), at(151, 1)])
    }

    @Test("a key written as an alias is first defined where the alias is, in small and large mappings")
    func aliasKeysAcrossTheTableThreshold() {
        for count in [5, 20, 40] {
            var text = "anchor: &k dup\n*k : 1\n"
            for index in 0..<count { text += "key\(index): \(index)\n" }
            text += "dup: 2\n"
            let errors = diagnostics(text)
            #expect(errors.map(\.message) == ["duplicate key 'dup'"], "\(count) keys")
            #expect(errors.map(\.location) == [at(count + 3, 1)], "\(count) keys")
            #expect(errors.map { $0.notes.first?.location } == [at(2, 1)], "\(count) keys")
        }
    }

    @Test("syntax errors after duplicates are reported after them")
    func duplicatesThenSyntaxError() {
        let errors = diagnostics("a: 1\na: 2\nb: [1\n")
        #expect(errors.map(\.message) == ["duplicate key 'a'", "did not find expected ',' or ']'"])
    }
}
