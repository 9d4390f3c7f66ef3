import Compliance
import Diagnostics

/// `--format html`: a minimal self-contained HTML page (no scripts, no external resources): title, as-of
/// date, summary counts and the findings table, every text escaped.
///
/// This is the placeholder for the full compliance report of a later issue (rules checked, evidence,
/// waivers, appendices); it is kept apart from the other formats so it can grow on its own.
struct HTMLReport {
    let report: AuditReport

    private var wording: ReportWording { ReportWording(report: report) }
    private static func escape(_ text: String) -> String { XMLEscaping.attribute(text) }

    func render() -> String {
        let title = "\(report.toolName) compliance report — as of \(report.asOf)"
        let summary = report.summary
        var out = """
        <!DOCTYPE html>
        <html lang="\(report.language == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #1f2328; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #d0d7de; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        .error { color: #cf222e; font-weight: bold; }
        .warning { color: #9a6700; font-weight: bold; }
        .info { color: #0969da; }
        .waived { color: #57606a; }
        </style>
        </head>
        <body>
        <h1>\(Self.escape(title))</h1>
        <p>\(Self.escape(wording.headerLine))</p>
        <h2>Summary</h2>
        <table>
        <tr><th>Errors</th><th>Warnings</th><th>Info</th><th>Waived</th></tr>
        <tr><td>\(summary.error)</td><td>\(summary.warning)</td><td>\(summary.info)</td><td>\(summary.waived)</td></tr>
        </table>
        <h2>Findings</h2>

        """
        if report.findings.isEmpty {
            out += "<p>No findings.</p>\n"
        } else {
            out += "<table>\n<tr><th>Rule</th><th>Severity</th><th>Subject</th><th>Location</th><th>Message</th>"
                + "<th>Evidence</th><th>Citation</th></tr>\n"
            for finding in TextReport.ordered(report.findings) {
                out += row(finding)
            }
            out += "</table>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private func row(_ finding: Finding) -> String {
        let severity = finding.isWaived
            ? "<span class=\"waived\">\(finding.severity.rawValue) (waived)</span>"
            : "<span class=\"\(finding.severity.rawValue)\">\(finding.severity.rawValue)</span>"
        var message = Self.escape(wording.text(finding.message))
        if let note = finding.regimeNote { message += "<br>" + Self.escape(wording.text(note)) }
        if let waiver = finding.waiver { message += "<br>" + Self.escape(ReportWording.waiver(waiver)) }
        let evidence = ([ReportWording.evidence(finding.evidence)].compactMap { $0 } + finding.evidence.parameters.map(\.text))
            .map(Self.escape).joined(separator: "<br>")
        let cells = [
            Self.escape(finding.rule), severity,
            Self.escape(ReportWording.subject(finding.subject) + (finding.path.isEmpty ? "" : " · \(finding.path)")),
            Self.escape(finding.location?.description ?? ""), message, evidence,
            Self.escape(wording.citation(finding.citation, effective: finding.effective)),
        ]
        return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
    }
}
