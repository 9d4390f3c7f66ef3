import Compliance

/// The cover of the HTML report: the organisation, title, as-of date, scope in numbers, verdict, the
/// sign-off block and the contents. It stays short, so that the summary and the findings start on the
/// first pages; the lists of packs and subjects are in the scope section after the findings.
struct HTMLCover {
    let digest: ReportDigest
    let labels: ReportLabels
    let attribution: ReportAttribution
    let paths: HTMLPaths
    /// The main sections after the cover, with their ids, in order.
    let outline: [(id: String, title: String)]

    private var report: AuditReport { digest.report }

    func render() -> String {
        var out = "<section id=\"cover\" class=\"cover\" aria-labelledby=\"cover-title\">\n"
        out += HTML.text("p", [("class", "kicker")], "\(report.toolName) \(report.toolVersion)") + "\n"
        if let organisation = attribution.organisation {
            out += HTML.text("p", [("class", "organisation"), ("id", "cover-organisation")], organisation) + "\n"
        }
        out += HTML.text("h1", [("id", "cover-title")], labels.reportTitle) + "\n"
        out += "<dl class=\"facts\">\n"
        if let organisation = attribution.organisation {
            out += fact(labels.organisation, HTMLEscaping.text(organisation), attributes: [("data-organisation", organisation)])
        }
        out += fact(labels.asOf, HTML.element("time", [("datetime", report.asOf.description)], HTMLEscaping.text(report.asOf.description)),
                    attributes: [("data-as-of", report.asOf.description)])
        out += fact(labels.scope, HTMLEscaping.text(labels.scopeLine(institutions: digest.institutions.count, products: digest.products.count)),
                    attributes: [("data-institutions", String(digest.institutions.count)), ("data-products", String(digest.products.count))])
        out += fact(labels.packs, HTMLEscaping.text(labels.packsLine(packs: report.packs.count, rules: report.rules.count)))
        for line in report.ruleChanges.lines {
            out += fact(labels.rulesChanged, HTML.text("strong", [("class", "rules-changed")], paths.text(line)), attributes: [("data-rules-changed", "true")])
        }
        out += fact(labels.result, HTML.text("span", [("class", "verdict")], labels.verdict(report.summary)))
        out += fact(labels.tool, HTMLEscaping.text("\(report.toolName) \(report.toolVersion)"))
        out += "</dl>\n"
        if attribution.hasSignOff { out += signOff() }
        out += "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n" + HTML.text("h2", [("id", "toc-title")], labels.contents) + "\n<ol>\n"
        for (id, title) in outline {
            out += "<li>" + HTML.text("a", [("href", "#" + id)], title) + "</li>\n"
        }
        return out + "</ol>\n</nav>\n</section>\n"
    }

    /// Who prepared and who approves the report, with room to sign and date by hand on the printout.
    /// A role without a name keeps its row, blank, to be filled in.
    private func signOff() -> String {
        let rows = [("prepared-by", labels.preparedBy, attribution.preparedBy), ("approved-by", labels.signOffApprovedBy, attribution.approvedBy)]
        return "<section id=\"sign-off\" aria-labelledby=\"sign-off-title\">\n" + HTML.text("h2", [("id", "sign-off-title")], labels.signOff) + "\n"
            + HTML.table(caption: labels.signOffCaption, headers: [labels.role, labels.name, labels.signature, labels.signedOn],
                         rows: rows.map { key, role, name in
                             "<tr" + HTML.attributes([("data-role", key)]) + ">" + HTML.text("th", [("scope", "row")], role)
                                 + HTML.text("td", [("class", "signer")], name ?? "") + "<td class=\"signature\"></td><td class=\"signature\"></td></tr>"
                         }, attributes: [("id", "sign-off-table")])
            + "</section>\n"
    }

    private func fact(_ term: String, _ definition: String, attributes: [(String, String)] = []) -> String {
        HTML.text("dt", [], term) + HTML.element("dd", attributes, definition) + "\n"
    }
}
