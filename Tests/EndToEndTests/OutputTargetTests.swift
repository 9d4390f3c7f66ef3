import Foundation
import LoanCheckTestSupport
import Testing

/// `--output` and `--write-baseline` never overwrite a file the audit reads, nor each other: a usage
/// error (exit 2) before anything is written.
@Suite(.serialized) struct OutputTargetTests {
    typealias L = LoanCheckBinary

    /// A copy of Examples in a fresh directory, and the text of every file in it.
    private func examples() throws -> (directory: String, snapshot: [String: Data]) {
        let directory = try L.temporaryDirectory()
        try FileManager.default.copyItem(atPath: L.repository + "/Examples", toPath: directory + "/ex")
        return (directory, try snapshot(directory))
    }

    private func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: directory) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = FileManager.default.contents(atPath: directory + "/" + name)
            }
        }
        return files
    }

    @Test func anOutputOntoAnAuditedInputIsRefusedAndNothingIsWritten() throws {
        let (directory, before) = try examples()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--format", "json", "--output", "ex/products/tl-daily-loan.yaml"],
                               in: directory)
        #expect(report.status == 2)
        #expect(report.stderr == """
            loancheck: error: --output 'ex/products/tl-daily-loan.yaml' would overwrite the audited input 'ex/products/tl-daily-loan.yaml'
              hint: write reports and baselines to files that are not read by the audit

            """)
        let baseline = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--format", "sarif", "--output", "r.sarif",
                                  "--write-baseline", "./ex/products/../waivers/js-city-consumer-region.yaml"], in: directory)
        #expect(baseline.status == 2)
        #expect(baseline.errorLines == [
            // Paths are named normalised from the source root (docs/configuration.md).
            "loancheck: error: --write-baseline 'ex/waivers/js-city-consumer-region.yaml' would overwrite the audited input 'ex/waivers/js-city-consumer-region.yaml'",
        ])
        // A loan tape, known once the ledger stage has read its schema.
        let tape = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--format", "sarif", "--output", "ex/ledger/loans.csv"],
                             in: directory)
        #expect(tape.status == 2)
        #expect(tape.errorLines == [
            "loancheck: error: --output 'ex/ledger/loans.csv' would overwrite the audited input 'ex/ledger/loans.csv'",
        ])
        #expect(try snapshot(directory) == before, "a refused run wrote a file")
    }

    @Test func aLinkToAnInputIsSeenThrough() throws {
        let (directory, _) = try examples()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "ex/products/hx-installment.yaml")
        try FileManager.default.linkItem(atPath: directory + "/ex/products/xl-big-line.yaml", toPath: directory + "/hard.json")
        let result = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--format", "json", "--output", "link.json",
                                "--format", "sarif", "--output", "hard.json"], in: directory)
        #expect(result.status == 2)
        #expect(result.errorLines == [
            "loancheck: error: --output 'link.json' would overwrite the audited input 'ex/products/hx-installment.yaml'",
            "loancheck: error: --output 'hard.json' would overwrite the audited input 'ex/products/xl-big-line.yaml'",
        ])
    }

    @Test func rulePacksAndTheBaselineReadAreProtected() throws {
        let (directory, _) = try examples()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A shipped pack, replaced by an identical copy in a --rules directory.
        try FileManager.default.createDirectory(atPath: directory + "/extra", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: L.repository + "/Rules/packs/cn-apr-disclosure-2021.yaml", toPath: directory + "/extra/pack.yaml")
        let pack = try Data(contentsOf: URL(fileURLWithPath: directory + "/extra/pack.yaml"))
        // The shipped rules are a copy: on a binary without the check, the test must not overwrite the real ones.
        try FileManager.default.copyItem(atPath: L.repository + "/Rules", toPath: directory + "/Rules")
        let packs = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--rules", "extra", "--format", "json", "--output", "extra/pack.yaml",
                               "--format", "sarif", "--output", "Rules/schema/documents.yaml"],
                              in: directory, environment: ["LOANCHECK_RULES": directory + "/Rules"])
        #expect(packs.status == 2)
        // The shipped directory first, as it is loaded.
        #expect(packs.errorLines == [
            "loancheck: error: --output 'Rules/schema/documents.yaml' would overwrite the rules file '\(directory)/Rules/schema/documents.yaml'",
            "loancheck: error: --output 'extra/pack.yaml' would overwrite the rules file 'extra/pack.yaml'",
        ])
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/extra/pack.yaml")) == pack)

        let first = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--fail-on", "never", "--write-baseline", "base.json"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/base.json"))
        let again = try L.run(["audit", "ex", "--as-of", "2026-11-22", "--baseline", "base.json", "--write-baseline", "./base.json"], in: directory)
        #expect(again.status == 2)
        #expect(again.stderr == """
            loancheck: error: --write-baseline 'base.json' would overwrite the --baseline file 'base.json'
              hint: write the new baseline to another file, and replace the old one once it is reviewed

            """)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/base.json")) == written)
    }

    @Test func theSameFileTwiceIsRefusedBeforeLoading() throws {
        let directory = try L.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/a", withIntermediateDirectories: true)
        // Refused before the inputs are read: the audited directory does not even exist.
        let twice = try L.run(["audit", "missing", "--format", "json", "--output", "x.json", "--format", "sarif", "--output", "./a/../x.json"],
                              in: directory)
        #expect(twice.status == 2)
        #expect(twice.stderr == """
            loancheck: error: --output 'x.json' is the same file as --output 'x.json'
              hint: give each output its own file

            """)
        let baseline = try L.run(["audit", "missing", "--format", "json", "--output", "b/../b.json", "--write-baseline", "b.json"], in: directory)
        #expect(baseline.errorLines == ["loancheck: error: --write-baseline 'b.json' is the same file as --output 'b.json'"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["a"])
        // Devices may be shared: /dev/null twice is fine.
        let null = try L.run(["audit", "Examples", "--as-of", "2026-11-22", "--format", "json", "--output", "/dev/null",
                              "--format", "sarif", "--output", "/dev/null", "--write-baseline", "/dev/null"])
        #expect(null.status == 1, "\(null.stderr)")
        #expect(null.stdout == "")
    }

    @Test func aDirectoryIsNotAnOutput() throws {
        let result = try L.run(["audit", "Examples", "--format", "json", "--output", "Examples"])
        #expect(result.status == 2)
        #expect(result.stderr == """
            loancheck: error: cannot write 'Examples': Is a directory
              hint: give the name of a file to write

            """)
    }
}
