import Diagnostics
import Testing

@testable import YAML

@Suite("libyaml syntax errors")
struct SyntaxErrorTests {
    private func single(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let errors = diagnostics(text, sourceLocation: sourceLocation)
        try #require(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
        return errors[0]
    }

    @Test func unclosedFlowSequence() throws {
        let error = try single("a: [1, 2\nb: 3\n")
        #expect(error.message == "did not find expected ',' or ']'")
        #expect(error.location == at(2, 2))
        #expect(error.notes == [Diagnostic.Note("while parsing a flow sequence", at: at(1, 4))])
        #expect(error.hints == ["close the '[' noted below with ']', and separate the items with ','"])
    }

    @Test func unclosedFlowMapping() throws {
        let error = try single("a: {x: 1\n")
        #expect(error.message == "did not find expected ',' or '}'")
        #expect(error.location == at(2, 1))
        #expect(error.notes == [Diagnostic.Note("while parsing a flow mapping", at: at(1, 4))])
    }

    @Test func unclosedQuote() throws {
        let error = try single("a: \"abc\nb: 3\n")
        #expect(error.message == "found unexpected end of stream")
        #expect(error.location == at(3, 1))
        #expect(error.notes == [Diagnostic.Note("while scanning a quoted scalar", at: at(1, 4))])
        #expect(error.hints == ["add the missing closing quote"])
    }

    @Test func badIndentationOfAKey() throws {
        let error = try single("a:\n  b: 1\n c: 2\n")
        #expect(error.message == "did not find expected key")
        #expect(error.location == at(3, 2))
        #expect(error.notes == [Diagnostic.Note("while parsing a block mapping", at: at(1, 1))])
        #expect(error.hints == ["check the indentation: the keys of one mapping must start in the same column"])
    }

    @Test func overIndentedKey() throws {
        let error = try single("a: 1\n  b: 2\n")
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(error.location == at(2, 4))
        #expect(error.notes.isEmpty)
    }

    @Test func tabIndentation() throws {
        let error = try single("a:\n\tb: 1\n")
        #expect(error.message == "found character that cannot start any token")
        #expect(error.location == at(2, 1))
        #expect(error.notes == [Diagnostic.Note("while scanning for the next token", at: at(2, 1))])
        #expect(error.hints == ["YAML indentation must use spaces, not tabs"])
    }

    @Test func tabInsideABlockScalarsIndentation() throws {
        let error = try single("a: |\n  x\n\ty\n")
        #expect(error.message == "found a tab character where an indentation space is expected")
        #expect(error.location == at(3, 1))
        #expect(error.hints == ["YAML indentation must use spaces, not tabs"])
    }

    @Test func keyWithoutColon() throws {
        let error = try single("a: 1\nb\nc: 2\n")
        #expect(error.message == "could not find expected ':'")
        #expect(error.location == at(3, 1))
        #expect(error.notes == [Diagnostic.Note("while scanning a simple key", at: at(2, 1))])
    }

    @Test func reservedIndicator() throws {
        let error = try single("k: @x\n")
        #expect(error.message == "found character that cannot start any token")
        #expect(error.location == at(1, 4))
        #expect(error.hints == ["'@' and '`' are reserved in YAML; put the value in quotes"])
    }

    @Test("positions after Chinese text and CRLF line ends stay exact")
    func errorAfterChineseText() throws {
        let error = try single("名称: 微粒贷\r\n额度: [1, 2\r\n")
        #expect(error.location == at(3, 1))
        #expect(error.notes.first?.location == at(2, 5))
    }

    // MARK: - libyaml's 1,024-character limit on keys

    private static let longKeyHint = "shorten it, or write it as an explicit key: `? key` on one line and `: value` on the next"

    private static func longKey(_ length: Int, at location: Diagnostics.SourceLocation) -> Diagnostic {
        .error("a key may be at most 1024 characters (libyaml's limit for `key: value`); this one has \(length)",
               at: location, hint: longKeyHint)
    }

    @Test func aKeyOf1024CharactersIsRead() throws {
        let key = String(repeating: "k", count: 1024)
        #expect(try document("id: a\n\(key): 1\n")[key]?.text == "1")
    }

    @Test func aLongerBlockKeyIsReportedAsTooLongAtItsStart() throws {
        let key = String(repeating: "k", count: 1025)
        #expect(try single("id: a\n\(key): 1\n") == Self.longKey(1025, at: at(2, 1)))
        #expect(try single("id: a\n\"\(key)\": 1\n") == Self.longKey(1027, at: at(2, 1)))
        #expect(try single("- a\n- \(key): 1\n") == Self.longKey(1025, at: at(2, 3)))
    }

    @Test func aLongerFlowKeyIsReportedAsTooLong() throws {
        let key = String(repeating: "键", count: 1100)
        #expect(try single("x: {a: 1, \(key): 1}\n") == Self.longKey(1100, at: at(1, 11)))
        #expect(try single("x: [\(key): 1]\n") == Self.longKey(1100, at: at(1, 5)))
    }

    @Test func aLongKeyWrittenExplicitlyIsRead() throws {
        let key = String(repeating: "k", count: 1100)
        #expect(try document("? \(key)\n: 1\n")[key]?.text == "1")
    }

    @Test func aLongValueHoldingColonSpaceKeepsLibyamlsReason() throws {
        let error = try single("name: \(String(repeating: "v", count: 1100)): 1\n")
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(error.hints == ["quote the value if it contains ': ', or check this line's indentation"])
    }
}
