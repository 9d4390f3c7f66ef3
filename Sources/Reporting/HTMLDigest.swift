import Compliance
import Diagnostics

/// The outcome of one rule on one subject as a cell of the product × rule matrix: a colour, a symbol and
/// a label, so that the state never rests on colour alone.
enum CheckCellState: String, Sendable, CaseIterable {
    case failed = "fail"
    /// Failed, but the findings are at most warnings (a transition period or a draft pack).
    case warning
    /// Failed, and every finding is waived by a waiver in force.
    case waived
    case cannotEvaluate = "cannot-evaluate"
    case passed = "pass"
    case notApplicable = "not-applicable"
    case notInForce = "not-in-force"
    case exemptClosed = "exempt-closed"

    /// The symbol drawn in the cell (plain characters that common fonts have).
    var symbol: String {
        switch self {
        case .failed: "✗"
        case .warning: "!"
        case .waived: "W"
        case .cannotEvaluate: "?"
        case .passed: "✓"
        case .notApplicable: "–"
        case .notInForce: "○"
        case .exemptClosed: "∅"
        }
    }

    /// The state of a check, from its status and the waivers and severities of its findings.
    init(_ check: RuleCheck) {
        let open = check.findings.filter { !$0.isWaived }
        switch check.status {
        case .passed: self = .passed
        case .notApplicable: self = .notApplicable
        case .notInForce: self = .notInForce
        case .exemptClosed: self = .exemptClosed
        case .cannotEvaluate: self = !check.findings.isEmpty && open.isEmpty ? .waived : .cannotEvaluate
        case .failed:
            if !check.findings.isEmpty && open.isEmpty {
                self = .waived
            } else if open.contains(where: { $0.severity == .error }) {
                self = .failed
            } else {
                self = .warning
            }
        }
    }
}

/// Counts of findings: unwaived violations by severity, unwaived "cannot evaluate" findings (apart
/// from the violations), and waived findings.
struct FindingCounts: Sendable {
    var error = 0
    var warning = 0
    var info = 0
    var cannotEvaluate = 0
    var waived = 0

    /// Every finding counted, waived ones included.
    var total: Int { error + warning + info + cannotEvaluate + waived }

    mutating func add(_ finding: Finding) {
        if finding.isWaived { waived += 1; return }
        if finding.cannotEvaluate { cannotEvaluate += 1; return }
        switch finding.severity {
        case .error: error += 1
        case .warning: warning += 1
        case .info: info += 1
        }
    }

    init() {}

    init(_ findings: [Finding]) {
        for finding in findings { add(finding) }
    }

    /// A rule's true totals (`AuditReport.byRule`).
    init(_ counts: RuleCounts) {
        error = counts.error
        warning = counts.warning
        info = counts.info
        cannotEvaluate = counts.cannotEvaluate
        waived = counts.waived
    }

    mutating func add(_ other: FindingCounts) {
        error += other.error
        warning += other.warning
        info += other.info
        cannotEvaluate += other.cannotEvaluate
        waived += other.waived
    }

    /// error, warning, info, cannot evaluate, waived, total — the columns of the count tables.
    var columns: [Int] { [error, warning, info, cannotEvaluate, waived, total] }

    /// The `data-severity` keys of the columns (HTML), in the order of `columns`.
    static let keys = ["error", "warning", "info", "cannotEvaluate", "waived", "total"]
}

/// The audit report regrouped for the reports for people: subjects per institution, findings and checks
/// per subject, counts per pack, institution and rule, and the matrix of check outcomes. Shared by the
/// HTML and Markdown reports so that both show the same structure and the same numbers.
struct ReportDigest {
    /// The products of one institution (or of lenders outside the audit, when `institution` is nil).
    struct Group {
        let institution: AuditReport.SubjectSummary?
        let products: [AuditReport.SubjectSummary]
    }

    let report: AuditReport
    /// The shared wording, with the borrower mask (built once per report).
    let wording: ReportWording
    let institutions: [AuditReport.SubjectSummary]
    let products: [AuditReport.SubjectSummary]
    /// Institutions in load order with their products, then products whose lender is not audited.
    let groups: [Group]
    /// Findings per subject, in reading order (file, line, column).
    let findingsBySubject: [SubjectReference: [Finding]]
    /// Findings whose subject is not an audited document (e.g. a notice about a waiver for an unknown id).
    let otherFindings: [Finding]
    /// The ledger audit: its rules' true totals, its listed findings, counts per lender, worst groups.
    let ledger: LedgerDigest
    let checksBySubject: [SubjectReference: [RuleCheck]]
    /// Findings per rule id; a ledger rule's true totals (listed or not).
    let countsByRule: [String: FindingCounts]
    let rulesById: [String: AuditReport.RuleSummary]

