import Compliance
import Diagnostics

/// `loancheck diff --format markdown`: a pull-request comment — the dates and counts, the regime changes
/// between the dates, then one table per category (appears, disappears, changes) with each finding's
/// cause. Every cell is escaped; a table shows at most `MarkdownReport.maxRows` rows, the rest counted.
struct DiffMarkdownReport {
    let diff: AuditDiff
    let options: ReportOptions

    private static func cell(_ text: String) -> String { MarkdownReport.cell(text) }
    private static func code(_ text: String) -> String { MarkdownReport.code(text) }

    func render() -> String {
        var out = "## \(Self.cell("\(diff.to.toolName) diff: \(diff.from.asOf) → \(diff.to.asOf)"))\n\n"
        out += "- **From**: \(diff.from.asOf)\n- **To**: \(diff.to.asOf)\n"
        out += "- **Packs**: \(diff.to.packs.map { Self.code("\($0.id) \($0.version)") }.joined(separator: ", "))\n"
        for line in diff.to.ruleChanges.lines { out += "- **Rules changed for this run**: \(Self.cell(line))\n" }
        out += "- **Result**: \(Self.cell(DiffWording.summary(diff)))\n\n"
        out += "### Regime changes between the dates\n\n"
        if diff.timeline.isEmpty {
            out += "None: no rule date or parameter value falls after \(diff.from.asOf) and on or before \(diff.to.asOf).\n"
        } else {
            out += MarkdownReport.header(["Date", "Change", "Pack", "Rules"])
            for event in diff.timeline {
                out += MarkdownReport.row([event.date.description, Self.cell(DiffWording.event(event)),
                                           Self.code(event.packId), event.rules.map(Self.code).joined(separator: " ")])
            }
        }
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        let wordings = (before: ReportWording(report: diff.from), after: ReportWording(report: diff.to))
        for kind in FindingChange.Change.allCases {
            let changes = diff.changes(kind)
            out += "\n### \(Self.cell(DiffWording.title(kind, diff))): \(changes.count)\n\n"
            guard !changes.isEmpty else { out += "None.\n"; continue }
            out += MarkdownReport.header(["Rule", "Severity", "Subject", "Field", "Location", kind == .changed ? "Change" : "Evidence", "Cause"])
            for change in changes.prefix(MarkdownReport.maxRows) {
                let finding = change.finding
                let wording = kind == .disappeared ? wordings.before : wordings.after
                let location = finding.location.map { Self.code("\(paths.display($0.file)):\($0.line)") } ?? ""
                let detail = kind == .changed ? DiffWording.changeLines(change) : [ReportWording.evidence(finding.evidence)].compactMap { $0 }
                out += MarkdownReport.row([
                    Self.code(finding.rule), finding.severity.rawValue, Self.code(wording.mask.subject(of: finding)), Self.code(finding.path),
                    location, detail.map(Self.cell).joined(separator: "<br>"),
                    change.causes.map { Self.cell(DiffWording.cause($0)) }.joined(separator: "<br>"),
                ])
            }
            if changes.count > MarkdownReport.maxRows { out += "\n\(changes.count - MarkdownReport.maxRows) more not shown.\n" }
        }
        return out
    }
}
