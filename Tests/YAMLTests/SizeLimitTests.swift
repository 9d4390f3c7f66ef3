import Diagnostics
import Testing

@testable import YAML

/// The size bounds of `YAMLLimits`: file bytes, scalar bytes, documents per stream, and their
/// environment overrides.
@Suite("Size bounds")
struct SizeLimitTests {
    @Test func aScalarOverTheLimitIsReportedWhereItStarts() throws {
        let limits = YAMLLimits(maxScalarBytes: 5)
        #expect(try YAMLReader.parse("a: 12345\n", file: "t.yaml", limits: limits).count == 1)
        let errors = diagnostics("a: 12345\nb: \"12345\\n\"\n", limits: limits)
        #expect(errors.map(\.message) == ["a value of 6 bytes is over the limit of 5 bytes for one value"])
        #expect(errors.first?.location == at(2, 4))
        #expect(errors.first?.hints == ["names, reasons and descriptions need a few thousand characters at most; "
                                        + "look for a runaway value, or raise the limit with LOANCHECK_MAX_SCALAR_BYTES=<bytes>"])
        // Bytes, not characters: 甲小贷 is 9 bytes.
        #expect(diagnostics("甲小贷: 1\n", limits: YAMLLimits(maxScalarBytes: 8)).first?.location == at(1, 1))
    }

    @Test func theDocumentPastTheLimitIsReportedAtItsStart() throws {
        let limits = YAMLLimits(maxDocuments: 2)
        #expect(try YAMLReader.parse("--- a\n--- b\n", file: "t.yaml", limits: limits).count == 2)
        let errors = diagnostics("--- a\n--- b\n\n--- c\n", limits: limits)
        #expect(errors.map(\.message) == ["the file holds more than 2 documents"])
        #expect(errors.first?.location == at(4, 1))
        #expect(errors.first?.hints == ["split it into several files, or raise the limit with LOANCHECK_MAX_DOCUMENTS=<count>"])
    }

    @Test func aFileOverTheLimitIsNotRead() throws {
        let bytes = Array("a: 1\nb: 2\n".utf8)
        let limits = YAMLLimits(maxFileBytes: bytes.count - 1)
        let errors = try withTemporaryFile(bytes) { path -> [Diagnostic] in
            do throws(DiagnosticList) {
                _ = try YAMLReader.parseFile(atPath: path, displayPath: "f.yaml", limits: limits)
                return []
            } catch {
                return error.diagnostics
            }
        }
        #expect(errors.map(\.message) == ["'f.yaml' is 10 bytes, over the limit of 9 bytes for one file"])
        #expect(errors.first?.location == nil)
        let exact = try withTemporaryFile(bytes) { path in
            try YAMLReader.parseFile(atPath: path, limits: YAMLLimits(maxFileBytes: bytes.count)).documents.count
        }
        #expect(exact == 1)
    }

    @Test func environmentOverridesSetTheirLimitsOnly() throws {
        let limits = try YAMLLimits(environment: [
            "LOANCHECK_MAX_FILE_BYTES": "1000", "LOANCHECK_MAX_SCALAR_BYTES": "20", "LOANCHECK_MAX_DOCUMENTS": "3",
            "LOANCHECK_MAX_NODES": "99", "LOANCHECK_RULES": "elsewhere",
        ])
        #expect(limits == YAMLLimits(maxNodes: 99, maxFileBytes: 1000, maxScalarBytes: 20, maxDocuments: 3))
        #expect(try YAMLLimits(environment: [:]) == .default)
    }

    @Test func anOverrideMustBeAWholeNumberAboveZero() {
        for bad in ["", "0", "-1", "+5", "1e6", "12MB", "1_000", " 5", "99999999999999999999999"] {
            #expect(throws: DiagnosticList.self, "'\(bad)'") { try YAMLLimits(environment: ["LOANCHECK_MAX_DOCUMENTS": bad]) }
        }
        do throws(DiagnosticList) {
            _ = try YAMLLimits(environment: ["LOANCHECK_MAX_SCALAR_BYTES": "1MiB", "LOANCHECK_MAX_NODES": "x"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "LOANCHECK_MAX_SCALAR_BYTES must be a whole number of bytes above 0, found '1MiB'",
                "LOANCHECK_MAX_NODES must be a whole number of values above 0, found 'x'",
            ])
            #expect(error.diagnostics.first?.hints == ["write the number in digits only (no unit, no separators), or unset it for the default of 1048576"])
        }
    }
}
