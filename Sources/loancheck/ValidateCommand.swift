import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import LedgerStream
import LoanDomain
import RuleLanguage

/// `loancheck validate PATH…`: load and check documents only.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check documents (YAML syntax, schema, units, references) and loan tapes without auditing them."
    )

    @Argument(help: "YAML files or directories (read recursively: *.yaml, *.yml, any letter case).")
    var paths: [String] = ["."]

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added or replaced by id).")
    var rulesDirectories: [String] = []

    @Option(name: .customLong("lang"), help: "zh | en: the language of the errors and hints (default: zh when LANG starts with zh, else en).")
    var language: String?

    func run() throws {
        OutputLanguage.choose(try CommandOptions.language(language))
        let (rules, outcome) = try CommandSupport.loadRulesAndDocuments(extra: rulesDirectories, paths: paths)
        var waiverProblems = WaiverApplication.unknownRules(outcome.documents.waivers, rules: rules)
        if waiverProblems.isEmpty {
            // Waivers of ledger rules name loans and groups: those are checked against the tape by `audit`.
            let documentWaivers = outcome.documents.waivers.filter { waiver in
                guard case .string(let rule)? = waiver["rule"] else { return true }
                return rules.rule(rule)?.rule.subject.isLedger != true
            }
            waiverProblems = WaiverApplication.unknownSubjects(documentWaivers, rules: rules, documents: outcome.documents,
                                                               ledgerSeen: nil)
        }
        if !waiverProblems.isEmpty {
            CommandSupport.report(waiverProblems, sources: outcome.sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
        let loans = try validateTapes(outcome)
        let documents = outcome.documents.documents
        var counts = ["Institution", "LoanProduct", "Waiver"].map { kind in
            "\(documents.filter { $0.kind == kind }.count) \(kind)"
        }
        if let loans { counts.append("\(outcome.ledgerSchemas.count) LedgerSchema (\(loans) loan\(loans == 1 ? "" : "s"))") }
        try FileOutput.standardOutput.write(
            "validate: \(outcome.inputs.count) file\(outcome.inputs.count == 1 ? "" : "s"), \(counts.joined(separator: ", ")); no errors\n")
    }

    /// Reads every loan tape strictly (every cell, ids, shares, references), without rules; the number
    /// of loans, or nil without a LedgerSchema.
    private func validateTapes(_ outcome: LoadOutcome) throws -> Int? {
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
            CommandSupport.report(error.diagnostics, sources: sources, limit: 2_000)
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
