import Compliance
import Diagnostics

/// `--format markdown`: the compliance report for wikis and pull-request comments (GitHub-flavoured
/// Markdown), with the structure and headings of the HTML report:
///
/// 1. the title with the as-of date and the cover facts (scope, packs, result) and the packs with
///    version and status (the subjects audited in a collapsed `<details>`);
/// 2. `### Summary`: counts by severity (and baseline), by pack, by institution, per rule, and the
///    product × rule matrix of check outcomes (collapsed);
/// 3. `### Findings`: the unwaived findings per subject (at most `maxRows` rows in all, the rest
///    counted), then the waivers;
/// 4. `### Ledger audit` with a ledger audit (`MarkdownLedger`);
/// 5. `### Appendix: rules checked` (collapsed);
/// 6. `### Reproducibility stamp` (collapsed).
///
/// Labels are in the report's language (`ReportLabels`). Every cell is escaped (`|`, Markdown
/// punctuation, HTML).
struct MarkdownReport {
    /// GitHub limits a comment to 65,536 characters; longer tables are cut with a note.
    static let maxRows = 200
    /// Matrix rows shown; more subjects are counted.
    static let maxMatrixRows = 60

    let report: AuditReport
    let options: ReportOptions

    private var labels: ReportLabels { ReportLabels(language: report.language) }
    static func cell(_ text: String) -> String { MarkdownEscaping.inline(text) }
    static func code(_ text: String) -> String { MarkdownEscaping.code(text) }

