import ArgumentParser
import Compliance
import Configuration
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
    @Argument(help: "YAML files or directories (read recursively: *.yaml, *.yml, any letter case); - reads standard input (default: the directory of loancheck.yaml, else .).")
    var paths: [String] = []

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

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above: error (default) | warning | info | never.")
    var failOn: String?

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

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .customLong("organisation"), help: "The organisation named on the HTML report's cover.")
    var organisation: String?

    @Option(name: .customLong("prepared-by"), help: "Who prepared the report (the HTML report's sign-off block).")
    var preparedBy: String?

    @Option(name: .customLong("approved-by"), help: "Who approves the report (the HTML report's sign-off block).")
    var approvedBy: String?

    /// The report options of this run: the cover's attribution (the flags over loancheck.yaml's
    /// `organisation` and `sign_off`), and the rules directories that pack files are shown relative to.
    private func reportOptions(useColor: Bool, _ resolved: Resolved) -> ReportOptions {
        ReportOptions(useColor: useColor, attribution: resolved.attribution,
                      rulesRoots: (RulesDirectory.locate().map { [$0] } ?? []) + resolved.rulesDirectories)
    }

    @OptionGroup var color: ColorOptions

    /// Paths and choices with the configuration file applied: what the command line does not give.
    private struct Resolved {
        var paths: [String]
        var rulesDirectories: [String]
        var baseline: String?
        var failuresOut: String?
        var choice: RuleChoice
        var request: DocumentRequest
        var sources: SourceTexts
        var attribution: ReportAttribution
    }

    /// Loads, audits (the ledger through `engine`) and writes every report. The configuration file
    /// gives what the command line does not; the run then works from the source root (`Workspace`).
    /// Invalid inputs (documents, packs, tapes, waivers, the baseline) are printed as ever and then
    /// written to every report asked for (`writeInputFailure`), with exit 2.
    func run(engine makeEngine: () throws -> any LedgerEngine) throws {
        try color.apply()
        let space = try Workspace.open(workspace)
        let config = space.config
        let paths = space.inputPaths(self.paths)
        let outputs = self.outputs.map(space.commandLinePath)
        let writeBaseline = self.writeBaseline.map(space.commandLinePath)
        let resolved = Resolved(
            paths: paths, rulesDirectories: space.rulesDirectories(self.rulesDirectories),
            baseline: self.baseline.map(space.commandLinePath) ?? config?.baseline.map { space.named($0.value) },
            failuresOut: self.failuresOut.map(space.commandLinePath), choice: space.ruleChoice(disabling: disabledRules),
            request: DocumentRequest(paths: paths, selection: try space.selection(excludes: workspace.excludes), root: space.root),
            sources: space.sources,
            attribution: ReportAttribution(organisation: organisation ?? config?.organisation,
                                           preparedBy: preparedBy ?? config?.signOff.preparedBy,
                                           approvedBy: approvedBy ?? config?.signOff.approvedBy))

        let date = try CommandOptions.asOfDate(asOf)
        let threshold = try CommandOptions.threshold(failOn ?? config?.failOn?.value ?? "error")
        let lang = try CommandOptions.language(language ?? config?.language?.value)
        OutputLanguage.choose(lang)
        let targets = try CommandOptions.outputTargets(formats: formats, outputs: outputs)
        guard warnExpiring >= 0 else { throw CommandSupport.usageError("--warn-expiring must be 0 or more days") }
        let destinations = try AuditOutputs(reports: targets, baseline: writeBaseline)
        guard maxFindingsPerRule >= 0 else { throw CommandSupport.usageError("--max-findings-per-rule must be 0 (all) or more") }
        let ledgerEngine = try makeEngine()
        do {
            try audit(resolved, engine: ledgerEngine, date: date, threshold: threshold, language: lang, destinations: destinations)
        } catch let failure as InputFailure {
            try writeInputFailure(failure, asOf: date, language: lang, destinations: destinations,
                                  rulesDirectories: resolved.rulesDirectories, baseline: resolved.baseline)
        }
    }

    private func audit(
        _ resolved: Resolved, engine ledgerEngine: any LedgerEngine, date: CivilDate, threshold: FindingSeverity?,
        language lang: ReportLanguage, destinations: AuditOutputs
    ) throws {
        let (rules, outcome) = try CommandSupport.rulesAndDocuments(extra: resolved.rulesDirectories, choice: resolved.choice,
                                                                    request: resolved.request, sources: resolved.sources)
        let files = outcome.inputs.map(\.path)
        let previous: Baseline?
        do {
            previous = try resolved.baseline.map(BaselineFile.read)
        } catch {
            throw InputFailure(diagnostics: error.diagnostics, sources: outcome.sources, rules: rules, inputs: outcome.inputs, files: files)
        }
        let run = AuditRun(rules: rules)
        let ledger = try run.ledger(outcome, asOf: date, engine: ledgerEngine,
                                    options: .init(maxFindingsPerRule: maxFindingsPerRule, failuresDirectory: resolved.failuresOut))
        // Loan tapes are known once the ledger stage has read their schemas.
        try destinations.refuseOverwriting(inputs: files + (ledger?.inputs.map(\.path) ?? []),
                                           rulesDirectories: resolved.rulesDirectories, baseline: resolved.baseline)
        let report = try run.report(outcome, asOf: date, language: lang, warnExpiringDays: warnExpiring, baseline: previous,
                                    allowNoRules: allowNoRules, ledger: ledger)
        ProcessLifetime.keepUntilExit(report)
        ProcessLifetime.keepUntilExit(rules)
        ProcessLifetime.releaseInBackground(consume outcome)

        try destinations.write(
            content: { format, toStandardOutput in
                let useColor = toStandardOutput && format == .text && FileOutput.standardOutput.supportsColor
                let options = reportOptions(useColor: useColor, resolved)
                if let bytes = ReportRenderer.renderUTF8(report, format: format, options: options) { return .utf8(bytes) }
                return .text(ReportRenderer.render(report, format: format, options: options))
            },
            baseline: { try Baseline(findings: report.findings, asOf: date.description).json() })
        if report.fails(at: threshold) { throw ExitCode(ExitStatus.findings) }
    }
}

/// Invalid inputs: printed to standard error as ever, then written to every report of the run — the
/// input problems as results of their `LC-INPUT-…` rules — and exit 2. No baseline is written (there are
/// no findings to record), and no output may overwrite an input found.
func writeInputFailure(
    _ failure: InputFailure, asOf: CivilDate, language: ReportLanguage, destinations: AuditOutputs, rulesDirectories: [String],
    baseline: String?
) throws -> Never {
    failure.printToStandardError()
    try destinations.refuseOverwriting(inputs: failure.files, rulesDirectories: rulesDirectories, baseline: baseline)
    let report = AuditReport.inputCheck(toolVersion: LoanCheck.version, asOf: asOf, language: language, rules: failure.rules,
                                        inputs: failure.inputs, errors: failure.listed, sources: failure.sources)
    try destinations.write(
        report: { format, toStandardOutput in
            // On a terminal the diagnostics are on standard error already.
            toStandardOutput && format == .text ? "" : ReportRenderer.render(report, format: format)
        },
        baseline: nil)
    throw ExitCode(ExitStatus.invalidInput)
}
