import ArgumentParser
import Compliance
import Diagnostics
import FoundationEssentials
import LoanDomain
import YAML

/// Loading shared by the commands: rule sets and documents, failing closed (exit 2) with every
/// diagnostic rendered like a compiler's.
enum CommandSupport {
    /// The shipped rules plus `--rules` directories; exit 2 on any defect.
    static func loadRules(extra: [String], disabling: [String] = []) throws -> RuleSet {
        if let problem = RulesDirectory.environmentProblem() {
            throw usageError(problem, hint: "point LOANCHECK_RULES at a Rules/ directory (with schema/documents.yaml and packs/), or unset it")
        }
        do {
            let rules = try PackLoader().load(shipped: RulesDirectory.locate(), extra: extra, disabling: disabling)
            for line in rules.changes.lines {
                FileOutput.standardError.write("loancheck: notice: \(DisplayText.safe(line))\n")
            }
            return rules
        } catch {
            var sources = SourceTexts()
            for diagnostic in error.diagnostics {
                if let file = diagnostic.location?.file, let text = try? String(contentsOfFile: file, encoding: .utf8) {
                    sources.add(file: file, text: text)
                }
            }
            report(error.diagnostics, sources: sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// Every document under `paths`, enriched; exit 2 when any input is invalid. Without
    /// `requireReferences` (`apr`, `eval` on one product file) a lender need not be loaded.
    static func loadDocuments(_ paths: [String], schema: DocumentSchema, requireReferences: Bool = true) throws -> LoadOutcome {
        try loadDocuments(InputDiscovery().discover(paths), paths: paths, schema: schema, requireReferences: requireReferences)
    }

    /// The rule set and the documents, the input directories walked while the packs are compiled.
    static func loadRulesAndDocuments(
        extra: [String], disabling: [String] = [], paths: [String], requireReferences: Bool = true
    ) throws -> (rules: RuleSet, outcome: LoadOutcome) {
        let discovery = BackgroundResult { InputDiscovery().discover(paths) }
        let rules = try loadRules(extra: extra, disabling: disabling)
        let outcome = try loadDocuments(discovery.value, paths: paths, schema: rules.schema, requireReferences: requireReferences)
        return (rules, outcome)
    }

    private static func loadDocuments(
        _ discovery: (files: [String], diagnostics: [Diagnostic]), paths: [String], schema: DocumentSchema, requireReferences: Bool
    ) throws -> LoadOutcome {
        let outcome = DocumentLoader(schema: schema, requireReferences: requireReferences, limits: try inputLimits())
            .load(files: discovery.files)
        let diagnostics = discovery.diagnostics + outcome.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) {
            report(diagnostics, sources: outcome.sources)
            let errors = diagnostics.filter { $0.severity == .error }.count
            FileOutput.standardError.write(OutputLanguage.inputErrorsLine(errors))
            throw ExitCode(ExitStatus.invalidInput)
        }
        if discovery.files.isEmpty {
            report([.error("no YAML files found in \(paths.joined(separator: ", "))", at: nil,
                           hint: "pass the directory that holds the *.yaml product and institution files")], sources: SourceTexts())
            throw ExitCode(ExitStatus.invalidInput)
        }
        return outcome
    }

    /// The bounds on every document file read, with the `LOANCHECK_MAX_…` overrides of the environment
    /// (rule packs are read with the default bounds); exit 2 when one is not a number (a limit is never
    /// dropped silently).
    static func inputLimits() throws -> YAMLLimits {
        do {
            return try YAMLLimits(environment: ProcessInfo.processInfo.environment)
        } catch {
            report(error.diagnostics, sources: SourceTexts())
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// At most this many diagnostics are printed; a broken or hostile input can produce millions (one
    /// per element of a huge list), and the first ones are the ones to fix.
    static let diagnosticLimit = 100

    /// Prints diagnostics to standard error: the first `diagnosticLimit` in file and line order, then
    /// how many more there were.
    static func report(_ diagnostics: [Diagnostic], sources: SourceTexts, limit: Int = diagnosticLimit) {
        let renderer = DiagnosticRenderer(sources: sources, useColor: FileOutput.standardError.supportsColor,
                                          chinese: OutputLanguage.isChinese)
        // In file and line order, like a compiler; diagnostics without a place first. The sort is stable.
        let ordered = diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let a?, let b?): return a == b ? lhs.offset < rhs.offset : a < b
            }
        }.map(\.element)
        FileOutput.standardError.write(renderer.render(Array(ordered.prefix(limit))))
        if ordered.count > limit {
            let more = ordered.count - limit
            FileOutput.standardError.write(OutputLanguage.moreDiagnosticsLine(more, limit: limit))
        }
    }

    /// A usage error: message, hint, exit 2.
    static func usageError(_ message: String, hint: String? = nil) -> ExitCode {
        report([.error(message, at: nil, hint: hint)], sources: SourceTexts())
        return ExitCode(ExitStatus.invalidInput)
    }

    /// Several usage errors found together: all reported, exit 2; nothing when `problems` is empty.
    static func refuse(_ problems: [Diagnostic]) throws {
        guard !problems.isEmpty else { return }
        report(problems, sources: SourceTexts())
        throw ExitCode(ExitStatus.invalidInput)
    }
}
