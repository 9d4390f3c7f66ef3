import Diagnostics
import LoanDomain
import RuleLanguage

/// Runs an audit: evaluates every rule in force, applies waivers, compares with a baseline and builds
/// the report.
public struct Auditor: Sendable {
    public let rules: RuleSet
    public let toolVersion: String

    public init(rules: RuleSet, toolVersion: String) {
        self.rules = rules
        self.toolVersion = toolVersion
    }

    /// The report, or the input errors that stop the audit (e.g. a waiver for an unknown rule, or no
    /// rule in force on the as-of date unless `allowNoRulesInForce`: an audit that checks nothing must
    /// not look like a clean one).
    public func audit(
        _ outcome: LoadOutcome, asOf: CivilDate, language: ReportLanguage, warnExpiringDays: Int, baseline: Baseline?,
        allowNoRulesInForce: Bool = false, ledger: LedgerResults? = nil
    ) -> Result<AuditReport, DiagnosticList> {
        if !allowNoRulesInForce, !rules.packs.contains(where: { $0.rules.contains { Regime.isInForce($0, on: asOf) } }) {
            return .failure(DiagnosticList([.error(
                "no rule is in force on \(asOf): the audit would check nothing", at: nil,
                hint: "check --as-of (the earliest rule takes effect on \(Self.earliestEffective(rules).map(\.description) ?? "—")); "
                    + "pass --allow-no-rules to audit anyway").classified(as: .rules)]))
        }
        let documents = outcome.documents
        var checks = AuditEngine(packs: rules.packs).checks(documents, asOf: asOf)
        var ledgerFindings = ledger?.findings ?? []
        let waivers = WaiverApplication(asOf: asOf, warnExpiringDays: warnExpiringDays, rules: rules)
            .apply(to: &checks, ledgerFindings: &ledgerFindings, waivers: documents.waivers, documentSet: documents,
                   ledgerSeen: ledger?.seenWaivedKeys)
        if !waivers.diagnostics.isEmpty { return .failure(DiagnosticList(waivers.diagnostics.map { $0.classified(as: .reference) })) }
        let findings = LenderFindings.merge(checks.allFindings, documents: documents) + ledgerFindings + waivers.notices
        var sources = outcome.sources
        sources.merge(rules.sources)
        if let ledger { sources.merge(ledger.sources) }
        let report = AuditReport(
            toolName: "loancheck", toolVersion: toolVersion, asOf: asOf, language: language,
            packs: Self.packStamps(rules),
            inputs: Self.stamps(outcome.inputs) + (ledger?.inputs ?? []),
            subjects: documents.documents.filter { $0.kind != "Waiver" }.concurrentMap { summary($0) },
            // Ledger rules are listed only when a tape was audited: a product audit does not check them.
            rules: rules.packs.flatMap { pack in
                pack.rules.filter { ledger != nil || !$0.subject.isLedger }.map { ruleSummary($0, pack: pack, asOf: asOf) }
            },
            ruleChanges: rules.changes, checks: checks, findings: findings, ledger: ledger.map(AuditReport.LedgerStamp.init),
            ledgerTotals: ledger?.totals ?? [:], waivers: waivers.records,
            baseline: baseline.map { baseline in
                BaselineComparison(baseline: baseline, findings: findings,
                                   subjects: Set(documents.documents.map { "\($0.kind)/\($0.id)" }))
            },
            sources: sources)
        return .success(report)
    }

    /// The stamp of every pack, with its source and whether it is a shipped pack.
    static func packStamps(_ rules: RuleSet) -> [AuditReport.PackStamp] {
        rules.packs.map { pack in
            AuditReport.PackStamp(id: pack.id, version: pack.version, sha256: pack.sha256, status: pack.status,
                                  title: pack.title, instrument: pack.instrument, file: pack.file, source: pack.source,
                                  shipped: !rules.extraPackIds.contains(pack.id))
        }
    }

    private static func earliestEffective(_ rules: RuleSet) -> CivilDate? {
        rules.packs.flatMap { $0.rules.map(\.effective) }.min()
    }

    /// The digest of every input, computed on all cores (hashing 10,000 files on one core was a
    /// noticeable serial stretch at the end of an audit).
    static func stamps(_ inputs: [InputFile]) -> [AuditReport.InputStamp] {
        inputs.concurrentMap { AuditReport.InputStamp(path: $0.path, sha256: SHA256.hex($0.text)) }
    }

    private func summary(_ document: LoadedDocument) -> AuditReport.SubjectSummary {
        func text(_ field: String) -> String {
            switch document[field] {
            case .string(let value)?: value
            case .enumeration(let value)?: value.caseName
            default: ""
            }
        }
        return AuditReport.SubjectSummary(kind: document.kind, id: document.id, name: text("name"), file: document.file,
                                          detail: document.kind == "LoanProduct" ? text("lender") : text("type"))
    }

    private func ruleSummary(_ rule: Rule, pack: RulePack, asOf: CivilDate) -> AuditReport.RuleSummary {
        AuditReport.RuleSummary(
            id: rule.id, packId: pack.id, title: rule.title, subject: rule.subject, severity: rule.severity,
            citation: rule.citation, effective: rule.effective, enforced: rule.enforced, repealed: rule.repealed,
            newBusinessFrom: rule.newBusinessFrom,
            inForce: Regime.isInForce(rule, on: asOf), requirement: rule.requirementText, appliesTo: rule.appliesToText,
            parameters: rule.parameters.compactMap { name in
                guard let parameter = pack.parameter(name), let value = parameter.value(at: asOf) else { return nil }
                return ParameterUse(name: name, value: value.value.displayText, from: value.from, source: value.source)
            })
    }
}
