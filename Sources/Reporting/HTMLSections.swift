import Compliance
import RuleLanguage

/// The summary, appendix and stamp sections of the HTML report (the cover is `HTMLCover`, the findings
/// `HTMLFindings`, the scope lists and matrices `HTMLScope`).
struct HTMLSections {
    let digest: ReportDigest
    let labels: ReportLabels
    let paths: HTMLPaths

    private var report: AuditReport { digest.report }

    /// The main sections after the cover, with their stable ids, in order: the findings come right after
    /// the summary; the lists of what was audited after them.
    var outline: [(id: String, title: String)] {
        [("summary", labels.summary), ("findings", labels.findings)] + (digest.ledger.isEmpty ? [] : [("ledger", labels.ledger)])
            + [("scope", labels.scope), ("appendix", labels.appendix), ("stamp", labels.stamp)]
    }

    private func fact(_ term: String, _ definition: String, attributes: [(String, String)] = []) -> String {
        HTML.text("dt", [], term) + HTML.element("dd", attributes, definition) + "\n"
    }

    /// The fragment id of a subject's section in the findings.
    static func anchor(_ subject: AuditReport.SubjectSummary) -> String {
        HTMLEscaping.fragment("subject", "\(subject.kind)-\(subject.id)")
    }

    // MARK: - Summary

    /// Counts by severity, pack and institution, the findings per rule, and the outcome matrices.
    func summary() -> String {
        var out = "<section id=\"summary\" aria-labelledby=\"summary-title\">\n" + HTML.text("h2", [("id", "summary-title")], labels.summary) + "\n"
        let summary = report.summary
        let counts = FindingCounts.from(summary)
        let severityCells = zip(FindingCounts.keys, counts.columns).map { key, value in
            HTML.countCell(value, [("data-severity", key), ("id", "count-\(key)")])
        }
        out += HTML.table(caption: labels.bySeverity, headers: [labels.allFindings] + labels.countHeaders,
                          rows: ["<tr>" + HTML.text("th", [("scope", "row")], labels.findings) + severityCells.joined() + "</tr>"],
                          attributes: [("id", "summary-severity")], numeric: [1, 2, 3, 4, 5, 6])
        if let baseline = report.baseline {
            let cells = ReportLabels.baselineCounts(baseline)
            let keys = ["new", "worsened", "updated", "persisting", "fixed"]
            out += HTML.table(caption: labels.baseline, headers: [labels.baseline] + labels.baselineCounts,
                              rows: ["<tr>" + HTML.text("th", [("scope", "row")], labels.findings)
                                     + zip(keys, cells).map { HTML.countCell($1, [("data-baseline", $0)]) }.joined() + "</tr>"],
                              attributes: [("id", "summary-baseline")], numeric: [1, 2, 3, 4, 5])
        }
        out += HTML.table(caption: labels.byPack, headers: [labels.pack] + labels.countHeaders,
                          rows: digest.countsByPack.map { pack, counts in
                              "<tr" + HTML.attributes([("data-pack", pack.id)]) + ">"
                                  + HTML.element("th", [("scope", "row")], HTMLEscaping.text(labels.text(pack.title)) + "<br>" + HTML.code(pack.id))
                                  + countCells(counts) + "</tr>"
                          }, attributes: [("id", "summary-packs")], numeric: [1, 2, 3, 4, 5, 6])
        out += HTML.table(caption: labels.byInstitution, headers: [labels.institutions] + labels.countHeaders,
                          rows: digest.countsByInstitution.map { institution, counts in
                              let name = institution.map { HTMLEscaping.text($0.name) + "<br>" + HTML.code($0.id) }
                                  ?? HTMLEscaping.text(labels.otherFindings)
                              return "<tr" + HTML.attributes([("data-institution", institution?.id ?? "")]) + ">"
                                  + HTML.element("th", [("scope", "row")], name) + countCells(counts) + "</tr>"
                          }, attributes: [("id", "summary-institutions")], numeric: [1, 2, 3, 4, 5, 6])
        let charts = HTMLCharts(digest: digest, labels: labels)
        out += "<figure id=\"figure-findings-per-rule\">\n" + HTML.text("figcaption", [], labels.perRule) + "\n"
        out += "<ul class=\"legend\">" + FindingCounts.keys.dropLast().enumerated().map { index, key in
            "<li>" + HTML.element("span", [("class", "swatch sev-\(key)"), ("aria-hidden", "true")], "")
                + HTMLEscaping.text(labels.countHeaders[index]) + "</li>"
        }.joined() + "</ul>\n"
        out += charts.findingsPerRule() + "</figure>\n"
        return out + "</section>\n"
    }

    private func countCells(_ counts: FindingCounts) -> String {
        zip(FindingCounts.keys, counts.columns).map { key, value in
            HTML.countCell(value, [("data-severity", key)])
        }.joined()
    }

    // MARK: - Appendix

