import Diagnostics
import Foundation
import Testing

@testable import YAML

@Suite("Reading files")
struct FileTests {
    @Test func readsAndNamesTheFile() throws {
        let (text, documents) = try withTemporaryFile(Array("kind: Waiver\nrule: X\n".utf8)) { path in
            try YAMLReader.parseFile(atPath: path, displayPath: "rules/w.yaml")
        }
        #expect(text == "kind: Waiver\nrule: X\n")
        #expect(documents.first?["rule"]?.location == at(2, 7, file: "rules/w.yaml"))
    }

    @Test("without displayPath, positions use the path")
    func defaultDisplayPath() throws {
        try withTemporaryFile(Array("a: 1\n".utf8)) { path in
            let documents = try YAMLReader.parseFile(atPath: path).documents
            #expect(documents.first?.file == path)
        }
    }

    @Test("the returned text drops the BOM, so it lines up with the columns")
    func byteOrderMark() throws {
        let (text, documents) = try withTemporaryFile([0xEF, 0xBB, 0xBF] + Array("名: 值\n".utf8)) { path in
            try YAMLReader.parseFile(atPath: path, displayPath: "bom.yaml")
        }
        #expect(text == "名: 值\n")
        #expect(documents.first?["名"]?.start == mark(1, 4))
    }

    private func fileErrors(_ bytes: [UInt8]) throws -> [Diagnostic] {
        try withTemporaryFile(bytes) { path in
            do throws(DiagnosticList) {
                _ = try YAMLReader.parseFile(atPath: path, displayPath: "f.yaml")
                Issue.record("expected an error")
                return []
            } catch {
                return error.diagnostics
            }
        }
    }

    @Test("invalid UTF-8 is reported at the first bad byte's line and column")
    func invalidUTF8() throws {
        // "名称: " then a GBK-encoded "贷" (B4 FB).
        let errors = try fileErrors(Array("a: 1\n名称: ".utf8) + [0xB4, 0xFB] + Array("\n".utf8))
        #expect(errors.map(\.message) == ["invalid UTF-8 (byte 0xB4)"])
        #expect(errors.map(\.location) == [at(2, 5, file: "f.yaml")])
        #expect(errors.first?.hints == ["save the file as UTF-8 (GBK text converts with `iconv -f GB18030 -t UTF-8`)"])
    }

    @Test func truncatedSequenceIsReportedAtItsStart() throws {
        let errors = try fileErrors(Array("a: 1\r\nb: x".utf8) + [0xE5, 0xBE] + Array("\r\n".utf8))
        #expect(errors.map(\.location) == [at(2, 5, file: "f.yaml")])
    }

    @Test func utf16File() throws {
        let errors = try fileErrors([0xFF, 0xFE, 0x61, 0x00])
        #expect(errors.map(\.location) == [at(1, 1, file: "f.yaml")])
        #expect(errors.first?.hints == ["the file looks like UTF-16; save it as UTF-8"])
    }

    @Test("a NUL byte is reported at its line and column, after a BOM too")
    func nulByte() throws {
        let errors = try fileErrors([0xEF, 0xBB, 0xBF] + Array("a: 微\0\n".utf8))
        #expect(errors.map(\.message) == ["a NUL byte is not allowed in YAML"])
        #expect(errors.map(\.location) == [at(1, 5, file: "f.yaml")])
    }

    @Test func missingFile() {
        do {
            _ = try YAMLReader.parseFile(atPath: "/nonexistent/dir/x.yaml", displayPath: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["cannot read 'x.yaml': No such file or directory"])
            #expect(error.diagnostics.first?.location == nil)
        }
    }

    @Test("a 10 MB generated file parses", .timeLimit(.minutes(1)))
    func largeFile() throws {
        var text = ""
        text.reserveCapacity(10_500_000)
        var count = 0
        while text.utf8.count < 10_000_000 {
            text += """
                ---
                kind: LoanProduct
                id: product-\(count)
                name: 微粒消费贷\(count)
                credit_line: {min: 500, max: 20万}
                pricing:
                  rate: 0.05% per day
                  fees:
                    - kind: guarantee
                      periodic: 0.6% per month
                regions: [CN-GD, CN-GX, CN-BJ]

                """
            count += 1
        }
        let (_, documents) = try withTemporaryFile(Array(text.utf8)) { path in
            try YAMLReader.parseFile(atPath: path, displayPath: "big.yaml")
        }
        #expect(documents.count == count)
        #expect(documents.last?["id"]?.text == "product-\(count - 1)")
        #expect(documents.last?["regions", 2]?.start == mark(11 * count, 25))
    }
}
