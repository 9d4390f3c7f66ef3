import Foundation
import LoanCheckTestSupport
import Testing

/// loancheck.yaml (DESIGN §9): found upward, strict, flags over the file, include/exclude, rule
/// selection, and `loancheck init`.
@Suite(.serialized) struct ConfigFileTests {
    typealias L = LoanCheckBinary

    /// A fresh git work tree (a `.git` directory is what marks one) with the examples in
    /// `compliance/` and a `docker-compose.yml` beside them; removed by the caller.
    static func repository(config: String? = nil) throws -> String {
        let root = try L.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        try fm.copyItem(atPath: L.repository + "/Examples", toPath: root + "/compliance")
        try "services:\n  web:\n    image: nginx\n".write(toFile: root + "/compliance/docker-compose.yml", atomically: true, encoding: .utf8)
        if let config { try config.write(toFile: root + "/loancheck.yaml", atomically: true, encoding: .utf8) }
        return root
    }

    @Test func theFileIsFoundUpwardAndFlagsOverrideIt() throws {
        let root = try Self.repository(config: "exclude: [docker-compose.yml]\nfail_on: never\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let args = ["audit", "--as-of", "2026-11-22", "--format", "json", "--output", "/dev/null"]
        // From a subdirectory: the file two levels up applies (fail_on: never, the compose file left out).
        #expect(try L.run(args, in: root + "/compliance/products").status == 0)
        #expect(try L.run(args + ["--fail-on", "error"], in: root + "/compliance").status == 1)
        // Without it, the compose file is read as a document: an error that says how to leave it out.
        let bare = try L.run(args + ["--no-config"], in: root + "/compliance")
        #expect(bare.status == 2)
        #expect(bare.stderr.hasPrefix("""
            compliance/docker-compose.yml:1:1: error: document has no 'kind'
              1 | services:
                | ^
              hint: add `kind:` with one of Institution, LoanProduct, Waiver
              hint: if 'compliance/docker-compose.yml' is not a loancheck document, leave it out: `exclude: [docker-compose.yml]` in loancheck.yaml (`loancheck init` writes one), or --exclude docker-compose.yml

            """))
        #expect(try L.run(args + ["--no-config", "--exclude", "docker-compose.yml"], in: root + "/compliance").status == 1)
        // --config names another file; --config and --no-config together are a usage error.
        try "exclude: [docker-compose.yml]\nfail_on: error\n".write(toFile: root + "/strict.yaml", atomically: true, encoding: .utf8)
        #expect(try L.run(args + ["--config", "../strict.yaml"], in: root + "/compliance").status == 1)
        let both = try L.run(args + ["--config", "x.yaml", "--no-config"], in: root)
        #expect(both.status == 2)
        #expect(both.stderr == "loancheck: error: --config 'x.yaml' and --no-config contradict each other\n  hint: give one of them\n")
        // The search stops at the work tree root: a file above it never applies.
        let inner = root + "/compliance"
        try FileManager.default.createDirectory(atPath: inner + "/.git", withIntermediateDirectories: true)
        #expect(try L.run(args + ["--exclude", "docker-compose.yml"], in: inner).status == 1)
    }

    @Test func anUnknownKeyIsAnErrorWithItsPlace() throws {
        let root = try Self.repository(config: "# shared settings\nexlude: [docker-compose.yml]\nlang: cn\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for command in [["audit"], ["validate"], ["test"], ["sql", "--dialect", "duckdb"]] {
            let result = try L.run(command, in: root + "/compliance")
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr == """
                loancheck.yaml:2:1: error: unknown key 'exlude' in loancheck.yaml
                  2 | exlude: [docker-compose.yml]
                    | ^
                  hint: did you mean 'exclude'?
                loancheck.yaml:3:7: error: lang must be zh or en, not 'cn'
                  3 | lang: cn
                    |       ^
                  hint: did you mean 'en'?

                """, "\(command)")
        }
    }

    @Test func rulesOnlyAndDisableSwitchRulesOffAndAreRecorded() throws {
        let root = try Self.repository(config: """
            exclude: [docker-compose.yml]
            rules:
              only: [cn-consumer-finance, CN-BANK-CREDIT-LINE]
              disable: [CN-CFC-CREDIT-LINE]

            """)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try L.run(["audit", "--as-of", "2026-11-22", "--format", "json"], in: root)
        #expect(result.status == 1, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["rule"] as? String }) == ["CN-CFC-CAPITAL", "CN-CFC-LOAN-CREDIT-LINE", "CN-BANK-CREDIT-LINE"])
        let changes = try #require(json["ruleChanges"] as? [String: Any])
        let disabled = try #require(changes["disabledRules"] as? [[String: Any]]).compactMap { $0["rule"] as? String }
        #expect(disabled.contains("CN-CFC-CREDIT-LINE") && disabled.contains("CN-RATE-APR-24") && !disabled.contains("CN-CFC-CAPITAL"))
        #expect(result.stderr.contains("loancheck: notice: rule CN-RATE-APR-24 of pack cn-interest-rate-caps (shipped) is disabled\n"))

        try "exclude: [docker-compose.yml]\nrules:\n  only: [cn-consumer-financ]\n".write(toFile: root + "/loancheck.yaml", atomically: true, encoding: .utf8)
        let unknown = try L.run(["audit", "--as-of", "2026-11-22"], in: root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == """
            loancheck.yaml:3:10: error: rules.only names unknown rule or pack 'cn-consumer-financ'
              3 |   only: [cn-consumer-financ]
                |          ^
              hint: did you mean 'cn-consumer-finance'?

            """)
    }

    @Test func aLoancheckDocumentIsNeverLeftOutSilently() throws {
        let root = try Self.repository(config: "exclude: [docker-compose.yml, compliance/waivers]\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try L.run(["validate"], in: root + "/compliance")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("""
            compliance/waivers/jn2024000183-region.yaml:4:1: error: 'compliance/waivers/jn2024000183-region.yaml' holds a Waiver document but is excluded by 'compliance/waivers' (loancheck.yaml:1:31)
              4 | kind: Waiver
                | ^
              note: loancheck.yaml:1:31: the pattern is here
              hint: exclude only files that are not loancheck documents: narrow the pattern, or move this file out of the audited directories

            """))
        #expect(result.stderr.hasSuffix("loancheck: 2 errors in the input; nothing was audited\n"))
        // A file named loancheck.yaml is the configuration, never a document.
        try "exclude: [docker-compose.yml]\n".write(toFile: root + "/compliance/loancheck.yaml", atomically: true, encoding: .utf8)
        let nested = try L.run(["validate"], in: root + "/compliance")
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(nested.stdout == "validate: 24 files, 8 Institution, 12 LoanProduct, 2 Waiver, 2 LedgerSchema (19 loans); no errors\n")
    }

    @Test func initWritesTheStarterFilesAndRefusesToOverwrite() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try L.run(["init"], in: root + "/compliance")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == """
            wrote \(root)/loancheck.yaml, \(root)/.github/workflows/loancheck.yml, \(root)/.gitlab-ci.yml
            excluded 1 YAML file that is not a loancheck document: compliance/docker-compose.yml
            next: `loancheck audit`, then commit the files (docs/configuration.md, docs/ci.md)

            """)
        let config = try String(contentsOfFile: root + "/loancheck.yaml", encoding: .utf8)
        #expect(config.contains("\nexclude:\n  - compliance/docker-compose.yml\n"))
        // The starter configuration works as written: the examples are audited, the compose file left out.
        #expect(try L.run(["audit", "--as-of", "2026-11-22", "--format", "json", "--output", "/dev/null"], in: root).status == 1)

        let again = try L.run(["init", "--ci", "github"], in: root)
        #expect(again.status == 2)
        #expect(again.stderr == """
            loancheck: error: loancheck.yaml already exists; nothing was written
              hint: edit it, or run `loancheck init --force` to replace it with the starter file
            loancheck: error: .github/workflows/loancheck.yml already exists; nothing was written
              hint: edit it, or run `loancheck init --force` to replace it with the starter file

            """)
        try "fail_on: never\n".write(toFile: root + "/loancheck.yaml", atomically: true, encoding: .utf8)
        let forced = try L.run(["init", "--force", "--ci", "none"], in: root)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: root + "/loancheck.yaml", encoding: .utf8) == config)
    }
}
