import Diagnostics
import Testing

@testable import YAML

@Suite("Scalar text origin")
struct TextOriginTests {
    private func origin(_ node: Node?) throws -> EmbeddedTextOrigin {
        try #require(node).textOrigin
    }

    @Test func plainAndQuoted() throws {
        let root = try document("a: x + y\nb: 'x'\nc: \"名 + y\"\n名称: \"z\"\n")
        #expect(try origin(root["a"]) == EmbeddedTextOrigin(file: "t.yaml", line: 1, column: 4))
        #expect(try origin(root["b"]) == EmbeddedTextOrigin(file: "t.yaml", line: 2, column: 5))
        #expect(try origin(root["c"]) == EmbeddedTextOrigin(file: "t.yaml", line: 3, column: 5))
        #expect(try origin(root["名称"]) == EmbeddedTextOrigin(file: "t.yaml", line: 4, column: 6))
        // The '+' of "名 + y" is the 3rd character of the text: file column 7.
        #expect(try origin(root["c"]).location(textLine: 1, textColumn: 3) == at(3, 7))
    }

    @Test("anchors, tags and comments before the text are skipped")
    func properties() throws {
        let root = try document("a: &x !!str \"q\"\nb: !!str   plain\nc: !<tag:yaml.org,2002:str> 'v'\nd: &anchor-1 ! # c\n  \"w\"\n")
        #expect(try origin(root["a"]) == EmbeddedTextOrigin(file: "t.yaml", line: 1, column: 14))
        #expect(try origin(root["b"]) == EmbeddedTextOrigin(file: "t.yaml", line: 2, column: 12))
        #expect(try origin(root["c"]) == EmbeddedTextOrigin(file: "t.yaml", line: 3, column: 30))
        #expect(try origin(root["d"]) == EmbeddedTextOrigin(file: "t.yaml", line: 5, column: 4))
    }

    @Test("literal block: the first text line at the indentation column")
    func literalBlock() throws {
        let text = """
            rules:
              - when: |
                  rate > 0.05%  # not a comment
                  and term < 12
            """
        let root = try document(text)
        let node = try #require(root["rules", 0, "when"])
        #expect(node.text == "rate > 0.05%  # not a comment\nand term < 12")
        #expect(node.start == mark(2, 11))
        let origin = node.textOrigin
        #expect(origin == EmbeddedTextOrigin(file: "t.yaml", line: 3, column: 7, continuationColumn: 7))
        // "term" is on the text's 2nd line, 5th character.
        #expect(origin.location(textLine: 2, textColumn: 5) == at(4, 11))
    }

    @Test func foldedBlockWithHeaderCommentAndLeadingEmptyLine() throws {
        let root = try document("k: >- # header comment\n\n    a\n    b\nnext: 1\n")
        let node = try #require(root["k"])
        #expect(node.text == "\na b")
        #expect(node.textOrigin == EmbeddedTextOrigin(file: "t.yaml", line: 2, column: 5))
    }

    @Test("an explicit indentation indicator keeps extra spaces in the text")
    func explicitIndentation() throws {
        let root = try document("k: |2\n    x\n   y\n")
        let node = try #require(root["k"])
        #expect(node.text == "  x\n y\n")
        #expect(node.textOrigin == EmbeddedTextOrigin(file: "t.yaml", line: 2, column: 3))
    }

    @Test func taggedBlockAndCRLF() throws {
        let root = try document("k: !!str |\r\n  a\r\n  b\r\n")
        let node = try #require(root["k"])
        #expect(node.text == "a\nb\n")
        #expect(node.textOrigin == EmbeddedTextOrigin(file: "t.yaml", line: 2, column: 3))
    }

    @Test func emptyBlockScalar() throws {
        let root = try document("k: |\nnext: 1\n")
        #expect(root["k"]?.text == "")
        #expect(root["k"]?.textOrigin.line == 2)
    }

    @Test func collectionsOriginIsTheirStart() throws {
        let root = try document("a: [1]\n")
        #expect(try origin(root["a"]) == EmbeddedTextOrigin(file: "t.yaml", line: 1, column: 4))
    }
}