    init(report: AuditReport) {
        self.report = report
        wording = ReportWording(report: report, chrome: report.language)
        institutions = report.subjects.filter { $0.kind == "Institution" }
        products = report.subjects.filter { $0.kind == "LoanProduct" }
        let institutionIds = Set(institutions.map(\.id))
        // Products by lender once, not a scan of every subject per institution (40,000 institutions took
        // seconds to group).
        var productsByLender: [String: [AuditReport.SubjectSummary]] = [:]
        for product in products { productsByLender[product.detail, default: []].append(product) }
        var groups = institutions.map { institution in
            Group(institution: institution, products: productsByLender[institution.id] ?? [])
        }
        let orphans = products.filter { !institutionIds.contains($0.detail) }
        if !orphans.isEmpty { groups.append(Group(institution: nil, products: orphans)) }
        self.groups = groups

        let audited = Set(report.subjects.map { SubjectReference(kind: $0.kind, id: $0.id) })
        var bySubject: [SubjectReference: [Finding]] = [:]
        var others: [Finding] = []
        var ledgerFindings: [Finding] = []
        var byRule: [String: FindingCounts] = [:]
        for finding in TextReport.ordered(report.findings) {
            if finding.ledger != nil {
                ledgerFindings.append(finding)
                continue
            }
            if audited.contains(finding.subject) {
                bySubject[finding.subject, default: []].append(finding)
            } else {
                others.append(finding)
            }
            byRule[finding.rule, default: FindingCounts()].add(finding)
        }
        ledger = LedgerDigest(report: report, findings: ledgerFindings, institutions: institutions, products: products)
        for rule in ledger.rules {
            byRule[rule.id] = FindingCounts(rule.counts)
        }
        findingsBySubject = bySubject
        otherFindings = others
        countsByRule = byRule
        checksBySubject = Dictionary(grouping: report.checks, by: \.subject)
        rulesById = Dictionary(report.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func reference(_ subject: AuditReport.SubjectSummary) -> SubjectReference {
        SubjectReference(kind: subject.kind, id: subject.id)
    }

    func findings(of subject: AuditReport.SubjectSummary) -> [Finding] {
        findingsBySubject[Self.reference(subject)] ?? []
    }

    /// Findings per pack, in pack order; a ledger rule's true totals.
    var countsByPack: [(pack: AuditReport.PackStamp, counts: FindingCounts)] {
        report.packs.map { pack in
            var counts = FindingCounts(report.findings.filter { $0.packId == pack.id && $0.ledger == nil })
            for rule in ledger.rules where rule.rule.packId == pack.id { counts.add(FindingCounts(rule.counts)) }
            return (pack, counts)
        }
    }

    /// Findings per institution: its own and those of its products, in load order; then the products
    /// of lenders outside the audit and other findings, as one row with a nil institution when any.
    var countsByInstitution: [(institution: AuditReport.SubjectSummary?, counts: FindingCounts)] {
        var rows: [(AuditReport.SubjectSummary?, FindingCounts)] = []
        var rest = FindingCounts(otherFindings)
        for group in groups {
            let own = group.institution.map(findings(of:)) ?? []
            let counts = FindingCounts(own + group.products.flatMap(findings(of:)))
            if let institution = group.institution {
                rows.append((institution, counts))
            } else {
                rest.add(counts)
            }
        }
        if rest.total > 0 { rows.append((nil, rest)) }
        return rows
    }

    /// The rules of the bar chart: every rule in force on the as-of date, and any rule with findings, in
    /// pack order. A ledger rule counts as in force only when a tape was audited: without one it checked
    /// nothing, and a bar of 0 would read as a pass.
    var chartRules: [AuditReport.RuleSummary] {
        report.rules.filter { rule in
            (rule.inForce && (report.ledger != nil || !rule.subject.isLedger)) || (countsByRule[rule.id]?.total ?? 0) > 0
        }
    }

    /// The rules checked on subjects of `kind`, in pack order (the columns of a matrix).
    func matrixRules(kind: String) -> [AuditReport.RuleSummary] {
        let checked = Set(report.checks.filter { $0.subject.kind == kind }.map(\.rule))
        return report.rules.filter { checked.contains($0.id) }
    }

    /// The cell state of `rule` on `subject`, nil when the rule was not checked on it.
    func state(rule: String, subject: AuditReport.SubjectSummary) -> CheckCellState? {
        checksBySubject[Self.reference(subject)]?.first { $0.rule == rule }.map(CheckCellState.init)
    }

    /// How many checks end in each state, over all subjects (or one subject), in the legend's order.
    func stateCounts(of subject: AuditReport.SubjectSummary? = nil) -> [(CheckCellState, Int)] {
        let checks = subject.map { checksBySubject[Self.reference($0)] ?? [] } ?? Array(report.checks)
        var counts: [CheckCellState: Int] = [:]
        for check in checks { counts[CheckCellState(check), default: 0] += 1 }
        return CheckCellState.allCases.map { ($0, counts[$0] ?? 0) }
    }

    /// The rule summary of an id, for titles.
    func rule(_ id: String) -> AuditReport.RuleSummary? { rulesById[id] }
}
