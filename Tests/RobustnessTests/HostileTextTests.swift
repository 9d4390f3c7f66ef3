import Foundation
import LoanCheckTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hostile text in the inputs, through the built binary (issue 17 items 11 and 14,
/// defects-reproductions.md §9 and §11): control characters and bidi overrides never reach stdout or
/// stderr as themselves, a pack link is http(s) only, unknown tags and quoted booleans are errors, file
/// names that are not UTF-8 are read, a key past libyaml's limit says so, and one broken file does not
/// turn every reference to it into an error of its own.
@Suite(.timeLimit(.minutes(2)))
struct HostileTextTests {
    static let escape: Unicode.Scalar = "\u{1B}"

    // MARK: - Output injection

    @Test func aWaiverReasonCannotForgeAWorkflowCommandOrEraseLines() throws {
        let scratch = try Scratch()
        try scratch.write("d/inst.yaml", Documents.institution)
        try scratch.write("d/p.yaml", Documents.product(rate: "30% per year", disclosedApr: "30%"))
        try scratch.write("d/w.yaml", """
            kind: Waiver
            rule: CN-RATE-APR-24
            subject: p-1
            reason: "ok\\n::error file=Examples/products/hx-flex.yaml,line=1::forged\\x1b[1A\\x1b[2K"
            approved_by: "risk\\u202E"
            expires: 2027-12-31

            """)
        for format in ["text", "github", "markdown"] {
            let output = try scratch.run(["audit", "d", "--as-of", "2026-11-22", "--format", format, "--fail-on", "never"])
            expectNoCrashOrHang(output)
            #expect(output.status == 0, "\(output.summary)")
            let lines = output.stdout.split(separator: "\n")
            #expect(!lines.contains { $0.hasPrefix("::error file=Examples") }, "\(format): \(output.stdout)")
            #expect(!output.stdout.unicodeScalars.contains(Self.escape) && !output.stdout.unicodeScalars.contains("\u{202E}"))
            if format == "text" {
                #expect(lines.contains(#"  waived by risk\u202E until 2027-12-31: ok\n::error file=Examples/products/hx-flex.yaml,line=1::forged\x1B[1A\x1B[2K"#),
                        "\(output.stdout)")
            }
        }
    }

    @Test func aKeyCannotForgeAWorkflowCommandOnStderr() throws {
        let scratch = try Scratch()
        try scratch.write("d/inst.yaml", Documents.institution)
        try scratch.write("d/p.yaml", Documents.product(extra: #""x\n::warning file=a.yaml,line=1::FORGED\e[2K": 1"#))
        let output = try scratch.run(["validate", "d"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix(#"""
            d/p.yaml:15:1: error: unknown field 'x\n::warning file=a.yaml,line=1::FORGED\x1B[2K' in LoanProduct
              15 | "x\n::warning file=a.yaml,line=1::FORGED\e[2K": 1
                 | ^

            """#), "\(output.summary)")
        #expect(!output.stderr.split(separator: "\n").contains { $0.hasPrefix("::") })
    }

    @Test func aReplacingPacksVersionCannotForgeANotice() throws {
        // A copy of a shipped pack under --rules replaces it, and the run says so on stderr and in the report.
        let shipped = try String(contentsOfFile: LoanCheckBinary.repository + "/Rules/packs/cn-interest-rate-caps.yaml", encoding: .utf8)
        let version = try #require(shipped.range(of: #"(?m)^version: .*$"#, options: .regularExpression))
        let pack = shipped.replacingCharacters(in: version, with: #"version: "9\n::error::forged\e[2K""#)
        let scratch = try Scratch()
        try scratch.write("pack/caps.yaml", pack)
        try scratch.write("d/inst.yaml", Documents.institution)
        try scratch.write("d/p.yaml", Documents.product())
        let output = try scratch.run(["audit", "d", "--rules", "pack", "--as-of", "2026-11-22", "--fail-on", "never"])
        expectNoCrashOrHang(output)
        #expect(output.status == 0, "\(output.summary)")
        for stream in [output.stdout, output.stderr] {
            #expect(!stream.split(separator: "\n").contains { $0.hasPrefix("::") }, "\(output.summary)")
            #expect(stream.contains(#"(version 9\n::error::forged\x1B[2K)"#), "\(output.summary)")
        }
    }

    // MARK: - Pack links

    @Test(arguments: ["javascript:alert(1)", "file:///etc/passwd", "https://", "https://example.org/a b"])
    func aPackLinkMustBeAnHTTPAddress(url: String) throws {
        let rule = ProbePack.aprRule.replacingOccurrences(
            of: "verified: false}", with: "verified: false, url: \"\(url)\"}")
        let pack = ProbePack.text(rules: [rule])
        let output = try BadPackTests.audit(BadPackTests.scratch(pack: pack))
        #expect(output.status == 2)
        let line = BadPackTests.line(of: "url: ", in: pack)
        let message = url.hasPrefix("https://example") ? "the citation URL contains ' ', which cannot be part of a link"
            : url == "https://" ? "the citation URL has no host name: 'https://'"
            : "the citation URL must be an http or https address, found '\(url)'"
        #expect(output.hasError("pack/probe.yaml", line: line, message), "\(output.summary)")
        #expect(output.stdout.isEmpty)
    }

    @Test func aPackSourceMustBeAnHTTPAddressToo() throws {
        let pack = ProbePack.text(rules: [ProbePack.aprRule])
            .replacingOccurrences(of: "instrument: TEST-1\n", with: "instrument: TEST-1\nsource: JavaScript:alert(1)\n")
        let output = try BadPackTests.audit(BadPackTests.scratch(pack: pack))
        #expect(output.status == 2)
        #expect(output.hasError("pack/probe.yaml", line: 8, column: 9,
                                "the source URL must be an http or https address, found 'JavaScript:alert(1)'"), "\(output.summary)")
    }

    // MARK: - Tags and booleans

    @Test func anUnknownTagIsALocatedError() throws {
        let scratch = try Scratch()
        try scratch.write("i.yaml", Documents.institution.replacingOccurrences(
            of: "registered_in: CN-GD", with: "registered_in: !!python/object:os.system CN-GD"))
        let output = try scratch.run(["validate", "i.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("i.yaml", line: 5, column: 16, "unknown tag '!!python/object:os.system'"), "\(output.summary)")
    }

    @Test func aQuotedFalseIsNotTheBooleanFalse() throws {
        let scratch = try Scratch()
        try scratch.write("i.yaml", Documents.institution)
        try scratch.write("p.yaml", Documents.product().replacingOccurrences(of: "secured: false", with: "secured: \"false\""))
        let output = try scratch.run(["validate", "i.yaml", "p.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("p.yaml", line: 7, column: 10, "expected a boolean for 'secured', got the string \"false\""),
                "\(output.summary)")
        #expect(output.stderr.contains("  hint: remove the quotes to write the boolean: `false`\n"))
    }

    // MARK: - File names and keys

    /// Writes `text` to a file whose name is `name` + `byte` (not UTF-8 alone) + `.yaml` in `directory`.
    private func writeNonUTF8(_ directory: String, name: String, byte: UInt8 = 0xFF, _ text: String) throws {
        let path = Array((directory + "/" + name).utf8) + [byte] + Array(".yaml".utf8)
        let descriptor = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
    }

    @Test func aFileNameThatIsNotUTF8IsReadFromADirectoryAndShownEscaped() throws {
        let scratch = try Scratch()
        try scratch.write("d/inst.yaml", Documents.institution)
        try writeNonUTF8(scratch.path + "/d", name: "p", Documents.product())
        let output = try scratch.run(["validate", "d"])
        expectNoCrashOrHang(output)
        #expect(output.status == 0, "\(output.summary)")
        #expect(output.stdout == "validate: 2 files, 1 Institution, 1 LoanProduct, 0 Waiver; no errors\n")
        // Diagnostics name it escaped.
        try writeNonUTF8(scratch.path + "/d", name: "q", "kind: Institution\nid: [\n")
        let failing = try scratch.run(["validate", "d"])
        #expect(failing.status == 2)
        #expect(failing.errorLines.count == 1 && failing.errorLines[0].hasPrefix(#"d/q\xFF.yaml:3:1: error: "#), "\(failing.summary)")
    }

    @Test func aFileNameThatIsNotUTF8IsReadFromTheCommandLine() throws {
        let scratch = try Scratch()
        try scratch.write("inst.yaml", Documents.institution)
        try writeNonUTF8(scratch.path, name: "p", Documents.product())
        // p\xFE.yaml decodes like p\xFF.yaml (U+FFFD): the two arguments are told apart by their order.
        try writeNonUTF8(scratch.path, name: "p", byte: 0xFE, Documents.product(id: "p-2"))
        let read = try runThroughShell(#"validate inst.yaml "$(printf 'p\376.yaml')" "$(printf 'p\377.yaml')""#, in: scratch)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "validate: 3 files, 1 Institution, 2 LoanProduct, 0 Waiver; no errors\n")
        let missing = try runThroughShell(#"validate inst.yaml "$(printf 'x\377.yaml')""#, in: scratch)
        #expect(missing.status == 2)
        #expect(missing.stderr == #"""
            loancheck: error: cannot read 'x\xFF.yaml': no such file or directory
              hint: check the path on the command line
            loancheck: 1 error in the input; nothing was audited

            """#, "\(missing.stderr)")
    }

    /// Runs `loancheck ARGUMENTS` through `/bin/sh` in the scratch directory: a file name's bytes cannot be
    /// passed as a Swift string.
    private func runThroughShell(_ arguments: String, in scratch: Scratch) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"exec "$0" "# + arguments, LoanCheckBinary.binary]
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
        process.environment = ["LANG": "C", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The outputs are a few lines: reading one pipe to its end cannot block the other.
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func aKeyPastLibyamlsLimitSaysSo() throws {
        let scratch = try Scratch()
        try scratch.write("i.yaml", Documents.institution + String(repeating: "k", count: 1_100) + ": 1\n")
        let output = try scratch.run(["validate", "i.yaml"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.hasError("i.yaml", line: 8, column: 1,
                                "a key may be at most 1024 characters (libyaml's limit for `key: value`); this one has 1100"),
                "\(output.summary)")
    }

    // MARK: - Error cascade

    @Test func referencesIntoAFileThatFailedToParseAreOneNote() throws {
        let scratch = try Scratch()
        try scratch.write("d/inst.yaml", Documents.institution.replacingOccurrences(of: "name: 甲小贷", with: "name: \"甲小贷"))
        try scratch.write("d/p1.yaml", Documents.product(id: "p-1"))
        try scratch.write("d/p2.yaml", Documents.product(id: "p-2"))
        let output = try scratch.run(["validate", "d"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.errorLines.count == 1, "\(output.summary)")
        #expect(output.hasError("d/inst.yaml", line: 8, column: 1, "found unexpected end of stream"), "\(output.summary)")
        #expect(output.stderr.contains("""
            d/p1.yaml:4:9: note: 2 references to ids that are not loaded are not checked: 'd/inst.yaml' could not be read and may define them
              4 | lender: mlc-a
                |         ^
              hint: fix the error in 'd/inst.yaml' first; the references are checked then

            """), "\(output.summary)")
        #expect(output.stderr.hasSuffix("loancheck: 1 error in the input; nothing was audited\n"))
    }

    @Test func referencesToADocumentThatWasNotLoadedAreNotErrorsOfTheirOwn() throws {
        let scratch = try Scratch()
        try scratch.write("d/inst.yaml", Documents.institution.replacingOccurrences(of: "kind: Institution", with: "kind: Institutio"))
        try scratch.write("d/p1.yaml", Documents.product(id: "p-1"))
        let output = try scratch.run(["validate", "d"])
        expectNoCrashOrHang(output)
        #expect(output.status == 2)
        #expect(output.errorLines == ["d/inst.yaml:1:7: error: unknown document kind 'Institutio'"], "\(output.summary)")
    }
}
