import LoanDomain

/// Findings about a lender reached through its products, reported once at the lender's line.
///
/// A product rule may read its lender's fields (`lender.financials.net_assets`): when such a field is
/// missing or at fault, every product of that lender gives the same finding at the same line of the
/// institution's file — ten products, ten copies of one problem. Those findings (same rule, lender and
/// field, and otherwise identical: severity, location, message, evidence, regime, waiver) become one
/// finding whose subject is the institution, whose path is the field inside it (`financials.net_assets`)
/// and whose `products` list the products that reached it.
///
/// This is done for one product too, so that the finding's key (`RULE|Institution/ID|PATH`, the SARIF
/// fingerprint and the baseline key) does not change when a product is added or removed. Findings of
/// one key that differ in anything but the product (a waiver on one product, a message that names the
/// product) are kept as they are. The checks (`RuleCheck`) stay per product.
enum LenderFindings {
    /// The prefix of a product finding's path into its lender's document.
    static let pathPrefix = "lender."

    static func merge(_ findings: [Finding], documents: DocumentSet) -> [Finding] {
        var groups: [String: [Int]] = [:]
        var lenders: [Int: String] = [:]
        for (index, finding) in findings.enumerated() where isThroughLender(finding) {
            guard let document = documents.document(id: finding.subject.id), document.kind == finding.subject.kind,
                  case .string(let lender)? = document["lender"], documents.document(id: lender)?.kind == "Institution" else { continue }
            lenders[index] = lender
            groups["\(finding.rule)|\(lender)|\(finding.path)", default: []].append(index)
        }
        guard !groups.isEmpty else { return findings }
        var merged: [Int: Finding] = [:]
        var dropped = Set<Int>()
        for indexes in groups.values {
            let first = findings[indexes[0]]
            guard let lender = lenders[indexes[0]],
                  indexes.dropFirst().allSatisfy({ sameApartFromSubject(findings[$0], first) }) else { continue }
            var finding = Finding(
                rule: first.rule, severity: first.severity, packId: first.packId, packStatus: first.packStatus,
                subject: SubjectReference(kind: "Institution", id: lender), path: String(first.path.dropFirst(pathPrefix.count)),
                location: first.location, message: first.message, evidence: first.evidence, citation: first.citation,
                effective: first.effective, regimeNote: first.regimeNote, cannotEvaluate: first.cannotEvaluate,
                waiver: first.waiver)
            finding.products = indexes.map { findings[$0].subject.id }
            merged[indexes[0]] = finding
            dropped.formUnion(indexes.dropFirst())
        }
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count - dropped.count)
        for index in findings.indices where !dropped.contains(index) { kept.append(merged[index] ?? findings[index]) }
        return kept
    }

    /// A product finding whose evidence is a field of the lender.
    static func isThroughLender(_ finding: Finding) -> Bool {
        finding.subject.kind == "LoanProduct" && finding.ledger == nil && finding.path.hasPrefix(pathPrefix)
            && finding.path.count > pathPrefix.count
    }

    private static func sameApartFromSubject(_ lhs: Finding, _ rhs: Finding) -> Bool {
        lhs.severity == rhs.severity && lhs.location == rhs.location && lhs.message == rhs.message
            && lhs.evidence == rhs.evidence && lhs.regimeNote == rhs.regimeNote && lhs.cannotEvaluate == rhs.cannotEvaluate
            && lhs.waiver == rhs.waiver
    }
}
