import Diagnostics
import Testing
import YAML

/// libyaml reports an error at the end of a stream on a line of its own when the last line has no line
/// break; the reader points at the end of the last line instead, so the location exists in the file.
@Suite struct YAMLEndOfStreamTests {
    static func firstError(_ text: String) -> String? {
        do {
            _ = try YAMLReader.parse(text, file: "f.yaml")
            return nil
        } catch {
            return error.diagnostics.first.map { "\($0.location.map(String.init(describing:)) ?? "-") \($0.message)" }
        }
    }

    @Test func errorAtTheEndOfAnUnterminatedLastLineIsOnThatLine() {
        #expect(Self.firstError("a: [1, 2") == "f.yaml:1:9 did not find expected ',' or ']'")
        #expect(Self.firstError("a: 1\nb: {c: d") == "f.yaml:2:9 did not find expected ',' or '}'")
        #expect(Self.firstError("a: 1\r\nb: {c: d") == "f.yaml:2:9 did not find expected ',' or '}'")
        #expect(Self.firstError("\u{FEFF}b: {c: 中文") == "f.yaml:1:10 did not find expected ',' or '}'")
        // With a final line break the error is at the start of the (empty) line after it, as before.
        #expect(Self.firstError("a: [1, 2\n") == "f.yaml:2:1 did not find expected ',' or ']'")
        #expect(Self.firstError("a: \"abc") == "f.yaml:1:8 found unexpected end of stream")
    }

    @Test func nodesAtTheEndOfAnUnterminatedLastLineAreOnThatLine() throws {
        // An empty document after a final `---` (found by the documents fuzz target: "empty document"
        // was reported on line 10 of a 9-line file).
        let documents = try YAMLReader.parse("a: 1\n--- # end", file: "f.yaml")
        #expect(documents.count == 2)
        #expect(documents[1].isNull)
        #expect(documents[1].start == Mark(line: 2, column: 10))
        // A block scalar runs to the end of the file.
        let block = try YAMLReader.parse("a: |\n  text", file: "f.yaml")
        #expect(block.first?.value(forKey: "a")?.end == Mark(line: 2, column: 7))
    }
}