    /// Every rule of the packs, per pack: citation, dates, regime, parameters at the as-of date, outcomes.
    func appendix() -> String {
        var out = "<section id=\"appendix\" aria-labelledby=\"appendix-title\">\n" + HTML.text("h2", [("id", "appendix-title")], labels.appendix) + "\n"
        for pack in report.packs {
            let rules = report.rules.filter { $0.packId == pack.id }
            let caption = "\(labels.text(pack.title)) — \(pack.id) \(pack.version) (\(labels.packStatus(pack.status)))"
            out += HTML.table(caption: caption, headers: [labels.rule, labels.citation, labels.dates, labels.parametersAtAsOf, labels.findings],
                              rows: rules.map(ruleRow), attributes: [("class", "rules"), ("data-pack", pack.id)], numeric: [4])
        }
        return out + "</section>\n"
    }

    private func ruleRow(_ rule: AuditReport.RuleSummary) -> String {
        let counts = digest.countsByRule[rule.id] ?? FindingCounts()
        var ruleCell = HTML.element("strong", [], HTML.code(rule.id)) + "<br>" + HTML.text("span", [("class", "rule-name")], labels.text(rule.title))
        ruleCell += "<br>" + HTML.text("span", [("class", "muted")], "\(labels.kind(rule.subject.rawValue)) · \(labels.severity(rule.severity))")
        ruleCell += "<br>" + HTML.text("span", [("class", "muted")], labels.requirement + ": ") + HTML.code(rule.requirement)
        if let appliesTo = rule.appliesTo {
            ruleCell += "<br>" + HTML.text("span", [("class", "muted")], labels.appliesTo + ": ") + HTML.code(appliesTo)
        }
        var dates = [(labels.effectiveLabel, rule.effective)]
        if let enforced = rule.enforced { dates.append((labels.enforcedLabel, enforced)) }
        if let repealed = rule.repealed { dates.append((labels.repealedLabel, repealed)) }
        if let newBusiness = rule.newBusinessFrom { dates.append((labels.newBusinessLabel, newBusiness)) }
        let regime = labels.regime(of: rule, in: report)
        let datesCell = dates.map { label, date in
            HTMLEscaping.text(label + " ") + HTML.element("time", [("class", "nowrap"), ("datetime", date.description)], date.description)
        }.joined(separator: "<br>") + "<br>" + HTML.text("strong", [], regime)
        let parameters = rule.parameters.isEmpty ? HTML.text("span", [("class", "muted")], labels.none)
            : rule.parameters.map { HTMLEscaping.text(labels.parameter($0)) }.joined(separator: "<br>")
        return "<tr" + HTML.attributes([("id", HTMLEscaping.fragment("rule", rule.id)), ("data-rule", rule.id),
                                         ("data-in-force", rule.inForce ? "true" : "false"), ("data-findings", String(counts.total))]) + ">"
            + HTML.element("th", [("scope", "row")], ruleCell) + HTML.element("td", [], citation(rule.citation, effective: nil, quoted: true))
            + HTML.element("td", [("class", "dates")], datesCell) + HTML.element("td", [("class", "params")], parameters)
            + HTML.countCell(counts.total) + "</tr>"
    }

    /// A citation with its verified mark (a symbol and words, not colour alone) and further instruments;
    /// `quoted` adds the provision's words, where they were read and the pack's note (the appendix).
    func citation(_ citation: Citation, effective: CivilDate?, quoted: Bool = false) -> String {
        var out = HTMLEscaping.text("\(labels.text(citation.regulation)) \(citation.article)")
        if let effective { out += HTMLEscaping.text(labels.language == .zh ? "（\(labels.effective(effective))）" : " (\(labels.effective(effective)))") }
        out += citation.verified
            ? " " + HTML.text("span", [("class", "verified"), ("data-verified", "true")], "✓ " + labels.verified)
            : " " + HTML.text("span", [("class", "unverified"), ("data-verified", "false")], "⚠ " + labels.notVerified)
        if !citation.also.isEmpty {
            out += "<br>" + HTML.text("span", [("class", "muted")], "\(labels.also): " + citation.also.joined(separator: "; "))
        }
        guard quoted else { return out }
        if let quote = citation.quote {
            out += HTML.text("blockquote", [("class", "quote"), ("lang", "zh"), ("data-quote", citation.article)], quote)
        }
        if let source = citation.source {
            out += HTML.text("span", [("class", "muted quote-source")], "\(labels.quoteSource): " + source)
        }
        if let note = citation.note {
            out += "<br>" + HTML.text("span", [("class", "muted citation-note")], "\(labels.citationNote): " + note)
        }
        return out
    }

    // MARK: - Stamp

