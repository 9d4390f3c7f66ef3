import Compliance
import Diagnostics

/// The findings section of the HTML report: one part per institution (its own findings, then one
/// section per product it lends), then products whose lender is not audited, then other findings.
///
/// Every subject has a section, with the outcomes of its checks, even without findings; in a compact
/// report (`HTMLLayout`) only subjects with findings do, and the others are counted, with a link to the
/// scope list.
/// A finding shows
/// its message, location, evidence and parameters, citation (with whether the article number is
/// verified), regime note, waiver and baseline state.
struct HTMLFindings {
    let digest: ReportDigest
    let labels: ReportLabels
    let layout: HTMLLayout
    let paths: HTMLPaths

    private var report: AuditReport { digest.report }
    private var sections: HTMLSections { HTMLSections(digest: digest, labels: labels, paths: paths) }

    func render() -> String {
        var out = "<section id=\"findings\" aria-labelledby=\"findings-title\">\n"
            + HTML.text("h2", [("id", "findings-title")], labels.findings) + "\n"
        out += HTML.text("p", [("class", "verdict")], labels.verdict(report.summary)) + "\n"
        if report.subjects.isEmpty && digest.otherFindings.isEmpty { out += HTML.text("p", [], labels.noSubjects) + "\n" }
        var quietInstitutions: [AuditReport.SubjectSummary] = []
        for group in digest.groups {
            if let institution = group.institution {
                guard layout.hasSection(institution) else {
                    quietInstitutions.append(institution)
                    continue
                }
                out += subject(institution, level: 3, products: group.products)
            } else {
                let shown = group.products.filter(layout.hasSection)
                guard !shown.isEmpty || !layout.compact else {
                    out += quiet(group.products, id: "quiet-other-products")
                    continue
                }
                let id = "group-other-products"
                out += "<section class=\"group\" aria-labelledby=\"\(id)\">\n" + HTML.text("h3", [("id", id)], labels.otherProducts) + "\n"
                for product in shown { out += subject(product, level: 4, products: []) }
                out += quiet(group.products.filter { !layout.hasSection($0) }, id: "quiet-other-products")
                out += "</section>\n"
            }
        }
        out += quiet(quietInstitutions, id: "quiet-institutions")
        if !digest.otherFindings.isEmpty {
            let id = "group-other-findings"
            out += "<section class=\"group\" aria-labelledby=\"\(id)\"" + HTML.attributes([("data-count", String(digest.otherFindings.count))])
                + ">\n" + HTML.text("h3", [("id", id)], labels.otherFindings) + "\n"
            for finding in digest.otherFindings { out += self.finding(finding, level: 4) }
            out += "</section>\n"
        }
        return out + "</section>\n"
    }

    /// A subject's section: heading, facts, outcomes of its checks, findings; an institution's products
    /// nest inside it one heading level down.
    private func subject(_ subject: AuditReport.SubjectSummary, level: Int, products: [AuditReport.SubjectSummary]) -> String {
        let anchor = HTMLSections.anchor(subject)
        let findings = digest.findings(of: subject)
        var out = "<section" + HTML.attributes([
            ("class", subject.kind == "Institution" ? "subject group institution" : "subject product"), ("id", anchor),
            ("aria-labelledby", anchor + "-title"), ("data-subject", "\(subject.kind)/\(subject.id)"),
            ("data-count", String(findings.count)),
        ]) + ">\n"
        let title = HTMLEscaping.text("\(labels.kind(subject.kind)) ") + (subject.name.isEmpty ? "" : HTMLEscaping.text(subject.name) + " ")
            + HTML.code(subject.id)
        // Heading, file and check outcomes stay together, and with what follows (no orphan heading).
        out += "<div class=\"subject-head\">\n" + HTML.element("h\(level)", [("id", anchor + "-title")], title) + "\n"
        let detailLabel = subject.kind == "LoanProduct" ? labels.lender : labels.type
        var meta = HTMLEscaping.text("\(labels.file): ") + HTML.code(paths.file(subject.file))
        if !subject.detail.isEmpty { meta += HTMLEscaping.text(" · \(detailLabel): ") + HTML.code(labels.detail(of: subject)) }
        out += HTML.element("p", [("class", "subject-meta")], meta) + "\n"
        out += HTML.text("p", [("class", "checks")], labels.checksLine(digest.stateCounts(of: subject))) + "\n</div>\n"
        if findings.isEmpty {
            out += HTML.text("p", [("class", "no-findings")], labels.noFindings) + "\n"
        } else {
            for finding in findings { out += self.finding(finding, level: min(level + 1, 6)) }
        }
        for product in products where layout.hasSection(product) { out += self.subject(product, level: min(level + 1, 6), products: []) }
        out += quiet(products.filter { !layout.hasSection($0) }, id: anchor + "-quiet")
        return out + "</section>\n"
    }

