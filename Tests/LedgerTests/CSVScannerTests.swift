import LedgerTape
import Testing

/// RFC 4180 as loan tapes are written: quotes, embedded delimiters and line breaks, CRLF, and the
/// strictness that makes a malformed file an error instead of a guess.
@Suite struct CSVScannerTests {
    /// Every record of `text` as field texts, or the error.
    private func records(_ text: String, delimiter: Character = ",") throws(CSVSyntaxError) -> [[String]] {
        let bytes = Array(text.utf8)
        var result: [[String]] = []
        var failure: CSVSyntaxError?
        bytes.withUnsafeBytes { buffer in
            var scanner = CSVScanner(buffer, range: 0..<buffer.count, delimiter: delimiter.asciiValue ?? 44)
            var fields = CSVFields()
            do throws(CSVSyntaxError) {
                while try scanner.next(into: &fields) {
                    result.append(fields.fields.map { $0.text(in: buffer) })
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = "id,note\r\nL1,\"a, b\"\r\nL2,\"say \"\"hi\"\"\"\nL3,\"two\nlines\"\n"
        #expect(try records(text) == [["id", "note"], ["L1", "a, b"], ["L2", "say \"hi\""], ["L3", "two\nlines"]])
    }

    @Test func emptyFieldsAndNoFinalLineBreak() throws {
        #expect(try records("a,,c\n,,\nx,y,z") == [["a", "", "c"], ["", "", ""], ["x", "y", "z"]])
        #expect(try records("a,b,") == [["a", "b", ""]])
    }

    @Test func anotherDelimiter() throws {
        #expect(try records("a|\"b|c\"|d\n", delimiter: "|") == [["a", "b|c", "d"]])
    }

    @Test func linesAreCountedInsideQuotedFields() throws {
        let bytes = Array("h\n\"a\nb\"\nc\n".utf8)
        var lines: [Int] = []
        bytes.withUnsafeBytes { buffer in
            var scanner = CSVScanner(buffer, range: 0..<buffer.count)
            var fields = CSVFields()
            while (try? scanner.next(into: &fields)) == true { lines.append(fields.line) }
        }
        #expect(lines == [0, 1, 3])
    }

    @Test func malformedFilesAreErrorsAtTheByte() {
        #expect(throws: CSVSyntaxError(offset: 2, message: "a quoted field is not closed",
                                       hint: "end the field with a double quote; write a quote inside it as \"\"")) {
            _ = try records("a,\"bc\n")
        }
        #expect(throws: CSVSyntaxError(offset: 5, message: "unexpected text after a closing quote",
                                       hint: "a quoted field ends at its closing quote; write a quote inside it as \"\"")) {
            _ = try records("a,\"b\"c\n")
        }
        #expect(throws: CSVSyntaxError(offset: 3, message: "a quote inside an unquoted field",
                                       hint: "quote the whole field and double the quote: \"a\"\"b\"")) {
            _ = try records("a,b\"c\n")
        }
        #expect(throws: CSVSyntaxError(offset: 1, message: "a carriage return that does not end a line",
                                       hint: "end lines with LF or CRLF, or quote a field that holds a line break")) {
            _ = try records("a\rb\n")
        }
    }

    @Test func splitsFallOnRecordBoundariesEvenInsideQuotedLineBreaks() throws {
        // Records whose quoted field holds line breaks, cut into many small parts: every part must start
        // at a record, and scanning the parts gives the same records as one scan.
        var text = "id,note\n"
        for index in 0..<2_000 { text += "L\(index),\"line one\nline two, \"\"quoted\"\"\nline three\"\n" }
        let bytes = Array(text.utf8)
        let whole = try records(text)
        var joined: [[String]] = []
        var partCount = 0
        bytes.withUnsafeBytes { buffer in
            let header = 8
            let parts = RecordSplitter.split(buffer, from: header, parts: 16, minimumPartSize: 1_024)
            partCount = parts.count
            joined.append(["id", "note"])
            for range in parts {
                var scanner = CSVScanner(buffer, range: range)
                var fields = CSVFields()
                while (try? scanner.next(into: &fields)) == true { joined.append(fields.fields.map { $0.text(in: buffer) }) }
            }
        }
        #expect(partCount > 4)
        #expect(joined == whole)
    }
}
