import Compliance

/// One ledger rule's line in the reports: its true totals over the whole tape (`AuditReport.byRule`,
/// from the engine's `ledgerTotals`) and how many of its failures the report lists.
///
/// `failures` counts every loan or group that failed or could not be evaluated, waived ones included;
/// the report lists at most `--max-findings-per-rule` of them and counts the rest in `unlisted`.
struct LedgerRuleTotals: Sendable {
    let rule: AuditReport.RuleSummary
    /// Unwaived violations by severity, "cannot evaluate" ones (apart), waived listed ones and the loans
    /// or groups checked.
    let counts: RuleCounts
    let failures: Int
    let unlisted: Int

    var id: String { rule.id }
    var listed: Int { failures - unlisted }

    /// Every ledger rule the engine reports totals for, in pack order (none without a ledger audit).
    static func all(_ report: AuditReport) -> [LedgerRuleTotals] {
        guard report.ledger != nil, !report.ledgerTotals.isEmpty else { return [] }
        let counts = Dictionary(report.byRule.map { ($0.rule, $0.counts) }, uniquingKeysWith: { first, _ in first })
        return report.rules.compactMap { rule in
            // byRule has every rule of ledgerTotals.
            guard rule.subject.isLedger, let totals = report.ledgerTotals[rule.id], let ruleCounts = counts[rule.id] else { return nil }
            let failures = FindingSeverity.allCases.reduce(0) { $0 + totals.failures($1) }
            return LedgerRuleTotals(rule: rule, counts: ruleCounts, failures: failures,
                                    unlisted: totals.unlisted.values.reduce(0, +))
        }
    }
}
