import Diagnostics
import Testing

@testable import YAML

@Suite("Encodings, BOM and line ends")
struct EncodingTests {
    @Test("a UTF-8 BOM is accepted and does not shift line 1's columns")
    func byteOrderMark() throws {
        let root = try document("\u{FEFF}a: 1\nb: [x]\n")
        #expect(root.start == mark(1, 1))
        #expect(root["a"]?.start == mark(1, 4))
        #expect(root["b", 0]?.start == mark(2, 5))
    }

    @Test func crlfLineEnds() throws {
        let root = try document("a: 1\r\nb:\r\n  - 微\r\n  - |\r\n    x\r\n    y\r\nc: 'z'\r\n")
        #expect(root["b", 0]?.start == mark(3, 5))
        #expect(root["b", 1]?.text == "x\ny\n")
        #expect(root["b", 1]?.textOrigin.line == 5)
        #expect(root["c"]?.start == mark(7, 4))
        #expect(root["c"]?.text == "z")
    }

    @Test("a lone CR ends a line too")
    func loneCR() throws {
        let root = try document("a: 1\rb: 2\r")
        #expect(root["b"]?.start == mark(2, 4))
    }

    @Test("U+2028 and NEL do not count as line breaks, unlike libyaml's own (YAML 1.1) marks")
    func unicodeLineSeparators() throws {
        let root = try document("a: \"x\u{2028}y\"\nb: 1\u{85}\nc: 名\u{2029}\nd: 4\n")
        #expect(root["a"]?.start == mark(1, 4))
        #expect(root["b"]?.start == mark(2, 4))
        #expect(root["c"]?.start == mark(3, 4))
        #expect(root["d"]?.start == mark(4, 4))
        #expect(root["d"]?.end == mark(4, 5))
    }

    @Test("a NUL character in the text is an error at its position")
    func nulInText() {
        let errors = diagnostics("a: 1\nb: x\u{0}y\n")
        #expect(errors.map(\.message) == ["a NUL byte is not allowed in YAML"])
        #expect(errors.map(\.location) == [at(2, 5)])
        #expect(diagnostics("\u{FEFF}a: \u{0}\n").map(\.location) == [at(1, 4)])
    }

    @Test func otherControlCharacters() {
        let errors = diagnostics("名: 1\nb: \u{7}\n")
        #expect(errors.map(\.message) == ["control characters are not allowed (found U+0007)"])
        #expect(errors.map(\.location) == [at(2, 4)])
    }

    @Test func encodingPrescan() throws {
        func problem(_ bytes: [UInt8]) -> EncodingCheck.Problem? {
            bytes.withUnsafeBufferPointer { EncodingCheck.firstProblem(in: $0)?.problem }
        }
        #expect(problem(Array("a: 微粒贷 😀 é\n".utf8)) == nil)
        #expect(problem([0x61, 0xFF]) == .invalidUTF8(0xFF))
        #expect(problem([0xC0, 0x80]) == .invalidUTF8(0xC0))  // overlong NUL
        #expect(problem([0xE0, 0x80, 0x80]) == .invalidUTF8(0xE0))  // overlong
        #expect(problem([0xED, 0xA0, 0x80]) == .invalidUTF8(0xED))  // surrogate
        #expect(problem([0xF4, 0x90, 0x80, 0x80]) == .invalidUTF8(0xF4))  // past U+10FFFF
        #expect(problem([0xE5, 0xBE]) == .invalidUTF8(0xE5))  // truncated at the end
        #expect(problem([0xE5, 0x41, 0x41]) == .invalidUTF8(0xE5))
        #expect(problem([0x61, 0x00]) == .nul)
    }
}
