import Diagnostics
import LoanDomain
import RuleLanguage

extension AuditReport {
    /// The report of a run that audited nothing: `loancheck validate` (`errors` empty when the inputs
    /// are valid), or an audit stopped by invalid inputs. Every format renders it (docs/report-formats.md,
    /// "Input errors"): the input problems as results, and the stamp of what was read — the packs when
    /// they loaded, and every input file read.
    ///
    /// A diagnostic without a kind is classified as a schema problem (every stage classifies its own).
    public static func inputCheck(
        toolVersion: String, asOf: CivilDate, language: ReportLanguage, rules: RuleSet?, inputs: [InputFile],
        tapes: [InputStamp] = [], errors: [Diagnostic], sources: SourceTexts
    ) -> AuditReport {
        var report = AuditReport(
            toolName: "loancheck", toolVersion: toolVersion, asOf: asOf, language: language,
            packs: rules.map(Auditor.packStamps) ?? [], inputs: Auditor.stamps(inputs) + tapes, subjects: [], rules: [],
            ruleChanges: rules?.changes ?? RuleSetChanges(), checks: RuleChecks(), findings: [], ledger: nil, ledgerTotals: [:],
            waivers: [], baseline: nil, sources: sources)
        report.audited = false
        report.inputErrors = errors.map { $0.classified(as: .schema) }
        return report
    }
}
