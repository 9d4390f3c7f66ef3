import ArgumentParser
import Compliance
import Diagnostics
import FoundationEssentials
import LedgerAudit
import LoanDomain
import Reporting
import RuleLanguage

/// `loancheck audit [PATH…]`: the main job.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit products and institutions against the rule packs in force on the as-of date.",
        discussion: """
            Several --format/--output pairs may be given: the Nth --output receives the Nth --format; \
            at most one format without an --output goes to standard output.
            """
    )

    @OptionGroup var options: AuditOptions

    @Option(name: .customLong("engine"), help: "The ledger engine for loan tapes: stream (default) | duckdb | postgres | spark.")
    var engine: String = "stream"

    func run() throws {
        try options.run { try CommandOptions.ledgerEngine(engine) }
    }
}

/// The options of an audit, shared by `audit` and `import` (which reads an SQL engine's result instead
/// of running an engine).
struct AuditOptions: ParsableArguments {
    @Argument(help: "YAML files or directories (read recursively: *.yaml, *.yml, any letter case).")
    var paths: [String] = ["."]

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added, or replacing shipped packs with the same id).")
    var rulesDirectories: [String] = []

    @Option(name: .customLong("disable-rule"),
            help: "Switch a rule off for this run (repeatable; recorded in every report). Needed for a shipped rule a --rules pack drops.")
    var disabledRules: [String] = []

    @Flag(name: .customLong("allow-no-rules"), help: "Audit even when no rule is in force on the as-of date (otherwise exit 2).")
    var allowNoRules = false

    @Option(name: .customLong("as-of"), help: "The audit date, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(name: .customLong("format"), help: "text | json | sarif | junit | github | markdown | html (repeatable).")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "Write the report to FILE (repeatable, paired with --format).")
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above: error | warning | info | never.")
    var failOn: String = "error"

    @Option(name: .customLong("lang"), help: "zh | en (default: zh when LANG starts with zh, else en).")
    var language: String?

    @Option(name: .customLong("baseline"), help: "Compare with a baseline: only new findings count for the exit code.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Write the current findings as a baseline FILE.")
    var writeBaseline: String?

    @Option(name: .customLong("max-findings-per-rule"),
            help: "List at most N findings per ledger rule (default 1000; 0 = all); totals stay complete.")
    var maxFindingsPerRule: Int = 1000

    @Option(name: .customLong("failures-out"), help: "Write every failing loan or group of each ledger rule, uncapped, as DIR/RULE.csv.")
    var failuresOut: String?

    @Option(name: .customLong("warn-expiring"), help: "Info finding for a waiver expiring within DAYS (default 30).")
    var warnExpiring: Int = 30


    /// Loads, audits (the ledger through `engine`) and writes every report.
    func run(engine makeEngine: () throws -> any LedgerEngine) throws {
        let date = try CommandOptions.asOfDate(asOf)
        let threshold = try CommandOptions.threshold(failOn)
        let lang = try CommandOptions.language(language)
        let targets = try CommandOptions.outputTargets(formats: formats, outputs: outputs)
        guard warnExpiring >= 0 else { throw CommandSupport.usageError("--warn-expiring must be 0 or more days") }
        let destinations = try AuditOutputs(reports: targets, baseline: writeBaseline)
        let previous = try baseline.map(BaselineFile.read)

        guard maxFindingsPerRule >= 0 else { throw CommandSupport.usageError("--max-findings-per-rule must be 0 (all) or more") }
        let ledgerEngine = try makeEngine()
        let (rules, outcome) = try CommandSupport.loadRulesAndDocuments(extra: rulesDirectories, disabling: disabledRules,
                                                                              paths: paths)
        let ledger: LedgerResults?
        do {
            ledger = try LedgerAuditor(rules: rules, engine: ledgerEngine)
                .audit(outcome, asOf: date, options: .init(maxFindingsPerRule: maxFindingsPerRule, failuresDirectory: failuresOut))
        } catch {
            var sources = outcome.sources
            sources.merge(error.sources)
            // A tape's errors are already bounded: the first 100 of each kind, then a count.
            CommandSupport.report(error.diagnostics, sources: sources, limit: 2_000)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            FileOutput.standardError.write("loancheck: \(count) error\(count == 1 ? "" : "s") in the ledger input; nothing was audited\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        // Loan tapes are known once the ledger stage has read their schemas.
        try destinations.refuseOverwriting(inputs: outcome.inputs.map(\.path) + (ledger?.inputs.map(\.path) ?? []),
                                           rulesDirectories: rulesDirectories, baseline: baseline)
        let report: AuditReport
        switch Auditor(rules: rules, toolVersion: LoanCheck.version)
            .audit(outcome, asOf: date, language: lang, warnExpiringDays: warnExpiring, baseline: previous,
                   allowNoRulesInForce: allowNoRules, ledger: ledger) {
        case .success(let value): report = value
        case .failure(let error):
            var sources = outcome.sources
            if let ledger { sources.merge(ledger.sources) }
            CommandSupport.report(error.diagnostics, sources: sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
        ProcessLifetime.keepUntilExit(report)
        ProcessLifetime.keepUntilExit(rules)
        ProcessLifetime.releaseInBackground(consume outcome)

        try destinations.write(
            report: { format, toStandardOutput in
                let useColor = toStandardOutput && format == .text && FileOutput.standardOutput.supportsColor
                return ReportRenderer.render(report, format: format, options: ReportOptions(useColor: useColor))
            },
            baseline: { try Baseline(findings: report.findings, asOf: date.description).json() })
        if report.fails(at: threshold) { throw ExitCode(ExitStatus.findings) }
    }
}
