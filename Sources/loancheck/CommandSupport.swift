import ArgumentParser
import Compliance
import Configuration
import Diagnostics
import FoundationEssentials
import LoanDomain
import YAML

/// Loading shared by the commands: rule sets and documents, failing closed (exit 2) with every
/// diagnostic rendered like a compiler's.
enum CommandSupport {
    /// The shipped rules plus `--rules` directories; exit 2 on any defect. `sources`: texts for
    /// diagnostics located outside the packs (loancheck.yaml, for `rules.disable` and `rules.only`).
    static func loadRules(extra: [String], choice: RuleChoice = RuleChoice(), sources: SourceTexts = SourceTexts()) throws -> RuleSet {
        do {
            return try rules(extra: extra, choice: choice, sources: sources)
        } catch let failure as InputFailure {
            failure.printToStandardError()
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// The shipped rules plus `--rules` directories, or the packs' problems (rules errors). A
    /// `LOANCHECK_RULES` that is not a rules directory is a usage error (exit 2).
    static func rules(extra: [String], choice: RuleChoice = RuleChoice(), sources extraSources: SourceTexts = SourceTexts()) throws -> RuleSet {
        if let problem = RulesDirectory.environmentProblem() {
            throw usageError(problem, hint: "point LOANCHECK_RULES at a Rules/ directory (with schema/documents.yaml and packs/), or unset it")
        }
        do {
            let rules = try PackLoader().load(shipped: RulesDirectory.locate(), extra: extra, choice: choice)
            for line in rules.changes.lines {
                FileOutput.standardError.write("loancheck: notice: \(DisplayText.safe(line))\n")
            }
            return rules
        } catch {
            var sources = extraSources
            for diagnostic in error.diagnostics {
                if let file = diagnostic.location?.file, sources.line(1, of: file) == nil,
                   let text = try? String(contentsOfFile: file, encoding: .utf8) {
                    sources.add(file: file, text: text)
                }
            }
            throw InputFailure(diagnostics: error.diagnostics.map { $0.reclassified(as: .rules) }, sources: sources)
        }
    }

    /// Every document under `paths`, enriched; exit 2 when any input is invalid. Without
    /// `requireReferences` (`apr`, `eval` on one product file) a lender need not be loaded.
    static func loadDocuments(_ paths: [String], schema: DocumentSchema, requireReferences: Bool = true) throws -> LoadOutcome {
        let request = DocumentRequest(paths: paths, requireReferences: requireReferences)
        do {
            return try loadDocuments(request.discover(), request: request, schema: schema)
        } catch let failure as InputFailure {
            failure.printToStandardError()
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// The rule set and the documents, the input directories walked while the packs are compiled; exit
    /// 2 on any defect.
    static func loadRulesAndDocuments(
        extra: [String], choice: RuleChoice = RuleChoice(), request: DocumentRequest, sources: SourceTexts = SourceTexts()
    ) throws -> (rules: RuleSet, outcome: LoadOutcome) {
        do {
            return try rulesAndDocuments(extra: extra, choice: choice, request: request, sources: sources)
        } catch let failure as InputFailure {
            failure.printToStandardError()
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// The rule set and the documents, as the commands without a configuration file load them.
    static func loadRulesAndDocuments(
        extra: [String], disabling: [String] = [], paths: [String], requireReferences: Bool = true
    ) throws -> (rules: RuleSet, outcome: LoadOutcome) {
        try loadRulesAndDocuments(extra: extra, choice: RuleChoice(disable: disabling.map { RuleChoice.Name($0) }),
                                  request: DocumentRequest(paths: paths, requireReferences: requireReferences))
    }

    /// The rule set and the documents, or what made them invalid (`InputFailure`, with what was read).
    static func rulesAndDocuments(
        extra: [String], choice: RuleChoice = RuleChoice(), request: DocumentRequest, sources: SourceTexts = SourceTexts()
    ) throws -> (rules: RuleSet, outcome: LoadOutcome) {
        let discovery = BackgroundResult { request.discover() }
        let rules: RuleSet
        do {
            rules = try self.rules(extra: extra, choice: choice, sources: sources)
        } catch var failure as InputFailure {
            failure.files = discovery.value.files
            throw failure
        }
        do {
            let outcome = try loadDocuments(discovery.value, request: request, schema: rules.schema)
            return (rules, outcome)
        } catch var failure as InputFailure {
            failure.rules = rules
            throw failure
        }
    }

    private static func loadDocuments(_ discovery: DocumentRequest.Discovery, request: DocumentRequest, schema: DocumentSchema) throws -> LoadOutcome {
        let limits = try inputLimits()
        let outcome = DocumentLoader(schema: schema, requireReferences: request.requireReferences, limits: limits)
            .load(files: discovery.files)
        let kinds = Set(schema.kindNames + [DocumentLoader.ledgerSchemaKind])
        let guarded = FileSelection.guardSkipped(discovery.skipped, kinds: kinds, maxBytes: limits.maxFileBytes)
        let diagnostics = (discovery.diagnostics + guarded.diagnostics).map { $0.classified(as: .file) } + outcome.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) {
            var sources = outcome.sources
            sources.merge(guarded.sources)
            throw InputFailure(diagnostics: diagnostics, sources: sources, inputs: outcome.inputs, files: discovery.files,
                               closing: InputFailure.closingLine(diagnostics))
        }
        if discovery.files.isEmpty {
            let skipped = discovery.skipped.count
            let note = skipped == 0 ? "" : " (\(skipped) file\(skipped == 1 ? " is" : "s are") left out by include/exclude patterns)"
            throw InputFailure(diagnostics: [Diagnostic.error("no YAML files found in \(request.paths.joined(separator: ", "))\(note)", at: nil,
                                                              hint: "pass the directory that holds the *.yaml product and institution files")
                                                .classified(as: .file)],
                               sources: SourceTexts())
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
        let ordered = ordered(diagnostics)
        FileOutput.standardError.write(renderer.render(Array(ordered.prefix(limit))))
        if ordered.count > limit {
            let more = ordered.count - limit
            FileOutput.standardError.write(OutputLanguage.moreDiagnosticsLine(more, limit: limit))
        }
    }

    /// In file and line order, like a compiler; diagnostics without a place first. The sort is stable.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let a?, let b?): return a == b ? lhs.offset < rhs.offset : a < b
            }
        }.map(\.element)
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