    /// Subjects without a section (a compact report's subjects without findings): how many, and a link
    /// to the scope list that names each with the outcomes of its checks (listing them here again would
    /// double the page).
    private func quiet(_ subjects: [AuditReport.SubjectSummary], id: String) -> String {
        guard let kind = subjects.first?.kind else { return "" }
        let list = kind == "Institution" ? "scope-institutions-list" : "scope-products-list"
        return HTML.element("p", [("id", id), ("class", "quiet"), ("data-count", String(subjects.count))],
                            HTML.text("a", [("href", "#" + list)], labels.withoutFindings(subjects.count, kind: kind))) + "\n"
    }

    /// One finding as an article: heading (severity badge, rule id, rule title), message and facts.
    /// `data-subject` shows a borrower key hashed like the text; `data-fingerprint` is the finding's
    /// SARIF fingerprint (SHA-256 of rule + subject + path), for checks against the JSON report.
    func finding(_ finding: Finding, level: Int) -> String {
        let severityKey = finding.isWaived ? "waived" : finding.severity.rawValue
        let mask = digest.wording.mask
        var out = "<article" + HTML.attributes([
            ("class", "finding sev-\(severityKey)\(finding.isWaived ? " is-waived" : "")"), ("data-rule", finding.rule),
            ("data-severity", finding.severity.rawValue), ("data-waived", finding.isWaived ? "true" : "false"),
            ("data-subject", "\(finding.subject.kind)/\(mask.id(of: finding))"),
            ("data-fingerprint", ReportWording.fingerprint(of: finding)),
        ]) + ">\n"
        var badge = labels.severity(finding.severity)
        if finding.isWaived { badge += " · " + labels.waived }
        var heading = HTML.text("span", [("class", "badge sev-\(severityKey)")], badge) + HTML.code(finding.rule)
        if let rule = digest.rule(finding.rule) {
            heading += " " + HTML.text("span", [("class", "rule-title")], labels.text(rule.title))
        }
        out += HTML.element("h\(level)", [], heading) + "\n"
        out += HTML.text("p", [("class", "message")], digest.wording.message(of: finding)) + "\n"
        out += "<dl class=\"facts\">\n"
        if [BorrowerMask.loanKind, BorrowerMask.groupKind].contains(finding.subject.kind) {
            // A loan or a group has no section of its own: say what the finding is about.
            out += fact(labels.subject, HTMLEscaping.text("\(labels.kind(finding.subject.kind)) ") + HTML.code(mask.id(of: finding)))
        }
        if let location = finding.location {
            var place = HTML.element("code", [("class", "location")], HTMLEscaping.text(paths.location(location)))
            if !finding.path.isEmpty { place += HTMLEscaping.text(" · \(labels.field) ") + HTML.code(finding.path) }
            out += fact(labels.location, place)
        } else if !finding.path.isEmpty {
            out += fact(labels.field, HTML.code(finding.path))
        }
        if let detail = finding.ledger { out += ledgerFacts(detail) }
        if !finding.evidence.actual.isEmpty || !finding.evidence.required.isEmpty {
            var evidence = HTMLEscaping.text("\(labels.actual) ") + HTML.element("strong", [("class", "actual")], HTMLEscaping.text(digest.wording.evidenceValue(finding.evidence.actual, path: finding.path)))
                + HTMLEscaping.text(labels.language == .zh ? "；\(labels.required) " : "; \(labels.required) ")
                + HTML.element("strong", [("class", "required")], HTMLEscaping.text(digest.wording.evidenceValue(finding.evidence.required, path: finding.path)))
            if let detail = digest.wording.detail(of: finding) { evidence += "<br>" + HTML.code(detail) }
            out += fact(labels.evidence, evidence)
        }
        if !finding.evidence.parameters.isEmpty {
            out += fact(labels.parameters, finding.evidence.parameters.map { HTMLEscaping.text(digest.wording.readings(labels.parameter($0))) }
                .joined(separator: "<br>"))
        }
        out += fact(labels.citation, sections.citation(finding.citation, effective: finding.effective))
        var regime: [String] = []
        if let note = finding.regimeNote { regime.append(labels.text(note)) }
        if finding.cannotEvaluate { regime.append(labels.cannotEvaluateNote) }
        if finding.packStatus == .draft && finding.regimeNote == nil { regime.append(labels.draftNote) }
        if !regime.isEmpty { out += fact(labels.regime, HTMLEscaping.text(regime.joined(separator: labels.language == .zh ? "；" : "; "))) }
        if let waiver = finding.waiver {
            out += fact(labels.waiver, HTML.text("span", [("class", "waiver \(waiver.outcome.rawValue)")], labels.waiver(waiver))
                        + HTMLEscaping.text(" (") + HTML.code(paths.location(waiver.location)) + HTMLEscaping.text(")"))
        }
        if let baseline = report.baseline, let state = labels.baselineState(of: finding, in: baseline) {
            out += fact(labels.baseline, HTMLEscaping.text(state))
        }
        return out + "</dl>\n</article>\n"
    }

