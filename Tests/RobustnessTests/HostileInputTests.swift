import Foundation
import Testing

/// Hostile and degenerate inputs, run through the built binary: each gives a correct result or a clear
/// error with `file:line:col` (exit 2), ends by itself, and never crashes (exit ≥ 128). Big inputs are
/// generated in a temporary directory at test time. See docs/robustness.md for the table of results.
///
/// Serialized: the big cases each use a few hundred MB, and a run is killed (and fails) after the
/// runner's timeout, so a hang cannot stall the suite.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HostileInputTests {
    // MARK: - YAML bombs and nesting

    @Test func aliasBombStopsAtTheExpansionLimit() throws {
        let scratch = try Scratch()
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        try scratch.write("bomb.yaml", "kind: Institution\n" + text)
        let output = try scratch.run(["validate", "bomb.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2, "\(output.summary)")
        // a4 (line 6) copies a3 (11,111 nodes) ten times; the ninth copy crosses 100,000.
        #expect(output.hasError("bomb.yaml", line: 6, "alias expansion exceeds the limit of 100000 nodes"), "\(output.summary)")
    }

    @Test func twentyThousandLevelsOfFlowNestingFailAtLevel513() throws {
        let scratch = try Scratch()
        try scratch.write("deep.yaml", String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n")
        let output = try scratch.run(["validate", "deep.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("deep.yaml", line: 1, column: 513, "nesting depth exceeds the limit of 512"), "\(output.summary)")
    }

    @Test func twentyThousandLevelsOfBlockNestingFailAtLevel513() throws {
        let scratch = try Scratch()
        try scratch.write("deep.yaml", String(repeating: "- ", count: 20_000) + "x\n")
        let output = try scratch.run(["validate", "deep.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("deep.yaml", line: 1, column: 1025, "nesting depth exceeds the limit of 512"), "\(output.summary)")
    }

    // MARK: - Size

    @Test func hundredMegabyteFileOfCommentsIsRead() throws {
        let scratch = try Scratch()
        try scratch.writeLarge("big.yaml", header: Documents.institution, chunk: "# " + String(repeating: "注", count: 30) + "\n",
                               size: 100 << 20)
        let output = try scratch.run(["validate", "big.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 0, "\(output.summary)")
        #expect(output.stdout == "validate: 1 file, 1 Institution, 0 LoanProduct, 0 Waiver; no errors\n")
        expectBoundedMemory()
    }

    @Test func hundredMegabytesOfTinyValuesStopAtTheNodeLimit() throws {
        let scratch = try Scratch()
        // 50 million one-character values: the reader stops at 6,000,000 (YAMLLimits.maxNodes) instead of
        // building a tree of many gigabytes.
        try scratch.writeLarge("values.yaml", header: Documents.institution + "affiliates: [", chunk: "a,", size: 100 << 20,
                               trailer: "a]\n")
        let output = try scratch.run(["validate", "values.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("values.yaml", line: 8, "the file holds more than 6000000 values"), "\(output.summary)")
        #expect(output.stderr.utf8.count < 20_000, "the error quotes a window of the 100 MB line, not the line")
        expectBoundedMemory()
    }

    @Test func aMillionBadElementsGiveBoundedOutput() throws {
        let scratch = try Scratch()
        // Every element is an unknown reference: the loader lists the first 1,000 and counts the rest;
        // the command line prints the first 100.
        try scratch.writeLarge("refs.yaml", header: Documents.institution + "affiliates: [", chunk: "zz, ", size: 4_000_000,
                               trailer: "zz]\n")
        let output = try scratch.run(["validate", "refs.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("refs.yaml", line: 8, column: 14, "unknown reference in 'affiliates[0]'"), "\(output.summary)")
        #expect(output.stderr.contains("more unknown references are not listed"))
        #expect(output.stderr.contains("loancheck: 901 more diagnostics not shown (the first 100 are above)"))
        #expect(output.stderr.utf8.count < 100_000)
        expectBoundedMemory()
    }

    /// Values just under the 1 MiB scalar limit (`InputLimitTests` covers the limit itself).
    @Test func megabyteScalars() throws {
        let scratch = try Scratch()
        let big = String(repeating: "x", count: 1_000_000)
        try scratch.write("name.yaml", Documents.institution.replacingOccurrences(of: "name: 甲小贷", with: "name: " + big))
        let name = try scratch.run(["validate", "name.yaml"])
        expectNoCrashOrHang(name)
        #expect(name.status == 0, "\(name.summary)")

        try scratch.write("money.yaml", Documents.institution.replacingOccurrences(of: "net_assets: 6亿", with: "net_assets: " + big))
        let money = try scratch.run(["validate", "money.yaml"])
        expectNoCrashOrHang(money)
        #expect(money.status == 2)
        #expect(money.hasError("money.yaml", line: 7, column: 45, "expected an amount of money, found 'xxxx"), "\(money.summary)")
        #expect(money.stderr.contains("more characters)"), "the message is cut, not 5 MB long")
        #expect(money.stderr.utf8.count < 10_000)

        let digits = String(repeating: "1", count: 1_000_000)
        try scratch.write("digits.yaml", Documents.institution.replacingOccurrences(of: "net_assets: 6亿", with: "net_assets: " + digits))
        let number = try scratch.run(["validate", "digits.yaml"])
        expectNoCrashOrHang(number)
        #expect(number.status == 2)
        #expect(number.hasError("digits.yaml", line: 7, column: 45, "number has 1000000 significant digits; at most 38 are exact"),
                "\(number.summary)")

        // A 1 MB key (explicit `?` keys have no length limit) is an unknown field; "did you mean" must
        // not compare it with every field name character by character.
        try scratch.write("key.yaml", Documents.institution.replacingOccurrences(
            of: "capital: {registered: 5亿, paid_in: 5亿}", with: "capital:\n  ? \(big)\n  : 5亿"))
        let key = try scratch.run(["validate", "key.yaml"])
        expectNoCrashOrHang(key)
        #expect(key.status == 2)
        #expect(key.hasError("key.yaml", line: 7, column: 5, "unknown field 'xxxx"), "\(key.summary)")
        #expect(key.stderr.utf8.count < 10_000)
    }

    // MARK: - Numbers

    @Test func hugeTinyAndExponentNumbersAreLocatedErrors() throws {
        let scratch = try Scratch()
        try scratch.write("inst.yaml", Documents.institution)
        let tiny = "0." + String(repeating: "0", count: 130) + "1"
        let cases: [(String, String, Int, Int, String)] = [
            ("p-1", Documents.product(id: "p-1", max: String(repeating: "9", count: 50)), 8, 30,
             "number has 50 significant digits; at most 38 are exact"),
            ("p-2", Documents.product(id: "p-2", max: "1e400"), 8, 31, "numbers with an exponent (1e400) are not accepted"),
            ("p-3", Documents.product(id: "p-3", max: "1e-400"), 8, 31, "numbers with an exponent (1e-400) are not accepted"),
            ("p-4", Documents.product(id: "p-4", disclosedApr: "1e400%"), 13, 19, "numbers with an exponent (1e400) are not accepted"),
            ("p-5", Documents.product(id: "p-5", disclosedApr: "1e-400%"), 13, 19, "numbers with an exponent (1e-400) are not accepted"),
            ("p-6", Documents.product(id: "p-6", rate: "1e400% per day"), 12, 10, "numbers with an exponent (1e400) are not accepted"),
            ("p-7", Documents.product(id: "p-7", rate: "1e-400% per year"), 12, 10, "numbers with an exponent (1e-400) are not accepted"),
            ("p-8", Documents.product(id: "p-8", disclosedApr: tiny + "%"), 13, 18, "\(tiny) is too close to zero to be held exactly"),
            ("p-9", Documents.product(id: "p-9", rate: "0." + String(repeating: "0", count: 126) + "1% per day"), 12, 9,
             "0.\(String(repeating: "0", count: 126))1% is too close to zero to be held exactly"),
            ("p-10", Documents.product(id: "p-10", max: "-5000"), 8, 30, "an amount of money cannot be negative"),
            ("p-11", Documents.product(id: "p-11", rate: "-1% per day"), 12, 9, "a percentage cannot be negative"),
        ]
        for (id, text, _, _, _) in cases { try scratch.write("\(id).yaml", text) }
        let output = try scratch.run(["validate", "."])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        for (id, _, line, column, message) in cases {
            #expect(output.hasError("\(id).yaml", line: line, column: column, message), "\(id): \(output.summary)")
        }
        #expect(output.stderr.contains("loancheck: \(cases.count) errors in the input; nothing was audited"))
    }

    @Test func zeroAmountsZeroRatesAndWholeSharesAreValid() throws {
        let scratch = try Scratch()
        try scratch.write("docs/inst.yaml", Documents.institution)
        try scratch.write("docs/zero-min.yaml", Documents.product(id: "zero-min", min: "0"))
        try scratch.write("docs/zero-rate.yaml", Documents.product(id: "zero-rate", rate: "0% per day", disclosedApr: "0%"))
        try scratch.write("docs/whole-share.yaml", Documents.product(id: "whole-share", extra: "funding: [{institution: mlc-a, share: 100%}]\n"))
        try scratch.write("pack/probe.yaml", ProbePack.text(rules: [ProbePack.aprRule]))
        let output = try scratch.run(["audit", "docs", "--rules", "pack", "--as-of", "2026-11-22", "--format", "json"])
        expectNoCrashOrHang(output)
        #expect(output.status == 0, "\(output.summary)")
        #expect(output.stdout.contains("\"findings\": []"), "\(output.summary)")
    }

    @Test func zeroAndNegativeAmountsWhereTheyMakeNoSenseAreErrors() throws {
        let scratch = try Scratch()
        try scratch.write("inst.yaml", Documents.institution)
        try scratch.write("zero-max.yaml", Documents.product(id: "zero-max", max: "0"))
        try scratch.write("zero-share.yaml", Documents.product(
            id: "zero-share", extra: "funding: [{institution: mlc-a, share: 100%}, {institution: mlc-b, share: 0%}]\n"))
        try scratch.write("inst-b.yaml", Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: mlc-b"))
        let output = try scratch.run(["validate", "."])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("zero-max.yaml", line: 8, column: 30, "'credit_line.min' (¥500) is above 'credit_line.max' (¥0)"), "\(output.summary)")
        #expect(output.hasError("zero-share.yaml", line: 15, "funding[1].share is 0%; a share must be above 0% and at most 100%"),
                "\(output.summary)")
    }

    @Test func anUncomputableAprNeverPasses() throws {
        let scratch = try Scratch()
        try scratch.write("docs/inst.yaml", Documents.institution)
        // 10^38 % a day: the instalment overflows, so the APR rule cannot evaluate — an error, not a pass.
        try scratch.write("docs/p.yaml", Documents.product(rate: String(repeating: "9", count: 38) + "% per day"))
        try scratch.write("pack/probe.yaml", ProbePack.text(rules: [ProbePack.aprRule]))
        let output = try scratch.run(["audit", "docs", "--rules", "pack", "--as-of", "2026-11-22"])
        expectNoCrashOrHang(output)
        #expect(output.status == 1, "\(output.summary)")
        #expect(output.stdout.contains("cannot evaluate: missing product.apr.nominal"), "\(output.summary)")
        #expect(output.stdout.contains("docs/p.yaml:12:3"), "the finding points at pricing: \(output.summary)")
    }

    // MARK: - Encoding

    @Test func invalidUTF8IsLocated() throws {
        let scratch = try Scratch()
        // "甲小贷" in GBK, as a file saved by a Chinese Windows editor would hold it.
        let gbk: [UInt8] = [0xBC, 0xD7, 0xD0, 0xA1, 0xB4, 0xFB]
        try scratch.write("gbk.yaml", bytes: Array("kind: Institution\nid: mlc-a\nname: ".utf8) + gbk + Array("\n".utf8))
        let output = try scratch.run(["validate", "gbk.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("gbk.yaml", line: 3, column: 7, "invalid UTF-8 (byte 0xBC)"), "\(output.summary)")
        #expect(output.stderr.contains("iconv -f GB18030 -t UTF-8"))
    }

    @Test func nulBytesAreLocated() throws {
        let scratch = try Scratch()
        try scratch.write("nul.yaml", bytes: Array("kind: Institution\nid: mlc-a\nname: a".utf8) + [0] + Array("b\n".utf8))
        let output = try scratch.run(["validate", "nul.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("nul.yaml", line: 3, column: 8, "a NUL byte is not allowed in YAML"), "\(output.summary)")
    }

    @Test func byteOrderMarkAndCRLFAreAcceptedAndPositionsStayRight() throws {
        let scratch = try Scratch()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        func crlf(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        try scratch.write("inst.yaml", bytes: bom + crlf(Documents.institution))
        try scratch.write("p.yaml", bytes: bom + crlf(Documents.product()))
        let valid = try scratch.run(["validate", "."])
        expectNoCrashOrHang(valid)
        #expect(valid.status == 0, "\(valid.summary)")

        try scratch.write("p.yaml", bytes: bom + crlf(Documents.product().replacingOccurrences(of: "secured: false", with: "secured: yes")))
        let invalid = try scratch.run(["validate", "."])
        expectNoCrashOrHang(invalid)
        #expect(invalid.status == 2)
        #expect(invalid.hasError("p.yaml", line: 7, column: 10, "expected true or false for 'secured', found 'yes'"), "\(invalid.summary)")
        #expect(invalid.stderr.contains("  7 | secured: yes\n    |          ^\n"), "the quoted line has no BOM or CR: \(invalid.summary)")
    }

    // MARK: - Empty files, directories, links

    @Test func emptyAndCommentOnlyFilesAreErrors() throws {
        let scratch = try Scratch()
        try scratch.write("empty.yaml", "")
        try scratch.write("comments.yaml", "# nothing here\n# at all\n")
        try scratch.write("bare.yaml", "---\n")
        let output = try scratch.run(["validate", "."])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("empty.yaml", line: 1, column: 1, "'empty.yaml' holds no document"), "\(output.summary)")
        #expect(output.hasError("comments.yaml", line: 1, column: 1, "'comments.yaml' holds no document"), "\(output.summary)")
        #expect(output.hasError("bare.yaml", line: 2, column: 1, "empty document"), "\(output.summary)")
    }

    @Test func emptyDirectoryIsAnError() throws {
        let scratch = try Scratch()
        try scratch.write("products/README.txt", "not YAML\n")
        let output = try scratch.run(["validate", "products"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: no YAML files found in products"), "\(output.summary)")
    }

    @Test(.timeLimit(.minutes(4)))
    func tenThousandFiles() throws {
        let scratch = try Scratch()
        for index in 0..<10_000 {
            try scratch.write(String(format: "set/d%02d/inst-%04d.yaml", index % 100, index),
                              Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: inst-\(index)"))
        }
        let valid = try scratch.run(["validate", "set"], timeout: 200)
        expectNoCrashOrHang(valid)
        #expect(valid.status == 0, "\(valid.summary)")
        #expect(valid.stdout == "validate: 10000 files, 10000 Institution, 0 LoanProduct, 0 Waiver; no errors\n")

        // One bad file among them is found and named, not skipped.
        try scratch.write("set/d77/inst-7777.yaml",
                          Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: inst-7777")
                              .replacingOccurrences(of: "type: microlender", with: "type: microlendr"))
        let invalid = try scratch.run(["validate", "set"], timeout: 200)
        expectNoCrashOrHang(invalid)
        #expect(invalid.status == 2)
        #expect(invalid.hasError("set/d77/inst-7777.yaml", line: 4, column: 7, "'microlendr' is not a valid value for 'type'"),
                "\(invalid.summary)")
    }

    @Test func yamlExtensionsInAnyCaseAreRead() throws {
        let scratch = try Scratch()
        try scratch.write("set/a.yaml", Documents.institution)
        try scratch.write("set/B.YAML", Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: mlc-b"))
        try scratch.write("set/c.Yml", Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: mlc-c"))
        try scratch.write("set/notes.txt", "not a document")
        try scratch.write("set/d.yaml.bak", "not a document")
        let output = try scratch.run(["validate", "set"])
        expectNoCrashOrHang(output)
        #expect(output.status == 0, "\(output.summary)")
        #expect(output.stdout == "validate: 3 files, 3 Institution, 0 LoanProduct, 0 Waiver; no errors\n")
    }

    @Test func symbolicLinkLoopsAreErrors() throws {
        let scratch = try Scratch()
        try scratch.write("set/inst.yaml", Documents.institution)
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: scratch.path + "/set/loop", withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: scratch.path + "/set/a.yaml", withDestinationPath: "b.yaml")
        try manager.createSymbolicLink(atPath: scratch.path + "/set/b.yaml", withDestinationPath: "a.yaml")
        let output = try scratch.run(["validate", "set"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: symbolic link loop: 'set/loop' leads back to a directory already being read"),
                "\(output.summary)")
        #expect(output.stderr.contains("error: cannot read 'set/a.yaml': symbolic link loop"), "\(output.summary)")
        #expect(output.stderr.contains("error: cannot read 'set/b.yaml': symbolic link loop"), "\(output.summary)")
    }

    /// A file is read once however many ways reach it: named on the command line and through its
    /// directory, through a link, or under a second name (a hard link) in the same walk.
    @Test func filesReachedTwiceAreReadOnce() throws {
        let scratch = try Scratch()
        try scratch.write("set/inst.yaml", Documents.institution)
        try scratch.write("set/sub/other.yaml", Documents.institution.replacingOccurrences(of: "id: mlc-a", with: "id: mlc-b"))
        let manager = FileManager.default
        try manager.linkItem(atPath: scratch.path + "/set/inst.yaml", toPath: scratch.path + "/set/sub/hard.yaml")
        let hardLinkOnly = try scratch.run(["validate", "set"])
        #expect(hardLinkOnly.status == 0, "\(hardLinkOnly.summary)")
        #expect(hardLinkOnly.stdout == "validate: 2 files, 2 Institution, 0 LoanProduct, 0 Waiver; no errors\n")

        let twice = try scratch.run(["validate", "set", "set/inst.yaml", "set/sub"])
        #expect(twice.status == 0, "\(twice.summary)")
        #expect(twice.stdout == "validate: 2 files, 2 Institution, 0 LoanProduct, 0 Waiver; no errors\n")

        try manager.createSymbolicLink(atPath: scratch.path + "/set/link.yaml", withDestinationPath: "sub/other.yaml")
        try manager.createSymbolicLink(atPath: scratch.path + "/set/again", withDestinationPath: "sub")
        let links = try scratch.run(["validate", "set"])
        #expect(links.status == 0, "\(links.summary)")
        #expect(links.stdout == "validate: 2 files, 2 Institution, 0 LoanProduct, 0 Waiver; no errors\n")
    }
}
