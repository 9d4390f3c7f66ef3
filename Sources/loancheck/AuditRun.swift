import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import LoanDomain
import RuleLanguage

/// One audit of documents already loaded, on one date: the ledger stage (loan tapes), then the document
/// rules, waivers and baseline. `audit` and `import` run it once, `diff` once per date. What makes the
/// inputs invalid is thrown as an `InputFailure` (with what had been read), for the caller to print and to
/// write to the reports asked for.
///
/// The loaded documents are passed to each step rather than kept: `audit` releases them on another
/// thread while it renders (see `ProcessLifetime`).
struct AuditRun {
    let rules: RuleSet

    /// The loan tapes audited on `date`, or nil when no LedgerSchema is loaded.
    func ledger(_ outcome: LoadOutcome, asOf date: CivilDate, engine: any LedgerEngine, options: LedgerAuditor.Options) throws -> LedgerResults? {
        do {
            return try LedgerAuditor(rules: rules, engine: engine).audit(outcome, asOf: date, options: options)
        } catch {
            var sources = outcome.sources
            sources.merge(error.sources)
            // A tape's errors are already bounded: the first 100 of each kind, then a count.
            throw InputFailure(diagnostics: error.diagnostics.map { $0.classified(as: .tape) }, sources: sources, rules: rules,
                               inputs: outcome.inputs,
                               files: outcome.inputs.map(\.path) + error.diagnostics.compactMap { $0.location?.file },
                               closing: InputFailure.closingLine(error.diagnostics, in: "the ledger input"), limit: 2_000)
        }
    }

    /// The report of the audit on `date`, with the ledger's results when tapes were audited.
    func report(
        _ outcome: LoadOutcome, asOf date: CivilDate, language: ReportLanguage, warnExpiringDays: Int, baseline: Baseline?, allowNoRules: Bool,
        ledger: LedgerResults?
    ) throws -> AuditReport {
        switch Auditor(rules: rules, toolVersion: LoanCheck.version)
            .audit(outcome, asOf: date, language: language, warnExpiringDays: warnExpiringDays, baseline: baseline,
                   allowNoRulesInForce: allowNoRules, ledger: ledger) {
        case .success(let report):
            return report
        case .failure(let error):
            var sources = outcome.sources
            if let ledger { sources.merge(ledger.sources) }
            throw InputFailure(diagnostics: error.diagnostics, sources: sources, rules: rules, inputs: outcome.inputs,
                               files: outcome.inputs.map(\.path) + (ledger?.inputs.map(\.path) ?? []))
        }
    }
}
