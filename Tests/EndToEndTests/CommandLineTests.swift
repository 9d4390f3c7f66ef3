import Foundation
import LoanCheckTestSupport
import Testing

@Suite(.serialized) struct CommandLineTests {
    typealias L = LoanCheckBinary

    @Test func versionAndHelp() throws {
        let version = try L.run(["--version"])
        #expect(version.status == 0)
        let lines = version.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "loancheck 0.1.0")
        // The commit the binary was built from (a hex abbreviation, "+modified" for a dirty tree) or "unknown".
        #expect(lines.dropFirst().first?.range(of: #"^commit: ([0-9a-f]{7,40}(\+modified)?|unknown)$"#, options: .regularExpression) != nil,
                "\(version.stdout)")
        #expect(lines.contains("rules: \(L.repository)/Rules"), "\(version.stdout)")
        #expect(lines.contains { $0.hasPrefix("  cn-interest-rate-caps 2026.11 (in-force, ") && $0.hasSuffix(" rules)") }, "\(version.stdout)")
        #expect(lines.contains("  cn-online-microlender-draft-2020 2026.11 (draft, 5 rules)"), "\(version.stdout)")
        let help = try L.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("audit"))
    }

    @Test func noSubcommandIsAUsageErrorWithTheHelpOnStandardError() throws {
        let result = try L.run([])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("OVERVIEW: Check Chinese lending products"))
        #expect(result.stderr.contains("USAGE: loancheck <subcommand>"))
        #expect(result.stderr.contains("  audit "))
    }

    @Test func duplicateKeyIsReportedAtTheSecondKeyNamingTheFirst() throws {
        let result = try L.run(["validate", "Tests/EndToEndTests/Fixtures/duplicate-key/dup.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("""
            Tests/EndToEndTests/Fixtures/duplicate-key/dup.yaml:3:1: error: duplicate key 'id'
              3 | id: b
                | ^
              note: Tests/EndToEndTests/Fixtures/duplicate-key/dup.yaml:2:1: first defined here
              hint: remove one of them or rename it
            """))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try L.run(["audit", "Examples", "--format", "sarf"]).status == 2)
        #expect(try L.run(["audit", "Examples", "--as-of", "2024-02-30"]).status == 2)
        #expect(try L.run(["audit", "Examples", "--fail-on", "sometimes"]).status == 2)
        #expect(try L.run(["audit", "--bogus"]).status == 2)
        let missing = try L.run(["audit", "no-such-dir"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read 'no-such-dir': no such file or directory"))
    }

    @Test func compliantSetExitsZero() throws {
        let result = try L.run(["audit", "Tests/EndToEndTests/Fixtures/compliant", "--as-of", "2026-11-22"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func shippedPacksAreFoundFromAnyDirectory() throws {
        let directory = try L.temporaryDirectory()
        let result = try L.run(["rules", "--format", "json", "--as-of", "2026-11-22"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"CN-BANK-CREDIT-LINE\""))
    }

    @Test func rulesOfTheDraftPackAreListedAsDraft() throws {
        let text = try L.run(["rules", "--as-of", "2026-11-22"])
        let lines = text.stdout.split(separator: "\n")
        let capital = try #require(lines.first { $0.contains("CN-OML-CAPITAL ") })
        #expect(capital.contains(" draft ") && !capital.contains("in-force"))
        let creditLine = try #require(lines.first { $0.contains("CN-BANK-CREDIT-LINE ") })
        #expect(creditLine.contains(" in-force "))
        let json = try L.run(["rules", "--format", "json", "--as-of", "2026-11-22"])
        let rules = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["rules"] as? [[String: Any]])
        let status = Dictionary(uniqueKeysWithValues: rules.compactMap { rule in
            (rule["id"] as? String).map { ($0, rule["status"] as? String ?? "") }
        })
        #expect(status["CN-OML-CROSS-PROVINCE"] == "draft")
        #expect(status["CN-RATE-APR-24"] == "in-force")
        #expect(status["CN-CFC-BALANCE"] == "repealed")
    }

    @Test func packTestsPass() throws {
        let result = try L.run(["test"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(" passed, 0 failed"))
    }

    @Test func evalPrintsValueAndType() throws {
        let result = try L.run(["eval", "10亿 * 25% == 2.5亿"])
        #expect(result.stdout == "true : boolean\n")
        let error = try L.run(["eval", "20万 + 30%"])
        #expect(error.status == 2)
        #expect(error.stderr.contains("<expression>:1:"))
    }

    @Test func aprMatchesThePBOCMethod() throws {
        let result = try L.run(["apr", "Examples/products/hx-installment.yaml", "--no-schedule"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("APR (IRR × 12 periods/year): 27.49%"))
    }
}
