import Foundation
import LoanCheckTestSupport
import Testing

/// A single-valued option given twice is a usage error (exit 2), never "the last one wins": a pipeline
/// that appends `--fail-on never` must not disable gating.
@Suite(.serialized) struct RepeatedOptionTests {
    typealias L = LoanCheckBinary

    @Test func failOnGivenTwiceIsAUsageErrorNamingIt() throws {
        let result = try L.run(["audit", "Examples", "--as-of", "2026-11-22", "--fail-on", "error", "--fail-on", "never"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            loancheck: error: --fail-on is given 2 times ('error', 'never'); it takes one value
              hint: give it once: a later --fail-on does not override an earlier one

            """)
    }

    @Test func bothSpellingsCountAndEveryRepeatedOptionIsNamed() throws {
        let result = try L.run(["audit", "Examples", "--as-of=2026-11-22", "--lang", "en", "--as-of", "2026-11-23",
                                "--lang=zh", "--warn-expiring", "30", "--warn-expiring=30"])
        #expect(result.status == 2)
        #expect(result.errorLines == [
            "loancheck: error: --as-of is given 2 times ('2026-11-22', '2026-11-23'); it takes one value",
            "loancheck: error: --lang is given 2 times ('en', 'zh'); it takes one value",
            "loancheck: error: --warn-expiring is given 2 times ('30', '30'); it takes one value",
        ])
    }

    @Test func baselineOptionsOfAuditAndOptionsOfOtherCommands() throws {
        // In a scratch directory: a binary that takes the last value writes b.json.
        let directory = try L.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let examples = L.repository + "/Examples"
        let cases: [(arguments: [String], option: String)] = [
            (["audit", examples, "--baseline", "a.json", "--baseline", "b.json"], "--baseline"),
            (["audit", examples, "--write-baseline", "a.json", "--write-baseline=b.json"], "--write-baseline"),
            (["rules", "--format", "json", "--format", "text"], "--format"),
            (["eval", "1 + 1", "--as-of", "2026-01-01", "--as-of", "2026-01-02"], "--as-of"),
            (["eval", "product.id", "--doc", "a.yaml", "--doc", "b.yaml"], "--doc"),
        ]
        for (arguments, option) in cases {
            let result = try L.run(arguments, in: directory)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errorLines.count == 1 && result.errorLines.first?.hasPrefix("loancheck: error: \(option) is given 2 times") == true,
                    "\(arguments): \(result.stderr)")
            #expect(result.stdout == "", "\(arguments)")
        }
    }

    /// Every single-valued option of every command, as the parser describes them: options added later
    /// are covered without a change here.
    @Test func everySingleValuedOptionOfEveryCommandIsRefusedTwice() throws {
        let dump = try L.run(["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let commands = try #require((tool["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        let directory = try L.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var checked: [String] = []
        for command in commands {
            let name = try #require(command["commandName"] as? String)
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            // A value for each positional argument, so that parsing succeeds.
            let positionals = arguments.filter { $0["kind"] as? String == "positional" }.map { _ in "x" }
            func longName(_ argument: [String: Any]) -> String? {
                (argument["names"] as? [[String: Any]])?.first { $0["kind"] as? String == "long" }?["name"] as? String
            }
            // A value for each required option too (import's --manifest), unless it is the one repeated.
            let required = arguments.filter { $0["kind"] as? String == "option" && $0["isOptional"] as? Bool == false }
                .compactMap(longName)
            for argument in arguments where argument["kind"] as? String == "option" && argument["isRepeating"] as? Bool == false {
                let long = try #require(longName(argument))
                let others = required.filter { $0 != long }.flatMap { ["--\($0)", "x"] }
                let result = try L.run([name] + positionals + others + ["--\(long)", "1", "--\(long)=2"], in: directory)
                #expect(result.status == 2, "\(name) --\(long)")
                #expect(result.errorLines == ["loancheck: error: --\(long) is given 2 times ('1', '2'); it takes one value"],
                        "\(name) --\(long): \(result.stderr)")
                checked.append("\(name) --\(long)")
            }
        }
        #expect(Set(checked).isSuperset(of: [
            "audit --as-of", "audit --fail-on", "audit --lang", "audit --baseline", "audit --write-baseline",
            "audit --warn-expiring", "rules --format", "rules --as-of", "eval --doc", "eval --id", "eval --as-of",
        ]), "\(checked)")
    }

    @Test func repeatableOptionsAndValuesAfterTheTerminatorAreNotRefused() throws {
        let rules = try L.run(["rules", "--rules", "Rules", "--rules=Rules", "--as-of", "2026-11-22"])
        #expect(!rules.stderr.contains("is given"), "\(rules.stderr)")
        let eval = try L.run(["eval", "--as-of", "2026-01-01", "--", "--as-of"])
        #expect(!eval.stderr.contains("is given"))
        #expect(eval.stderr.contains("<expression>:1:"))
    }
}