    /// Tool, as-of date, language, packs and inputs with SHA-256, waivers.
    func stamp() -> String {
        var out = "<section id=\"stamp\" aria-labelledby=\"stamp-title\">\n" + HTML.text("h2", [("id", "stamp-title")], labels.stamp) + "\n"
        out += "<dl class=\"facts\">\n"
        out += fact(labels.tool, HTML.code("\(report.toolName) \(report.toolVersion)"), attributes: [("data-tool-version", report.toolVersion)])
        out += fact(labels.asOf, HTMLEscaping.text(report.asOf.description), attributes: [("data-as-of", report.asOf.description)])
        out += fact(labels.languageLabel, HTML.code(report.language.rawValue))
        out += "</dl>\n"
        out += HTML.table(caption: labels.packs, headers: [labels.pack, labels.version, labels.status, labels.sha256],
                          rows: report.packs.map { pack in
                              "<tr" + HTML.attributes([("data-pack", pack.id), ("data-sha256", pack.sha256)]) + ">"
                                  + HTML.element("th", [("scope", "row")], HTML.code(pack.id) + "<br>"
                                                 + HTML.element("span", [("class", "muted")], HTML.code(paths.pack(pack.file))))
                                  + HTML.text("td", [], pack.version) + HTML.text("td", [], labels.packStatus(pack.status))
                                  + HTML.element("td", [("class", "hash")], HTML.digest(pack.sha256)) + "</tr>"
                          }, attributes: [("id", "stamp-packs")])
        if !report.ruleChanges.isEmpty {
            out += HTML.table(caption: labels.rulesChanged, headers: [labels.rulesChanged],
                              rows: report.ruleChanges.lines.map { "<tr>" + HTML.text("td", [], paths.text($0)) + "</tr>" },
                              attributes: [("id", "stamp-rule-changes")])
        }
        if report.inputs.isEmpty {
            out += HTML.text("p", [("class", "muted")], labels.noInputs) + "\n"
        } else {
            let title = labels.listed(labels.inputs, count: report.inputs.count)
            out += HTML.details(title, open: HTMLLayout.isOpen(report.inputs.count), [("id", "stamp-inputs-list")],
                                HTML.table(caption: labels.inputs, headers: [labels.file, labels.sha256],
                                           rows: report.inputs.map { input in
                                               let path = paths.file(input.path)
                                               return "<tr" + HTML.attributes([("data-input", path), ("data-sha256", input.sha256)]) + ">"
                                                   + HTML.element("th", [("scope", "row")], HTML.code(path))
                                                   + HTML.element("td", [("class", "hash")], HTML.digest(input.sha256)) + "</tr>"
                                           }, attributes: [("id", "stamp-inputs")]))
        }
        out += waivers()
        if let baseline = report.baseline, !baseline.fixed.isEmpty {
            out += HTML.table(caption: labels.fixedSinceBaseline, headers: [labels.rule, labels.subject, labels.field, labels.file],
                              rows: baseline.fixed.map { entry in
                                  "<tr>" + HTML.element("th", [("scope", "row")], HTML.code(entry.rule))
                                      + HTML.element("td", [], HTML.code(digest.wording.mask.baselineSubject(entry.subject)))
                                      + HTML.element("td", [], HTML.code(entry.path)) + HTML.element("td", [], HTML.code(entry.file.map(paths.file) ?? "")) + "</tr>"
                              }, attributes: [("id", "stamp-baseline")])
        }
        return out + "</section>\n"
    }

    private func waivers() -> String {
        guard !report.waivers.isEmpty else { return HTML.text("p", [("id", "stamp-waivers")], labels.noWaivers) + "\n" }
        return HTML.table(
            caption: labels.waivers,
            headers: ["\(labels.rule) / \(labels.subject)", labels.status, "\(labels.approvedBy) / \(labels.reference)",
                      labels.expires, labels.matched, "\(labels.reason) / \(labels.file)"],
            rows: report.waivers.map { record in
                let subject = digest.wording.mask.waiverSubject(record.subject, rule: digest.rule(record.rule)?.subject)
                return "<tr" + HTML.attributes([("data-waiver-rule", record.rule), ("data-waiver-subject", subject),
                                                ("data-status", record.status.rawValue)]) + ">"
                    + HTML.element("th", [("scope", "row")], HTML.code(record.rule) + "<br>" + HTML.code(subject))
                    + HTML.text("td", [], labels.waiverStatus(record))
                    + HTML.element("td", [], HTMLEscaping.text(record.approvedBy)
                                   + (record.reference.map { "<br>" + HTMLEscaping.text($0) } ?? ""))
                    + HTML.element("td", [], HTML.element("time", [("class", "nowrap"), ("datetime", record.expires.description)],
                                                          record.expires.description))
                    + HTML.countCell(record.matched)
                    + HTML.element("td", [], HTMLEscaping.text(record.reason) + "<br>"
                                   + HTML.element("span", [("class", "muted")], HTML.code(paths.location(record.location)))) + "</tr>"
            }, attributes: [("id", "stamp-waivers")], numeric: [4])
    }
}

extension FindingCounts {
    /// The counts of `AuditReport.summary`.
    static func from(_ summary: AuditReport.Summary) -> FindingCounts {
        var counts = FindingCounts()
        counts.error = summary.error
        counts.warning = summary.warning
        counts.info = summary.info
        counts.cannotEvaluate = summary.cannotEvaluate
        counts.waived = summary.waived
        return counts
    }
}
