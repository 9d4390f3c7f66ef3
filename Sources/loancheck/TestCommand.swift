import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import LedgerStream

/// `loancheck test [PACK…]`: runs the packs' own test cases.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule packs' own test cases; fail on a failing case or a rule without pass and fail cases."
    )

    @Argument(help: "Pack ids to test (default: every loaded pack).")
    var packs: [String] = []

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added or replaced by id).")
    var rulesDirectories: [String] = []

    @Option(name: .customLong("engine"), help: "The ledger engine for the cases with a tape: stream (default) | duckdb | postgres | spark.")
    var engine: String = "stream"

    func run() throws {
        let rules = try CommandSupport.loadRules(extra: rulesDirectories)
        let known = Set(rules.packs.map(\.id))
        for pack in packs where !known.contains(pack) {
            throw CommandSupport.usageError("unknown pack '\(pack)'",
                                            hint: Suggestions.hint(for: pack, in: known) ?? "packs: \(known.sorted().joined(separator: ", "))")
        }
        // One core for the stream engine: the cases' tapes are a few rows each.
        let ledgerEngine = engine == "stream" ? StreamEngine(parts: 1) : try CommandOptions.ledgerEngine(engine)
        let runner = PackTestRunner(rules: rules, ledger: LedgerPackTests.runner(engine: ledgerEngine))
        let (results, coverage) = runner.run(packIds: packs.isEmpty ? nil : Set(packs))
        var out = ""
        var currentPack = ""
        for rule in coverage {
            if rule.packId != currentPack {
                currentPack = rule.packId
                out += "\npack \(currentPack)\n"
            }
            let cases = results.filter { $0.rule == rule.rule }
            let failed = cases.filter { !$0.passed }.count
            let status = failed > 0 || !rule.isComplete ? "FAIL" : "ok  "
            out += "  \(status) \(rule.rule.padding(to: 30)) \(cases.count - failed)/\(cases.count) cases, \(rule.passCases) pass + \(rule.failCases) fail\n"
            for result in cases where !result.passed {
                out += "       ✗ \(result.caseName) (\(result.location))\n"
                for problem in result.problems { out += "           \(problem)\n" }
            }
            if !rule.isComplete {
                out += "       ✗ the rule needs at least one passing and one failing case (has \(rule.passCases) + \(rule.failCases))\n"
            }
        }
        let failedCases = results.filter { !$0.passed }.count
        let incomplete = coverage.filter { !$0.isComplete }.count
        out += "\n\(results.count - failedCases) passed, \(failedCases) failed"
        out += " (\(coverage.count) rules, \(incomplete) without both a passing and a failing case)\n"
        // Case names and problems quote the packs: shown escaped (`DisplayText`), line breaks kept.
        try FileOutput.standardOutput.write(DisplayText.safe(out, layout: .block))
        if failedCases > 0 || incomplete > 0 { throw ExitCode(ExitStatus.findings) }
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never truncated).
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
