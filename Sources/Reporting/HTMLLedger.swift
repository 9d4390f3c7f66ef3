import Compliance

/// The ledger section of the HTML report (`section#ledger`, after the findings): what the audit read,
/// every ledger rule's true totals, the listed findings per lender, the chart of the worst groups against
/// their bound, and the listed findings per rule. Borrower keys are shown as short hashes
/// (`BorrowerMask`), in the text and in the `data-*` attributes alike. Empty without a ledger audit.
struct HTMLLedger {
    let digest: ReportDigest
    let labels: ReportLabels
    let layout: HTMLLayout
    let paths: HTMLPaths

    private var ledger: LedgerDigest { digest.ledger }

    func render() -> String {
        guard !ledger.isEmpty else { return "" }
        var out = "<section id=\"ledger\" aria-labelledby=\"ledger-title\">\n" + HTML.text("h2", [("id", "ledger-title")], labels.ledger) + "\n"
        if let stamp = ledger.stamp {
            out += "<dl class=\"facts\"" + HTML.attributes([
                ("data-engine", stamp.engine), ("data-loans", String(stamp.loans)), ("data-fundings", String(stamp.fundings)),
                ("data-max-findings-per-rule", String(stamp.maxFindingsPerRule)),
            ]) + ">\n"
            out += fact(labels.engine, HTML.code(stamp.engine))
            out += fact(labels.loans, HTMLEscaping.text(ReportWording.grouped(stamp.loans)))
            out += fact(labels.fundings, HTMLEscaping.text(ReportWording.grouped(stamp.fundings)))
            out += fact(labels.listedPerRule, HTMLEscaping.text(stamp.maxFindingsPerRule == 0 ? "—" : ReportWording.grouped(stamp.maxFindingsPerRule)))
            out += "</dl>\n"
        }
        out += rulesTable() + capped() + lendersTable()
        if !ledger.worstGroups.isEmpty {
            out += "<figure id=\"figure-ledger-groups\">\n" + HTML.text("figcaption", [], labels.worstGroups) + "\n"
                + HTMLCharts(digest: digest, labels: labels).worstGroups()
                + HTML.text("p", [("class", "muted")], labels.ratioNote) + "\n</figure>\n"
        }
        out += HTML.text("h3", [("id", "ledger-findings-title")], labels.listedFindings) + "\n"
        out += findings()
        return out + "</section>\n"
    }

    private func fact(_ term: String, _ definition: String) -> String {
        HTML.text("dt", [], term) + HTML.element("dd", [], definition) + "\n"
    }

    /// Per rule: loans or groups checked, unwaived violations by severity, "cannot evaluate", waived, and how many failures are listed of the total.
    private func rulesTable() -> String {
        HTML.table(
            caption: labels.ledgerRules,
            headers: [labels.rule, labels.checked] + Array(labels.countHeaders.prefix(3)) + [labels.cannotEvaluate, labels.countHeaders[4],
                                                                                         labels.listedOfTotal],
            rows: ledger.rules.map { rule in
                let counts = rule.counts
                var name = HTML.element("a", [("href", "#" + HTMLEscaping.fragment("rule", rule.id))], HTML.code(rule.id))
                name += "<br>" + HTML.text("span", [("class", "muted")], labels.text(rule.rule.title))
                return "<tr" + HTML.attributes([
                    ("data-ledger-rule", rule.id), ("data-checked", String(counts.checked)), ("data-failures", String(rule.failures)),
                    ("data-listed", String(rule.listed)), ("data-unlisted", String(rule.unlisted)),
                ]) + ">" + HTML.element("th", [("scope", "row")], name)
                    + HTML.countCell(counts.checked)
                    + HTML.countCell(counts.error, [("data-severity", "error")]) + HTML.countCell(counts.warning, [("data-severity", "warning")])
                    + HTML.countCell(counts.info, [("data-severity", "info")])
                    + HTML.countCell(counts.cannotEvaluate, [("data-cannot-evaluate", "true")])
                    + HTML.countCell(counts.waived, [("data-severity", "waived")])
                    + HTML.text("td", [("class", rule.unlisted > 0 ? "num capped" : "num")],
                                "\(ReportWording.grouped(rule.listed)) / \(ReportWording.grouped(rule.failures))") + "</tr>"
            }, attributes: [("id", "ledger-rules")], numeric: [1, 2, 3, 4, 5, 6, 7])
    }

    /// A line per rule whose findings were capped.
    private func capped() -> String {
        guard let cap = ledger.stamp?.maxFindingsPerRule else { return "" }
        let rules = ledger.rules.filter { $0.unlisted > 0 }
        guard !rules.isEmpty else { return "" }
        return "<ul class=\"capped\">\n" + rules.map { rule in
            "<li" + HTML.attributes([("data-rule", rule.id), ("data-unlisted", String(rule.unlisted))]) + ">"
                + HTMLEscaping.text(labels.capped(rule, cap: cap)) + "</li>\n"
        }.joined() + "</ul>\n"
    }

    private func lendersTable() -> String {
        guard !ledger.countsByLender.isEmpty else { return "" }
        let rows = ledger.countsByLender.map { lender, institution, counts in
            let name: String
            if let institution {
                name = HTMLEscaping.text(institution.name) + "<br>"
                    + HTML.element("a", [("href", "#" + HTMLSections.anchor(institution))], HTML.code(institution.id))
            } else if let lender {
                name = HTML.code(lender)
            } else {
                name = HTMLEscaping.text(labels.lenderNotKnown)
            }
            return "<tr" + HTML.attributes([("data-lender", lender ?? "")]) + ">" + HTML.element("th", [("scope", "row")], name)
                + zip(FindingCounts.keys, counts.columns).map { key, value in
                    HTML.countCell(value, [("data-severity", key)])
                }.joined() + "</tr>"
        }
        return HTML.table(caption: labels.listedPerLender, headers: [labels.lender] + labels.countHeaders, rows: rows,
                          attributes: [("id", "ledger-lenders")], numeric: [1, 2, 3, 4, 5, 6])
            + HTML.text("p", [("class", "muted")], labels.perLenderNote) + "\n"
    }

    /// The listed findings, a part per rule (rules in pack order).
    private func findings() -> String {
        guard !ledger.findings.isEmpty else { return HTML.text("p", [], labels.noLedgerFindings) + "\n" }
        let renderer = HTMLFindings(digest: digest, labels: labels, layout: layout, paths: paths)
        var out = ""
        for (rule, findings) in ledger.findingsByRule {
            let anchor = HTMLEscaping.fragment("ledger-rule", rule)
            out += "<section" + HTML.attributes([("class", "ledger-rule"), ("id", anchor), ("aria-labelledby", anchor + "-title"),
                                                 ("data-rule", rule), ("data-count", String(findings.count))]) + ">\n"
            var title = HTML.code(rule)
            if let summary = digest.rule(rule) { title += " " + HTML.text("span", [("class", "rule-title")], labels.text(summary.title)) }
            out += HTML.element("h4", [("id", anchor + "-title")], title) + "\n"
            if let totals = ledger.rules.first(where: { $0.id == rule }), totals.unlisted > 0, let cap = ledger.stamp?.maxFindingsPerRule {
                out += HTML.text("p", [("class", "capped")], labels.capped(totals, cap: cap)) + "\n"
            }
            for finding in findings { out += renderer.finding(finding, level: 5) }
            out += "</section>\n"
        }
        return out
    }
}
