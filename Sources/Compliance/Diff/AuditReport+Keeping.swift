/// A report narrowed to some of its findings, for the formats built for one audit (SARIF, JUnit,
/// GitHub annotations) when they carry the findings of a diff that are new or worse on its later date.
extension AuditReport {
    /// The same report with only the findings in `kept`: checks keep only those findings (a check left
    /// without one reads as passed), a ledger rule's totals count only those (the diff lists every
    /// ledger finding, so none is unlisted), and there is no baseline.
    public func keeping(_ kept: [Finding]) -> AuditReport {
        let keep = Set(kept)
        let findings = findings.filter { keep.contains($0) }
        let checks = checks.filteringFindings { keep.contains($0) }
        var totals: [String: LedgerResults.RuleTotals] = [:]
        for (rule, total) in ledgerTotals {
            var violations: [FindingSeverity: Int] = [:]
            var cannotEvaluate: [FindingSeverity: Int] = [:]
            for finding in findings where finding.rule == rule && finding.ledger != nil {
                if finding.cannotEvaluate {
                    cannotEvaluate[finding.severity, default: 0] += 1
                } else {
                    violations[finding.severity, default: 0] += 1
                }
            }
            totals[rule] = LedgerResults.RuleTotals(checked: total.checked, violations: violations,
                                                    cannotEvaluate: cannotEvaluate, unlisted: [:])
        }
        return AuditReport(
            toolName: toolName, toolVersion: toolVersion, asOf: asOf, language: language, packs: packs, inputs: inputs,
            subjects: subjects, rules: rules, ruleChanges: ruleChanges, checks: checks, findings: findings, ledger: ledger,
            ledgerTotals: totals, waivers: waivers, baseline: nil, sources: sources)
    }
}
