import ArgumentParser
import Compliance
import Diagnostics
import LoanDomain

/// `loancheck validate PATH…`: load and check documents only.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check documents (YAML syntax, schema, units, references) without auditing them."
    )

    @Argument(help: "YAML files or directories (read recursively: *.yaml, *.yml, any letter case).")
    var paths: [String] = ["."]

    @Option(name: .customLong("rules"), help: "Extra rules directories (packs added or replaced by id).")
    var rulesDirectories: [String] = []

    func run() throws {
        let (rules, outcome) = try CommandSupport.loadRulesAndDocuments(extra: rulesDirectories, paths: paths)
        let waiverProblems = WaiverApplication.unknownRules(outcome.documents.waivers, rules: rules)
        if !waiverProblems.isEmpty {
            CommandSupport.report(waiverProblems, sources: outcome.sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
        let documents = outcome.documents.documents
        let counts = ["Institution", "LoanProduct", "Waiver"].map { kind in
            "\(documents.filter { $0.kind == kind }.count) \(kind)"
        }
        FileOutput.standardOutput.write(
            "validate: \(outcome.inputs.count) file\(outcome.inputs.count == 1 ? "" : "s"), \(counts.joined(separator: ", ")); no errors\n")
    }
}