    /// A group's key (borrower parts hashed), size and largest loans; a loan's product (linked to its
    /// section when audited), lender and borrower (hashed).
    private func ledgerFacts(_ detail: LedgerDetail) -> String {
        var out = ""
        if !detail.key.isEmpty {
            out += fact(labels.groupKey, detail.key.map { HTMLEscaping.text("\($0.name) ") + HTML.code(BorrowerMask.shown($0)) }
                .joined(separator: HTMLEscaping.text(", ")))
        }
        if let count = detail.loanCount { out += fact(labels.loans, HTMLEscaping.text(ReportWording.grouped(count))) }
        if !detail.largest.isEmpty {
            out += fact(labels.largestLoans, detail.largest.map { contributor in
                HTML.code(contributor.loanId) + HTMLEscaping.text(" " + digest.wording.readings(contributor.amount))
                    + (contributor.location.map { HTMLEscaping.text(" (") + HTML.code("\(paths.file($0.file)):\($0.line)") + HTMLEscaping.text(")") } ?? "")
            }.joined(separator: "<br>"))
        }
        if let product = detail.product {
            let audited = digest.ledger.products[product]
            out += fact(labels.product, audited.flatMap { layout.hasSection($0) ? $0 : nil }.map {
                HTML.element("a", [("href", "#" + HTMLSections.anchor($0))], HTML.code(product))
            } ?? HTML.code(product))
        }
        if let lender = detail.lender { out += fact(labels.lender, HTML.code(lender)) }
        if let borrower = detail.borrower { out += fact(labels.borrower, HTML.code(BorrowerMask.hash(borrower))) }
        return out
    }

    private func fact(_ term: String, _ definition: String) -> String {
        HTML.text("dt", [], term) + HTML.element("dd", [], definition) + "\n"
    }
}
