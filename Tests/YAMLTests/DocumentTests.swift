import Testing

@testable import YAML

@Suite("Documents and streams")
struct DocumentTests {
    @Test func multipleDocuments() throws {
        let text = """
            kind: Institution
            id: a
            ---
            kind: LoanProduct
            id: b
            ...
            ---
            - x
            """
        let documents = try YAMLReader.parse(text, file: "multi.yaml")
        #expect(documents.count == 3)
        #expect(documents[0]["id"]?.text == "a")
        #expect(documents[1]["id"]?.text == "b")
        #expect(documents[1].start == mark(4, 1))
        #expect(documents[1]["id"]?.start == mark(5, 5))
        #expect(documents[2].sequence?.first?.text == "x")
        #expect(documents[2].start == mark(8, 1))
        #expect(documents.allSatisfy { $0.file == "multi.yaml" })
    }

    @Test("empty or comment-only input has no documents", arguments: ["", "\n", "# only a comment\n", "  \n# a\n# b"])
    func noDocuments(_ text: String) throws {
        #expect(try YAMLReader.parse(text, file: "t.yaml").isEmpty)
    }

    @Test("a bare '---' is one null document")
    func emptyDocument() throws {
        let documents = try YAMLReader.parse("---\n---\n# c\n", file: "t.yaml")
        #expect(documents.count == 2)
        #expect(documents.allSatisfy { $0.isNull })
    }

    @Test func scalarDocument() throws {
        let root = try document("just text\n")
        #expect(root.text == "just text")
    }

    @Test("duplicate keys are errors in every document of a stream")
    func duplicatesAcrossDocuments() {
        let errors = diagnostics("a: 1\na: 2\n---\nb: 1\nb: 2\n")
        #expect(errors.map(\.location) == [at(2, 1), at(5, 1)])
    }
}
