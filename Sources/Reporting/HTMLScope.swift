import Compliance

/// The scope section of the HTML report, after the findings: the packs, every institution and product
/// audited with the outcome of its checks, and the subject × rule matrices. Long lists are collapsed
/// (`<details>`), so that a report of 10,000 products stays readable.
struct HTMLScope {
    let digest: ReportDigest
    let labels: ReportLabels
    let layout: HTMLLayout
    let paths: HTMLPaths

    private var report: AuditReport { digest.report }

    func render() -> String {
        var out = "<section id=\"scope\" aria-labelledby=\"scope-title\">\n" + HTML.text("h2", [("id", "scope-title")], labels.scope) + "\n"
        out += HTML.text("p", [], labels.scopeLine(institutions: digest.institutions.count, products: digest.products.count)) + "\n"
        out += HTML.text("h3", [("id", "packs-title")], labels.packs) + "\n"
        out += HTML.table(caption: labels.packsLine(packs: report.packs.count, rules: report.rules.count),
                          headers: [labels.pack, labels.version, labels.status, labels.instrument, labels.rulesCount],
                          rows: report.packs.map(packRow), attributes: [("id", "scope-packs")], numeric: [4])
        out += HTML.text("h3", [("id", "scope-subjects-title")], "\(labels.institutions) · \(labels.products)") + "\n"
        if report.subjects.isEmpty { out += HTML.text("p", [], labels.noSubjects) + "\n" }
        if !digest.institutions.isEmpty {
            let title = labels.listed(labels.institutions, count: digest.institutions.count)
            out += HTML.details(title, open: HTMLLayout.isOpen(digest.institutions.count), [("id", "scope-institutions-list")],
                                HTML.table(caption: title, headers: [labels.id, labels.name, labels.type, labels.checks],
                                           rows: digest.institutions.map(subjectRow), attributes: [("id", "scope-institutions")]))
        }
        if !digest.products.isEmpty {
            let title = labels.listed(labels.products, count: digest.products.count)
            out += HTML.details(title, open: HTMLLayout.isOpen(digest.products.count), [("id", "scope-products-list")],
                                HTML.table(caption: title, headers: [labels.id, labels.name, labels.lender, labels.checks],
                                           rows: digest.products.map(subjectRow), attributes: [("id", "scope-products")]))
        }
        out += matrices()
        return out + "</section>\n"
    }

    private func packRow(_ pack: AuditReport.PackStamp) -> String {
        let rules = report.rules.filter { $0.packId == pack.id }.count
        return "<tr" + HTML.attributes([("data-pack", pack.id), ("data-status", pack.status.rawValue)]) + ">"
            + HTML.element("th", [("scope", "row")], HTMLEscaping.text(labels.text(pack.title)) + "<br>" + HTML.code(pack.id))
            + HTML.text("td", [], pack.version) + HTML.text("td", [("class", "status-\(pack.status.rawValue)")], labels.packStatus(pack.status))
            + HTML.text("td", [], pack.instrument) + HTML.countCell(rules) + "</tr>"
    }

    /// A subject: its id (linked to its section when it has one), name, type or lender, and its checks.
    private func subjectRow(_ subject: AuditReport.SubjectSummary) -> String {
        let id = layout.hasSection(subject) ? HTML.element("a", [("href", "#" + HTMLSections.anchor(subject))], HTML.code(subject.id))
            : HTML.code(subject.id)
        return "<tr" + HTML.attributes([("data-subject", "\(subject.kind)/\(subject.id)")]) + ">"
            + HTML.element("th", [("scope", "row")], id) + HTML.text("td", [], subject.name) + HTML.element("td", [], HTML.code(labels.detail(of: subject)))
            + HTML.text("td", [("class", "checks")], labels.checksLine(digest.stateCounts(of: subject))) + "</tr>"
    }

    /// The legend and the product and institution matrices (in a compact report, only the subjects with
    /// a notable outcome, and collapsed).
    private func matrices() -> String {
        let kinds: [(kind: String, subjects: [AuditReport.SubjectSummary], title: String, id: String)] = [
            ("LoanProduct", digest.products, labels.productMatrix, "figure-matrix-products"),
            ("Institution", digest.institutions, labels.institutionMatrix, "figure-matrix-institutions"),
        ]
        let charts = HTMLCharts(digest: digest, labels: labels)
        let drawn = kinds.map { layout.matrixSubjects(kind: $0.kind, $0.subjects) }
        var out = HTML.text("h3", [("id", "matrix-title")], labels.byOutcome) + "\n"
        out += charts.legend(drawn: layout.compact ? drawnCounts(kinds.map(\.kind), drawn) : nil)
        for (entry, subjects) in zip(kinds, drawn) where !entry.subjects.isEmpty && !digest.matrixRules(kind: entry.kind).isEmpty {
            var figure = "<figure id=\"\(entry.id)\">\n" + HTML.text("figcaption", [], entry.title) + "\n"
            if layout.compact {
                figure += HTML.text("p", [("class", "muted")], labels.matrixRowsDrawn(drawn: subjects.count, total: entry.subjects.count)) + "\n"
            }
            if !subjects.isEmpty { figure += charts.matrix(kind: entry.kind, subjects: subjects, title: entry.title) }
            figure += "</figure>\n"
            out += layout.compact ? HTML.details(labels.listed(entry.title, count: subjects.count), open: false, [], figure) : figure
        }
        return out
    }

    /// Cells drawn per state, over the subjects drawn of each kind.
    private func drawnCounts(_ kinds: [String], _ drawn: [[AuditReport.SubjectSummary]]) -> [CheckCellState: Int] {
        var counts: [CheckCellState: Int] = [:]
        for (kind, subjects) in zip(kinds, drawn) {
            let rules = digest.matrixRules(kind: kind)
            for subject in subjects {
                for rule in rules {
                    if let state = digest.state(rule: rule.id, subject: subject) { counts[state, default: 0] += 1 }
                }
            }
        }
        return counts
    }
}
