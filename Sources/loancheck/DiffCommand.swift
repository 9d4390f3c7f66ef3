import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import Reporting

/// `loancheck diff --from DATE --to DATE [PATH…]`: the regulatory impact between two dates.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Audit the same inputs on two dates and report the findings that appear, disappear or change, with their causes.",
        discussion: """
            Each finding that differs is explained by the regime change that causes it: a rule taking effect, \
            a transition ending, a repeal, a parameter (such as the LPR) changing, or "input-dependent" when \
            no rule date or parameter changes between the dates. text, json, markdown and html show all three \
            categories and the regime changes between the dates; sarif, junit and github carry the findings of \
            the --to audit that are new or worse. Exit 1 when one of those is at or above --fail-on.
            """
    )

    @Argument(help: "YAML files or directories, as for audit (loan tapes included through their LedgerSchema; default: the directory of loancheck.yaml, else .).")
    var paths: [String] = []

    @Option(name: .customLong("from"), help: "The earlier date, YYYY-MM-DD.")
    var from: String

    @Option(name: .customLong("to"), help: "The later date, YYYY-MM-DD (on or after --from).")
    var to: String

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added, or replacing shipped packs with the same id).")
    var rulesDirectories: [String] = []

    @Option(name: .customLong("disable-rule"), help: "Switch a rule off for this run (repeatable).")
    var disabledRules: [String] = []

    @Flag(name: .customLong("allow-no-rules"), help: "Audit even when no rule is in force on a date (otherwise exit 2).")
    var allowNoRules = false

    @Option(name: .customLong("format"), help: "text | json | sarif | junit | github | markdown | html (repeatable).")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "Write the report to FILE (repeatable, paired with --format).")
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a new or worse finding on --to is at or above: error (default) | warning | info | never.")
    var failOn: String?

    @Option(name: .customLong("lang"), help: "zh | en (default: zh when LANG starts with zh, else en).")
    var language: String?

    @Option(name: .customLong("engine"), help: "The ledger engine for loan tapes: stream (default) | duckdb | postgres | spark.")
    var engine: String = "stream"

    @Option(name: .customLong("warn-expiring"), help: "Info finding for a waiver expiring within DAYS (default 30).")
    var warnExpiring: Int = 30

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var color: ColorOptions

    func run() throws {
        try color.apply()
        let space = try Workspace.open(workspace)
        let config = space.config
        let paths = space.inputPaths(self.paths)
        let rulesDirectories = space.rulesDirectories(self.rulesDirectories)
        let outputs = self.outputs.map(space.commandLinePath)
        let first = try CommandOptions.date(from, option: "--from")
        let last = try CommandOptions.date(to, option: "--to")
        guard first <= last else {
            throw CommandSupport.usageError("--from \(first) is after --to \(last)", hint: "give the earlier date as --from")
        }
        let threshold = try CommandOptions.threshold(failOn ?? config?.failOn?.value ?? "error")
        let lang = try CommandOptions.language(language ?? config?.language?.value)
        OutputLanguage.choose(lang)
        let targets = try CommandOptions.outputTargets(formats: formats, outputs: outputs)
        guard warnExpiring >= 0 else { throw CommandSupport.usageError("--warn-expiring must be 0 or more days") }
        let destinations = try AuditOutputs(reports: targets, baseline: nil)
        let ledgerEngine = try CommandOptions.ledgerEngine(engine)
        let request = DocumentRequest(paths: paths, selection: try space.selection(excludes: workspace.excludes), root: space.root)
        let (rules, outcome) = try CommandSupport.loadRulesAndDocuments(extra: rulesDirectories, choice: space.ruleChoice(disabling: disabledRules),
                                                                          request: request, sources: space.sources)
        let run = AuditRun(rules: rules)
        // Every ledger finding is listed (no cap): a finding beyond a cap could not be matched across the dates.
        let options = LedgerAuditor.Options(maxFindingsPerRule: 0, failuresDirectory: nil)
        let reports: [AuditReport]
        do {
            let ledgers = try [first, last].map { try run.ledger(outcome, asOf: $0, engine: ledgerEngine, options: options) }
            try destinations.refuseOverwriting(inputs: outcome.inputs.map(\.path) + ledgers.flatMap { $0?.inputs.map(\.path) ?? [] },
                                               rulesDirectories: rulesDirectories, baseline: nil)
            reports = try zip([first, last], ledgers).map { date, ledger in
                try run.report(outcome, asOf: date, language: lang, warnExpiringDays: warnExpiring, baseline: nil,
                               allowNoRules: allowNoRules, ledger: ledger)
            }
        } catch let failure as InputFailure {
            failure.printToStandardError()
            throw ExitCode(ExitStatus.invalidInput)
        }
        let diff = AuditDiff(from: reports[0], to: reports[1], packs: rules.packs)
        ProcessLifetime.keepUntilExit(diff)
        ProcessLifetime.keepUntilExit(rules)
        try destinations.write(
            report: { format, toStandardOutput in
                let useColor = toStandardOutput && format == .text && FileOutput.standardOutput.supportsColor
                return DiffRenderer.render(diff, format: format, options: ReportOptions(useColor: useColor))
            },
            baseline: { "" })
        if diff.fails(at: threshold) { throw ExitCode(ExitStatus.findings) }
    }
}
