import Compliance

/// The ledger audit regrouped for the reports for people (HTML and Markdown): the rules' true totals,
/// the listed findings per rule, the listed findings per lender, and the groups worst against their
/// bound.
///
/// Totals per rule are the engine's, over the whole tape. Per lender only the **listed** findings can be
/// counted (the engine's totals are per rule), so those tables say "listed". A finding's lender is its
/// loan's lender (`LedgerDetail.lender`, else the lender of the product it names), or for a group the
/// first part of its key that is an audited institution.
struct LedgerDigest {
    /// A group finding and its aggregate against its upper bound.
    struct GroupRatio {
        let finding: Finding
        /// actual / bound in hundredths of a percent, rounded up (`EvidenceRatio`).
        let basisPoints: Int
    }

    /// Groups in the chart of the worst groups.
    static let maxChartGroups = 15

    /// What the ledger audit read; nil without one.
    let stamp: AuditReport.LedgerStamp?
    /// Every ledger rule with totals, in pack order.
    let rules: [LedgerRuleTotals]
    /// The listed ledger findings (waived ones included), in reading order.
    let findings: [Finding]
    /// The listed findings per rule: rules in pack order, findings in reading order.
    let findingsByRule: [(rule: String, findings: [Finding])]
    /// Listed findings per lender: audited institutions in load order, then other ids, then findings
    /// whose lender is not known (`lender` nil).
    let countsByLender: [(lender: String?, institution: AuditReport.SubjectSummary?, counts: FindingCounts)]
    /// Listed group findings over an upper bound, worst first (at most `maxChartGroups`).
    let worstGroups: [GroupRatio]
    /// The audited products by id, for a loan's product.
    let products: [String: AuditReport.SubjectSummary]

    init(report: AuditReport, findings: [Finding], institutions: [AuditReport.SubjectSummary], products: [AuditReport.SubjectSummary]) {
        stamp = report.ledger
        rules = LedgerRuleTotals.all(report)
        self.findings = findings
        let grouped = Dictionary(grouping: findings, by: \.rule)
        var order = rules.map(\.id)
        for finding in findings where grouped[finding.rule] != nil && !order.contains(finding.rule) { order.append(finding.rule) }
        findingsByRule = order.compactMap { rule in grouped[rule].map { (rule, $0) } }
        let institutionIds = Set(institutions.map(\.id))
        self.products = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let productLenders = self.products.mapValues(\.detail)
        var byLender: [String: FindingCounts] = [:]
        var unknown = FindingCounts()
        for finding in findings {
            if let lender = Self.lender(of: finding, institutions: institutionIds, productLenders: productLenders) {
                byLender[lender, default: FindingCounts()].add(finding)
            } else {
                unknown.add(finding)
            }
        }
        var rows: [(lender: String?, institution: AuditReport.SubjectSummary?, counts: FindingCounts)] = institutions.compactMap { institution in
            byLender[institution.id].map { (institution.id, institution, $0) }
        }
        rows += byLender.keys.filter { !institutionIds.contains($0) }.sorted().compactMap { id in
            byLender[id].map { (id, nil, $0) }
        }
        if unknown.total > 0 { rows.append((nil, nil, unknown)) }
        countsByLender = rows

        let ratios = findings.compactMap { finding -> GroupRatio? in
            guard finding.subject.kind == BorrowerMask.groupKind, !finding.cannotEvaluate,
                  let points = EvidenceRatio.basisPoints(actual: finding.evidence.actual, required: finding.evidence.required) else { return nil }
            return GroupRatio(finding: finding, basisPoints: points)
        }
        // Worst first; ties in reading order (the sort is stable).
        worstGroups = Array(ratios.enumerated().sorted { lhs, rhs in
            lhs.element.basisPoints != rhs.element.basisPoints ? lhs.element.basisPoints > rhs.element.basisPoints : lhs.offset < rhs.offset
        }.map(\.element).prefix(Self.maxChartGroups))
    }

    /// Whether the report has a ledger part at all.
    var isEmpty: Bool { stamp == nil && findings.isEmpty }

    /// The lender a finding is counted under, or nil when the report cannot tell.
    static func lender(of finding: Finding, institutions: Set<String>, productLenders: [String: String]) -> String? {
        guard let detail = finding.ledger else { return nil }
        if let lender = detail.lender { return lender }
        if let product = detail.product, let lender = productLenders[product], !lender.isEmpty { return lender }
        return detail.key.first { !$0.isBorrower && institutions.contains($0.value) }?.value
    }
}
