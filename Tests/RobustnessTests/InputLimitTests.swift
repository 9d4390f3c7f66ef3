import Foundation
import Testing

/// The bounds on input size (docs/robustness.md, "Limits"): file size, scalar length, documents and
/// values per file, diagnostics kept per file — each a located error (exit 2) with a hint that names the
/// variable that raises it, and each overridable from the environment.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct InputLimitTests {
    private static let fileHint = "  hint: product, institution and waiver files are a few KB; split the file, "
        + "or raise the limit with LOANCHECK_MAX_FILE_BYTES=<bytes>\n"

    // MARK: - File size

    @Test func aFileOverTheDefaultLimitIsRefusedBeforeItIsRead() throws {
        let scratch = try Scratch()
        // 200 MiB without a byte written (a sparse file): read whole, it would be 200 MiB of NUL bytes.
        try scratch.write("big.yaml", "")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/big.yaml"))
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        let output = try scratch.run(["validate", "big.yaml"], timeout: 60)
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.stderr == "loancheck: error: 'big.yaml' is 209715200 bytes, over the limit of 134217728 bytes for one file\n"
                    + Self.fileHint + "loancheck: 1 error in the input; nothing was audited\n", "\(output.summary)")
        expectBoundedMemory()
    }

    @Test func theFileLimitCanBeLoweredAndRaised() throws {
        let scratch = try Scratch()
        try scratch.write("inst.yaml", Documents.institution + "# " + String(repeating: "x", count: 2_000) + "\n")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: scratch.path + "/inst.yaml")[.size] as? Int)
        let lowered = try scratch.run(["validate", "inst.yaml"], environment: ["LOANCHECK_MAX_FILE_BYTES": "1000"])
        #expect(lowered.status == 2)
        #expect(lowered.stderr == "loancheck: error: 'inst.yaml' is \(size) bytes, over the limit of 1000 bytes for one file\n"
                    + Self.fileHint + "loancheck: 1 error in the input; nothing was audited\n", "\(lowered.summary)")
        let exact = try scratch.run(["validate", "inst.yaml"], environment: ["LOANCHECK_MAX_FILE_BYTES": String(size)])
        #expect(exact.status == 0, "a file of exactly the limit is read: \(exact.summary)")
        // The rule packs are read with the default limits, whatever the audited files' limits are.
        let rules = try scratch.run(["rules"], environment: ["LOANCHECK_MAX_FILE_BYTES": "1000"])
        #expect(rules.status == 0, "\(rules.summary)")
    }

    // MARK: - Scalars

    @Test func aScalarOverTheLimitIsLocated() throws {
        let scratch = try Scratch()
        let long = String(repeating: "x", count: (1 << 20) + 1)
        try scratch.write("name.yaml", Documents.institution.replacingOccurrences(of: "name: 甲小贷", with: "name: " + long))
        let output = try scratch.run(["validate", "name.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("name.yaml", line: 3, column: 7, "a value of 1048577 bytes is over the limit of 1048576 bytes for one value"),
                "\(output.summary)")
        #expect(output.stderr.contains("  hint: names, reasons and descriptions need a few thousand characters at most; "
                                       + "look for a runaway value, or raise the limit with LOANCHECK_MAX_SCALAR_BYTES=<bytes>\n"))
        #expect(output.stderr.utf8.count < 10_000, "the error quotes a window of the line, not the value")

        let raised = try scratch.run(["validate", "name.yaml"], environment: ["LOANCHECK_MAX_SCALAR_BYTES": "2000000"])
        #expect(raised.status == 0, "\(raised.summary)")
    }

    @Test func keysAreScalarsToo() throws {
        let scratch = try Scratch()
        try scratch.write("key.yaml", Documents.institution + "? " + String(repeating: "k", count: 40) + "\n: 1\n")
        let output = try scratch.run(["validate", "key.yaml"], environment: ["LOANCHECK_MAX_SCALAR_BYTES": "32"])
        #expect(output.status == 2)
        #expect(output.hasError("key.yaml", line: 8, column: 3, "a value of 40 bytes is over the limit of 32 bytes for one value"),
                "\(output.summary)")
    }

    // MARK: - Documents and values

    /// 30 MB of `--- a` took 57 s and 2.4 GiB: five million documents, each an error.
    @Test func thirtyMegabytesOfTinyDocumentsStopAtTheDocumentLimit() throws {
        let scratch = try Scratch()
        try scratch.writeLarge("d.yaml", header: "", chunk: "--- a\n", size: 30_000_000)
        let output = try scratch.run(["validate", "d.yaml"], timeout: 60)
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("d.yaml", line: 200_001, column: 1, "the file holds more than 200000 documents"), "\(output.summary)")
        #expect(output.stderr.contains("  hint: split it into several files, or raise the limit with LOANCHECK_MAX_DOCUMENTS=<count>\n"))
        #expect(output.errorLines.count == 1, "only the limit is reported, not the documents before it: \(output.summary)")
        expectBoundedMemory()
    }

    @Test func theDocumentAndValueLimitsCanBeSet() throws {
        let scratch = try Scratch()
        let institutions = (0..<11).map { Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: mlc-\($0)") }
        try scratch.write("set.yaml", institutions.joined(separator: "---\n"))
        let documents = try scratch.run(["validate", "set.yaml"], environment: ["LOANCHECK_MAX_DOCUMENTS": "10"])
        #expect(documents.status == 2)
        // Each institution is 7 lines and a separator: the 11th starts at the `---` of line 80.
        #expect(documents.hasError("set.yaml", line: 80, column: 1, "the file holds more than 10 documents"), "\(documents.summary)")
        #expect(try scratch.run(["validate", "set.yaml"], environment: ["LOANCHECK_MAX_DOCUMENTS": "11"]).status == 0)

        let values = try scratch.run(["validate", "set.yaml"], environment: ["LOANCHECK_MAX_NODES": "10"])
        #expect(values.status == 2)
        #expect(values.hasError("set.yaml", line: 5, column: 16, "the file holds more than 10 values"), "\(values.summary)")
        #expect(values.stderr.contains("or raise the limit with LOANCHECK_MAX_NODES=<count>\n"), "\(values.summary)")
    }

    @Test func anOverrideThatIsNotANumberIsAUsageError() throws {
        let scratch = try Scratch()
        try scratch.write("inst.yaml", Documents.institution)
        let unit = try scratch.run(["validate", "inst.yaml"], environment: ["LOANCHECK_MAX_FILE_BYTES": "12MB"])
        #expect(unit.status == 2)
        #expect(unit.stderr == "loancheck: error: LOANCHECK_MAX_FILE_BYTES must be a whole number of bytes above 0, found '12MB'\n"
                    + "  hint: write the number in digits only (no unit, no separators), or unset it for the default of 134217728\n",
                "\(unit.summary)")
        // Set but empty is not "unset": a limit is never dropped without a word.
        let empty = try scratch.run(["audit", "inst.yaml"], environment: ["LOANCHECK_MAX_DOCUMENTS": "", "LOANCHECK_MAX_NODES": "0"])
        #expect(empty.status == 2)
        #expect(empty.errorLines == ["loancheck: error: LOANCHECK_MAX_DOCUMENTS must be a whole number of documents above 0, found ''",
                                     "loancheck: error: LOANCHECK_MAX_NODES must be a whole number of values above 0, found '0'"],
                "\(empty.summary)")
    }

    // MARK: - Diagnostics and quoted lines

    @Test func diagnosticsKeptPerFileAreBounded() throws {
        let scratch = try Scratch()
        // 1,500 documents with one error each (an unknown type): the first 1,000 are kept.
        let bad = (0..<1_500).map {
            Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: mlc-\($0)")
                .replacingOccurrences(of: "type: microlender", with: "type: microlendr")
        }
        try scratch.write("bad.yaml", bad.joined(separator: "---\n"))
        let output = try scratch.run(["validate", "bad.yaml"])
        #expect(output.status == 2)
        // The count stands at the first error, where it is printed.
        #expect(output.hasError("bad.yaml", line: 4, column: 7, "'microlendr' is not a valid value for 'type'"), "\(output.summary)")
        #expect(output.hasError("bad.yaml", line: 4, column: 7, "500 more errors in this file are not listed"), "\(output.summary)")
        #expect(output.stderr.contains("loancheck: 1001 errors in the input; nothing was audited\n"), "\(output.summary)")
    }

    @Test func referencesToTheWrongKindAreBounded() throws {
        let scratch = try Scratch()
        try scratch.write("p.yaml", Documents.product())
        try scratch.write("inst.yaml", Documents.institution + "affiliates: [" + Array(repeating: "p-1", count: 1_500).joined(separator: ", ") + "]\n")
        let output = try scratch.run(["validate", "."])
        #expect(output.status == 2)
        #expect(output.hasError("inst.yaml", line: 8, column: 14, "'affiliates[0]' must name an Institution, but 'p-1' is a LoanProduct"),
                "\(output.summary)")
        #expect(output.hasError("inst.yaml", line: 8, column: 14, "500 more references to a document of the wrong kind are not listed"),
                "\(output.summary)")
        #expect(output.stderr.contains("loancheck: 1001 errors in the input; nothing was audited\n"), "\(output.summary)")
    }

    /// Quoting a line split the whole file into lines each time: one error after 60 MB of blank lines
    /// took 2 GB.
    @Test func anErrorAfterManyBlankLinesIsQuotedCheaply() throws {
        let scratch = try Scratch()
        try scratch.writeLarge("blank.yaml", header: "", chunk: "\n", size: 60 << 20,
                               trailer: Documents.institution.replacingOccurrences(of: "type: microlender", with: "type: microlendr"))
        let output = try scratch.run(["validate", "blank.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        let line = (60 << 20) + 4
        #expect(output.hasError("blank.yaml", line: line, column: 7, "'microlendr' is not a valid value for 'type'"), "\(output.summary)")
        #expect(output.stderr.contains("\(line) | type: microlendr\n"), "\(output.summary)")
        expectBoundedMemory()
    }
}
