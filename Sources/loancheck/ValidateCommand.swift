import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import LedgerStream
import LoanDomain
import Reporting
import RuleLanguage

/// `loancheck validate PATH…`: load and check documents only.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check documents (YAML syntax, schema, units, references) and loan tapes without auditing them."
    )

    @Argument(help: "YAML files or directories (read recursively: *.yaml, *.yml, any letter case); - reads standard input (default: the directory of loancheck.yaml, else .).")
    var paths: [String] = []

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added or replaced by id).")
    var rulesDirectories: [String] = []

    @Flag(name: .customLong("no-references"),
          help: "Check the files alone: lenders, co-funders, affiliates and waiver subjects need not be loaded (loan tapes are not read).")
    var noReferences = false

    @Option(name: .customLong("format"), help: "text | json | sarif | junit | github | markdown | html (repeatable): the input errors as results.")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "Write the report to FILE (repeatable, paired with --format).")
    var outputs: [String] = []

    @Option(name: .customLong("lang"), help: "zh | en: the language of the errors and hints (default: zh when LANG starts with zh, else en).")
    var language: String?

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var color: ColorOptions

    func run() throws {
        try color.apply()
        let space = try Workspace.open(workspace)
        let paths = space.inputPaths(self.paths)
        let rulesDirectories = space.rulesDirectories(self.rulesDirectories)
        let request = DocumentRequest(paths: paths, selection: try space.selection(excludes: workspace.excludes), root: space.root,
                                      requireReferences: !noReferences)
        let targets = try CommandOptions.outputTargets(formats: formats, outputs: outputs.map(space.commandLinePath))
        let destinations = try AuditOutputs(reports: targets, baseline: nil)
        let date = CommandOptions.today()
        let language = try CommandOptions.language(self.language ?? space.config?.language?.value)
        OutputLanguage.choose(language)
        let checked: (rules: RuleSet, outcome: LoadOutcome, loans: Int?)
        do {
            checked = try check(request: request, rulesDirectories: rulesDirectories, sources: space.sources)
        } catch let failure as InputFailure {
            try writeInputFailure(failure, asOf: date, language: language, destinations: destinations,
                                  rulesDirectories: rulesDirectories, baseline: nil)
        }
        let (rules, outcome, loans) = checked
        try destinations.refuseOverwriting(inputs: outcome.inputs.map(\.path), rulesDirectories: rulesDirectories, baseline: nil)
        let documents = outcome.documents.documents
        var counts = ["Institution", "LoanProduct", "Waiver"].map { kind in
            "\(documents.filter { $0.kind == kind }.count) \(kind)"
        }
        if noReferences, !outcome.ledgerSchemas.isEmpty {
            counts.append("\(outcome.ledgerSchemas.count) LedgerSchema (tapes not read: --no-references)")
        } else if let loans { counts.append("\(outcome.ledgerSchemas.count) LedgerSchema (\(loans) loan\(loans == 1 ? "" : "s"))") }
        let line = "validate: \(outcome.inputs.count) file\(outcome.inputs.count == 1 ? "" : "s"), \(counts.joined(separator: ", ")); no errors\n"
        let report = AuditReport.inputCheck(toolVersion: LoanCheck.version, asOf: date, language: language, rules: rules,
                                            inputs: outcome.inputs, errors: [], sources: SourceTexts())
        try destinations.write(report: { format, _ in format == .text ? line : ReportRenderer.render(report, format: format) },
                               baseline: nil)
    }

    /// Loads the documents, checks the waivers' rules and subjects and reads every tape; the problems
    /// found as an `InputFailure`.
    private func check(
        request: DocumentRequest, rulesDirectories: [String], sources: SourceTexts
    ) throws -> (rules: RuleSet, outcome: LoadOutcome, loans: Int?) {
        let (rules, outcome) = try CommandSupport.rulesAndDocuments(extra: rulesDirectories, request: request, sources: sources)
        var waiverProblems = WaiverApplication.unknownRules(outcome.documents.waivers, rules: rules)
        if waiverProblems.isEmpty, !noReferences {
            // Waivers of ledger rules name loans and groups: those are checked against the tape by `audit`.
            let documentWaivers = outcome.documents.waivers.filter { waiver in
                guard case .string(let rule)? = waiver["rule"] else { return true }
                return rules.rule(rule)?.rule.subject.isLedger != true
            }
            waiverProblems = WaiverApplication.unknownSubjects(documentWaivers, rules: rules, documents: outcome.documents,
                                                               ledgerSeen: nil)
        }
        if !waiverProblems.isEmpty {
            throw InputFailure(diagnostics: waiverProblems.map { $0.classified(as: .reference) }, sources: outcome.sources, rules: rules,
                               inputs: outcome.inputs, files: outcome.inputs.map(\.path))
        }
        return (rules, outcome, noReferences ? nil : try validateTapes(outcome, rules: rules))
    }

    /// Reads every loan tape strictly (every cell, ids, shares, references), without rules; the number
    /// of loans, or nil without a LedgerSchema.
    private func validateTapes(_ outcome: LoadOutcome, rules: RuleSet) throws -> Int? {
        guard !outcome.ledgerSchemas.isEmpty else { return nil }
        do {
            // The schemas' own as_of bounds the check (a tape is not compared with an audit date here).
            let latest = CivilDate(year: 9999, month: 12, day: 31) ?? CivilDate(dayNumber: 0)
            let schemas = try LedgerAuditor.schemas(outcome, asOf: latest)
            let request = LedgerRequest(schemas: schemas, rules: [], documents: outcome.documents, asOf: latest,
                                        maxFindingsPerRule: 0, waivedKeys: [:], failuresDirectory: nil)
            return try StreamEngine().run(request).loanCount
        } catch {
            var sources = outcome.sources
            sources.merge(error.sources)
            throw InputFailure(diagnostics: error.diagnostics.map { $0.classified(as: .tape) }, sources: sources, rules: rules,
                               inputs: outcome.inputs, files: outcome.inputs.map(\.path) + error.diagnostics.compactMap { $0.location?.file },
                               limit: 2_000)
        }
    }
}
