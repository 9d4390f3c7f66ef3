import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import LedgerSQL
import LoanDomain
import RuleLanguage

/// `loancheck sql --dialect D PATH…`: the ledger rules compiled to one SQL script, for a user who runs
/// it on their own cluster and reads its result back with `loancheck import`.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the ledger audit of the loan tapes under PATH as one SQL script for duckdb | postgres | spark | trino."
    )

    @Argument(help: "YAML files or directories: institutions, products, waivers and the LedgerSchema of the tape.")
    var paths: [String] = ["."]

    @Option(name: .customLong("dialect"), help: "duckdb | postgres | spark | trino.")
    var dialect: String

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added, or replacing shipped packs with the same id).")
    var rulesDirectories: [String] = []

    @Option(name: .customLong("disable-rule"), help: "Switch a rule off (repeatable).")
    var disabledRules: [String] = []

    @Option(name: .customLong("as-of"), help: "The audit date, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(name: .customLong("max-findings-per-rule"), help: "Failures listed per ledger rule (default 1000; 0 = all).")
    var maxFindingsPerRule: Int = 1000

    @Option(name: .customLong("output"), help: "Write the script to FILE instead of standard output.")
    var output: String?

    @Option(name: .customLong("manifest"), help: "Also write what the script was compiled from to FILE, for `loancheck import`.")
    var manifest: String?

    func run() throws {
        let date = try CommandOptions.asOfDate(asOf)
        guard let chosen = SQLDialect(rawValue: dialect) else {
            throw CommandSupport.usageError("unknown dialect '\(dialect)'",
                                            hint: Suggestions.hint(for: dialect, in: SQLDialect.allCases.map(\.rawValue))
                                                ?? "dialects: duckdb, postgres, spark, trino")
        }
        guard maxFindingsPerRule >= 0 else { throw CommandSupport.usageError("--max-findings-per-rule must be 0 (all) or more") }
        let (rules, outcome) = try CommandSupport.loadRulesAndDocuments(extra: rulesDirectories, disabling: disabledRules, paths: paths)
        let request: LedgerRequest
        do {
            guard let built = try LedgerAuditor(rules: rules, engine: NoLedgerEngine())
                .request(outcome, asOf: date, options: .init(maxFindingsPerRule: maxFindingsPerRule)) else {
                throw CommandSupport.usageError("no LedgerSchema under \(paths.joined(separator: ", ")): there is no loan tape to compile",
                                                hint: "pass the directory that holds the tape's `kind: LedgerSchema` document")
            }
            request = built
        } catch let error as LedgerError {
            var sources = outcome.sources
            sources.merge(error.sources)
            CommandSupport.report(error.diagnostics, sources: sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
        let compilation: SQLCompilation
        do {
            compilation = try SQLCompiler.compile(request, dialect: chosen)
        } catch {
            CommandSupport.report(error.diagnostics, sources: outcome.sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
        let text = compilation.script.text
        let destination = try output.map { path throws(OutputError) in try OutputDestination(path: path) } ?? .standardOutput
        let manifestText = try manifest.map { _ in
            try SQLManifest(tool: "loancheck \(LoanCheck.version)", compilation: compilation, request: request,
                            packs: request.rules.map(\.pack)).json()
        }
        let manifestDestination = try manifest.map { path throws(OutputError) in try OutputDestination(path: path) }
        try OutputTransaction.perform { transaction in
            try transaction.write(text, to: destination)
            if let manifestText, let manifestDestination { try transaction.write(manifestText, to: manifestDestination) }
        }
    }
}

/// The engine of a request that is only compiled, never run.
struct NoLedgerEngine: LedgerEngine {
    var name: String { "none" }
    func run(_ request: LedgerRequest) throws(LedgerError) -> LedgerRun {
        throw LedgerError([.error("internal error: no ledger engine", at: nil)])
    }
}
