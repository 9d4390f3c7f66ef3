import ArgumentParser
import Compliance
import Diagnostics
import LoanDomain
import Reporting

/// `loancheck calendar [--from DATE] [--days N] [PATH…]`: the regime dates and parameter changes of the
/// loaded packs in a window, with the rules and (given PATH…) the subjects each touches.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "List every regime date and parameter change of the rule packs in a window of days.",
        discussion: """
            The window is --from (default: today) and the --days - 1 days after it (default 365). Given \
            PATH…, each rule's line lists the products and institutions it applies to on that day (the day \
            before, for a repeal) and how each fares; loan tapes are not read.
            """
    )

    @Argument(help: "YAML files or directories: list the subjects each change touches (optional).")
    var paths: [String] = []

    @Option(name: .customLong("from"), help: "The first day of the window, YYYY-MM-DD (default: today).")
    var from: String?

    @Option(name: .customLong("days"), help: "The length of the window in days (default 365).")
    var days: Int = 365

    @Option(name: .customLong("format"), help: "text | json | markdown")
    var format: String = "text"

    @Option(name: .customLong("lang"), help: "zh | en (default: zh when LANG starts with zh, else en).")
    var language: String?

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added, or replacing shipped packs with the same id).")
    var rulesDirectories: [String] = []

    @Option(name: .customLong("disable-rule"), help: "Switch a rule off for this run (repeatable).")
    var disabledRules: [String] = []

    /// A window longer than this is a typo, not a plan (and keeps the last day inside year 9999).
    static let maxDays = 36_600

    func run() throws {
        let lang = try CommandOptions.language(language)
        OutputLanguage.choose(lang)
        let first = try from.map { try CommandOptions.date($0, option: "--from") } ?? CommandOptions.today()
        guard (1...Self.maxDays).contains(days) else {
            throw CommandSupport.usageError("--days must be 1 to \(Self.maxDays), not \(days)", hint: "e.g. --days 365 for a year")
        }
        let last = first.adding(days: days - 1)
        guard last.year <= 9999 else {
            throw CommandSupport.usageError("the window from \(first) for \(days) days ends after the year 9999")
        }
        guard CalendarReport.formats.contains(format) else {
            throw CommandSupport.usageError("--format must be text, json or markdown, not '\(format)'",
                                            hint: Suggestions.hint(for: format, in: CalendarReport.formats))
        }
        let rules: RuleSet
        let documents: DocumentSet?
        if paths.isEmpty {
            rules = try CommandSupport.loadRules(extra: rulesDirectories, choice: RuleChoice(disable: disabledRules.map { RuleChoice.Name($0) }))
            documents = nil
        } else {
            let loaded = try CommandSupport.loadRulesAndDocuments(extra: rulesDirectories, disabling: disabledRules, paths: paths)
            rules = loaded.rules
            documents = loaded.outcome.documents
        }
        let entries = RegimeCalendar(packs: rules.packs).entries(from: first, through: last, documents: documents)
        let report = CalendarReport(toolName: "loancheck", toolVersion: LoanCheck.version, first: first, last: last, packs: rules.packs,
                                    entries: entries, documents: documents.map { $0.documents.filter { $0.kind != "Waiver" }.count },
                                    language: lang)
        try FileOutput.standardOutput.write(report.render(format))
    }
}
