import Compliance
import Diagnostics

/// `--format markdown`: a pull-request comment (GitHub-flavoured Markdown).
///
/// A title with the as-of date, a summary table, the unwaived findings (at most `maxRows`, the rest
/// counted), the waivers, the baseline comparison when there is one, and the reproducibility stamp in a
/// collapsed `<details>`. Every cell is escaped (`|`, Markdown punctuation, HTML).
struct MarkdownReport {
    /// GitHub limits a comment to 65,536 characters; longer tables are cut with a note.
    static let maxRows = 200

    let report: AuditReport
    let options: ReportOptions

    private var wording: ReportWording { ReportWording(report: report) }
    private static func cell(_ text: String) -> String { MarkdownEscaping.inline(text) }
    private static func code(_ text: String) -> String { MarkdownEscaping.code(text) }

    func render() -> String {
        var out = "## \(Self.cell(report.toolName)) compliance report — as of \(report.asOf)\n\n"
        out += "\(Self.cell(wording.headerLine))\n\n"
        out += summary() + "\n"
        out += findings() + "\n"
        out += waivers()
        if let baseline = baseline() { out += "\n" + baseline }
        out += "\n" + stamp()
        return out
    }

    private func summary() -> String {
        let summary = report.summary
        var out = "| Errors | Warnings | Info | Waived |"
        var rule = "|---:|---:|---:|---:|"
        var row = "| \(summary.error) | \(summary.warning) | \(summary.info) | \(summary.waived) |"
        if let baseline = report.baseline {
            out += " New | Persisting | Fixed |"
            rule += "---:|---:|---:|"
            row += " \(baseline.newKeys.count) | \(baseline.persistingKeys.count) | \(baseline.fixed.count) |"
        }
        return out + "\n" + rule + "\n" + row + "\n"
    }

    private func findings() -> String {
        let open = TextReport.ordered(report.findings).filter { !$0.isWaived }
        var out = "### Findings\n\n"
        guard !open.isEmpty else { return out + "No unwaived findings.\n" }
        let withBaseline = report.baseline != nil
        out += "| Rule | Severity | Subject | Location | Message | Evidence |" + (withBaseline ? " Baseline |" : "") + "\n"
        out += "|---|---|---|---|---|---|" + (withBaseline ? "---|" : "") + "\n"
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        for finding in open.prefix(Self.maxRows) {
            let location = finding.location.map { Self.code("\(paths.display($0.file)):\($0.line)") } ?? ""
            var evidence = [ReportWording.evidence(finding.evidence)].compactMap { $0 }
            evidence += finding.evidence.parameters.map(\.text)
            var message = wording.text(finding.message)
            if let note = finding.regimeNote { message += " (\(wording.text(note)))" }
            if let waiver = finding.waiver { message += " — " + ReportWording.waiver(waiver) }
            var cells = [
                Self.code(finding.rule), finding.severity.rawValue,
                "\(Self.cell(finding.subject.kind)) \(Self.code(finding.subject.id))"
                    + (finding.path.isEmpty ? "" : " \(Self.code(finding.path))"),
                location, Self.cell(message), evidence.map(Self.cell).joined(separator: "<br>"),
            ]
            if withBaseline { cells.append(wording.baselineState(of: finding) ?? "") }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if open.count > Self.maxRows {
            out += "\n\(open.count - Self.maxRows) more findings are not shown; see the SARIF or JSON report.\n"
        }
        return out
    }

    private func waivers() -> String {
        var out = "### Waivers\n\n"
        guard !report.waivers.isEmpty else { return out + "No waivers.\n" }
        out += "| Rule | Subject | Status | Approved by | Reference | Expires | Findings | Reason |\n"
        out += "|---|---|---|---|---|---|---:|---|\n"
        for record in report.waivers {
            let cells = [
                Self.code(record.rule), Self.code(record.subject), record.inForce ? "applied" : "**expired**",
                Self.cell(record.approvedBy), Self.cell(record.reference ?? ""), record.expires.description,
                String(record.matched), Self.cell(record.reason),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func baseline() -> String? {
        guard let baseline = report.baseline else { return nil }
        var out = "### Baseline\n\n"
        out += "\(baseline.newKeys.count) new, \(baseline.persistingKeys.count) persisting, \(baseline.fixed.count) fixed"
            + " (only new findings fail the check).\n"
        guard !baseline.fixed.isEmpty else { return out }
        out += "\n| Fixed rule | Subject | Path | File |\n|---|---|---|---|\n"
        for entry in baseline.fixed.prefix(Self.maxRows) {
            let cells = [Self.code(entry.rule), Self.code(entry.subject), Self.code(entry.path), Self.code(entry.file ?? "")]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func stamp() -> String {
        var out = "<details>\n<summary>Reproducibility stamp</summary>\n\n"
        out += "- Tool: \(Self.cell("\(report.toolName) \(report.toolVersion)"))\n"
        out += "- As of: \(report.asOf)\n"
        out += "- Language: \(report.language.rawValue)\n\n"
        out += "| Pack | Version | SHA-256 |\n|---|---|---|\n"
        for pack in report.packs {
            out += "| \(Self.code(pack.id)) | \(Self.cell(pack.version)) | \(Self.code(pack.sha256)) |\n"
        }
        if !report.inputs.isEmpty {
            out += "\n| Input | SHA-256 |\n|---|---|\n"
            for input in report.inputs {
                out += "| \(Self.code(input.path)) | \(Self.code(input.sha256)) |\n"
            }
        }
        out += "\n</details>\n"
        return out
    }
}