    static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }

    static func header(_ titles: [String], numeric: Set<Int> = []) -> String {
        row(titles.map(cell)) + "|" + titles.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
    }

    func render() -> String {
        let digest = ReportDigest(report: report)
        var out = "## \(Self.cell(labels.documentTitle(tool: report.toolName, asOf: report.asOf)))\n\n"
        out += cover(digest) + "\n"
        out += "### \(Self.cell(labels.summary))\n\n" + summary(digest) + "\n"
        out += "### \(Self.cell(labels.findings))\n\n" + findings(digest) + "\n" + waivers(digest) + "\n"
        if !digest.ledger.isEmpty {
            out += "### \(Self.cell(labels.ledger))\n\n" + MarkdownLedger(digest: digest, labels: labels, options: options).render() + "\n"
        }
        out += "### \(Self.cell(labels.appendix))\n\n" + appendix(digest) + "\n"
        out += "### \(Self.cell(labels.stamp))\n\n" + stamp()
        return out
    }

    // MARK: - Cover

    private func cover(_ digest: ReportDigest) -> String {
        var out = "- **\(Self.cell(labels.asOf))**: \(report.asOf)\n"
        out += "- **\(Self.cell(labels.scope))**: \(Self.cell(labels.scopeLine(institutions: digest.institutions.count, products: digest.products.count)))\n"
        out += "- **\(Self.cell(labels.packs))**: \(Self.cell(labels.packsLine(packs: report.packs.count, rules: report.rules.count)))\n"
        for line in report.ruleChanges.lines {
            out += "- **\(Self.cell(labels.rulesChanged))**: \(Self.cell(line))\n"
        }
        out += "- **\(Self.cell(labels.result))**: \(Self.cell(labels.verdict(report.summary)))\n\n"
        out += Self.header([labels.pack, labels.version, labels.status, labels.instrument, labels.rulesCount], numeric: [4])
        for pack in report.packs {
            let rules = report.rules.filter { $0.packId == pack.id }.count
            out += Self.row(["\(Self.cell(labels.text(pack.title))) \(Self.code(pack.id))", Self.cell(pack.version),
                             Self.cell(labels.packStatus(pack.status)), Self.cell(pack.instrument), String(rules)])
        }
        guard !report.subjects.isEmpty else { return out + "\n" + Self.cell(labels.noSubjects) + "\n" }
        out += "\n<details>\n<summary>\(Self.cell("\(labels.scope): \(labels.scopeLine(institutions: digest.institutions.count, products: digest.products.count))"))</summary>\n\n"
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        for (title, detail, subjects) in [(labels.institutions, labels.type, digest.institutions), (labels.products, labels.lender, digest.products)]
        where !subjects.isEmpty {
            out += Self.header([title, labels.name, detail, labels.file])
            for subject in subjects {
                out += Self.row([Self.code(subject.id), Self.cell(subject.name), Self.code(labels.detail(of: subject)), Self.code(paths.display(subject.file))])
            }
            out += "\n"
        }
        return out + "</details>\n"
    }

    // MARK: - Summary

    private func summary(_ digest: ReportDigest) -> String {
        let summary = report.summary
        var titles = Array(labels.countHeaders.prefix(5))
        var cells = [summary.error, summary.warning, summary.info, summary.cannotEvaluate, summary.waived].map(ReportWording.grouped)
        if let baseline = report.baseline {
            titles += labels.baselineCounts
            cells += ReportLabels.baselineCounts(baseline).map(ReportWording.grouped)
        }
        var out = Self.header(titles, numeric: Set(titles.indices)) + Self.row(cells)
        if let baseline = report.baseline { out += "\n" + self.baseline(baseline, mask: digest.wording.mask) }
        out += "\n" + Self.header([labels.pack] + labels.countHeaders, numeric: [1, 2, 3, 4, 5, 6])
        for (pack, counts) in digest.countsByPack {
            out += Self.row(["\(Self.cell(labels.text(pack.title))) \(Self.code(pack.id))"] + counts.columns.map(ReportWording.grouped))
        }
        let institutions = digest.countsByInstitution
        if !institutions.isEmpty {
            out += "\n" + Self.header([labels.institutions] + labels.countHeaders, numeric: [1, 2, 3, 4, 5, 6])
            for (institution, counts) in institutions {
                let name = institution.map { "\(Self.cell($0.name)) \(Self.code($0.id))" } ?? Self.cell(labels.otherFindings)
                out += Self.row([name] + counts.columns.map(ReportWording.grouped))
            }
        }
        let rules = digest.chartRules
        if !rules.isEmpty {
            out += "\n" + Self.header([labels.perRule] + labels.countHeaders, numeric: [1, 2, 3, 4, 5, 6])
            for rule in rules {
                out += Self.row([Self.code(rule.id)] + (digest.countsByRule[rule.id] ?? FindingCounts()).columns.map(ReportWording.grouped))
            }
        }
        for (kind, title, subjects) in [("LoanProduct", labels.productMatrix, digest.products),
                                         ("Institution", labels.institutionMatrix, digest.institutions)] {
            out += matrix(digest, kind: kind, title: title, subjects: subjects)
        }
        return out
    }

    /// The subject × rule matrix: one symbol per check, the legend above it, collapsed.
    private func matrix(_ digest: ReportDigest, kind: String, title: String, subjects: [AuditReport.SubjectSummary]) -> String {
        let rules = digest.matrixRules(kind: kind)
        guard !rules.isEmpty, !subjects.isEmpty else { return "" }
        var out = "\n<details>\n<summary>\(Self.cell(title))</summary>\n\n"
        out += Self.cell(labels.legend) + ": " + CheckCellState.allCases.map { "\($0.symbol) \(Self.cell(labels.state($0)))" }
            .joined(separator: " · ") + "\n\n"
        out += Self.row([""] + rules.map { Self.code($0.id) }) + "|---|" + String(repeating: ":---:|", count: rules.count) + "\n"
        for subject in subjects.prefix(Self.maxMatrixRows) {
            out += Self.row([Self.code(subject.id)] + rules.map { digest.state(rule: $0.id, subject: subject)?.symbol ?? "" })
        }
        if subjects.count > Self.maxMatrixRows {
            out += "\n" + Self.cell(labels.moreNotShown(subjects.count - Self.maxMatrixRows)) + "\n"
        }
        return out + "\n</details>\n"
    }

    private func baseline(_ baseline: BaselineComparison, mask: BorrowerMask) -> String {
        var out = "#### \(Self.cell(labels.baseline))\n\n" + Self.cell(labels.baselineLine(baseline)) + "\n"
        guard !baseline.fixed.isEmpty else { return out }
        out += "\n" + Self.header([labels.fixedSinceBaseline, labels.subject, labels.field, labels.file])
        for entry in baseline.fixed.prefix(Self.maxRows) {
            out += Self.row([Self.code(entry.rule), Self.code(mask.baselineSubject(entry.subject)), Self.code(entry.path),
                             Self.code(entry.file ?? "")])
        }
        return out
    }

    // MARK: - Findings

    /// The unwaived findings per subject (institutions with their products, in load order), at most
    /// `maxRows` rows in all.
    private func findings(_ digest: ReportDigest) -> String {
        var sections: [(String, [Finding])] = []
        func add(_ subject: AuditReport.SubjectSummary) {
            let open = digest.findings(of: subject).filter { !$0.isWaived }
            guard !open.isEmpty else { return }
            let name = subject.name.isEmpty ? "" : Self.cell(subject.name) + " "
            sections.append(("\(Self.cell(labels.kind(subject.kind))) \(name)\(Self.code(subject.id))", open))
        }
        for group in digest.groups {
            group.institution.map(add)
            group.products.forEach(add)
        }
        let others = digest.otherFindings.filter { !$0.isWaived }
        if !others.isEmpty { sections.append((Self.cell(labels.otherFindings), others)) }
        guard !sections.isEmpty else { return Self.cell(labels.noUnwaivedFindings) + "\n" }

        let withBaseline = report.baseline != nil
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        var out = ""
        var shown = 0
        let total = sections.reduce(0) { $0 + $1.1.count }
        for (title, findings) in sections where shown < Self.maxRows {
            out += (out.isEmpty ? "" : "\n") + "#### \(title)\n\n"
            out += Self.header([labels.rule, labels.severityHeader, labels.field, labels.location, labels.message, labels.evidence]
                               + (withBaseline ? [labels.baseline] : []))
            for finding in findings.prefix(Self.maxRows - shown) {
                let location = finding.location.map { Self.code("\(paths.display($0.file)):\($0.line)") } ?? ""
                var evidence = [ReportWording.evidence(finding.evidence, language: labels.language, path: finding.path)].compactMap { $0 }
                evidence += finding.evidence.parameters.map { digest.wording.readings(labels.parameter($0)) }
                var message = digest.wording.message(of: finding)
                if let note = finding.regimeNote { message += " (\(labels.text(note)))" }
                if let waiver = finding.waiver { message += " — " + labels.waiver(waiver) }
                var cells = [Self.code(finding.rule), Self.cell(labels.severity(finding.severity)), Self.code(finding.path), location,
                             Self.cell(message), evidence.map(Self.cell).joined(separator: "<br>")]
                if withBaseline { cells.append(Self.cell(report.baseline.flatMap { labels.baselineState(of: finding, in: $0) } ?? "")) }
                out += Self.row(cells)
                shown += 1
            }
        }
        if total > Self.maxRows { out += "\n" + Self.cell(labels.moreFindingsNotShown(total - Self.maxRows)) + "\n" }
        return out
    }

    private func waivers(_ digest: ReportDigest) -> String {
        var out = "#### \(Self.cell(labels.waivers))\n\n"
        guard !report.waivers.isEmpty else { return out + Self.cell(labels.noWaivers) + "\n" }
        out += Self.header([labels.rule, labels.subject, labels.status, labels.approvedBy, labels.reference, labels.expires,
                            labels.matched, labels.reason], numeric: [6])
        for record in report.waivers {
            let status = Self.cell(labels.waiverStatus(record))
            let subject = digest.wording.mask.waiverSubject(record.subject, rule: digest.rule(record.rule)?.subject)
            out += Self.row([Self.code(record.rule), Self.code(subject), record.status == .applied ? status : "**\(status)**",
                             Self.cell(record.approvedBy), Self.cell(record.reference ?? ""), record.expires.description,
                             String(record.matched), Self.cell(record.reason)])
        }
        return out
    }

    // MARK: - Appendix and stamp

    private func appendix(_ digest: ReportDigest) -> String {
        guard !report.rules.isEmpty else { return Self.cell(labels.noRulesChecked) + "\n" }
        var out = "<details>\n<summary>\(Self.cell(labels.packsLine(packs: report.packs.count, rules: report.rules.count)))</summary>\n\n"
        out += Self.header([labels.rule, labels.citation] + labels.dateHeaders + [labels.regime, labels.parametersAtAsOf, labels.findings],
                           numeric: [7])
        for rule in report.rules {
            let citation = "\(labels.text(rule.citation.regulation)) \(rule.citation.article)"
                + (rule.citation.verified ? "" : " (\(labels.notVerified))")
            out += Self.row([
                "\(Self.code(rule.id)) \(Self.cell(labels.text(rule.title)))", Self.cell(citation), rule.effective.description,
                rule.enforced?.description ?? "", rule.repealed?.description ?? "", Self.cell(labels.regime(of: rule, in: report)),
                rule.parameters.map { Self.cell(labels.parameter($0)) }.joined(separator: "<br>"),
                ReportWording.grouped(digest.countsByRule[rule.id]?.total ?? 0),
            ])
        }
        return out + "\n</details>\n"
    }

    private func stamp() -> String {
        var out = "<details>\n<summary>\(Self.cell(labels.stamp))</summary>\n\n"
        out += "- \(Self.cell(labels.tool)): \(Self.cell("\(report.toolName) \(report.toolVersion)"))\n"
        out += "- \(Self.cell(labels.asOf)): \(report.asOf)\n"
        out += "- \(Self.cell(labels.languageLabel)): \(report.language.rawValue)\n"
        out += "- \(Self.cell(labels.waivers)): \(Self.cell(labels.waiversLine(report.waivers)))\n\n"
        out += Self.header([labels.pack, labels.version, labels.status, labels.sha256])
        for pack in report.packs {
            out += Self.row([Self.code(pack.id), Self.cell(pack.version), Self.cell(labels.packStatus(pack.status)), Self.code(pack.sha256)])
        }
        if !report.inputs.isEmpty {
            out += "\n" + Self.header([labels.inputs, labels.sha256])
            for input in report.inputs { out += Self.row([Self.code(input.path), Self.code(input.sha256)]) }
        }
        return out + "\n</details>\n"
    }
}
