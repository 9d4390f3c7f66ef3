import Compliance
import Diagnostics

/// `--format html`: the compliance report for people — one self-contained page (inline CSS and SVG, no
/// scripts, no fonts or images from the network) that prints to A4 PDF.
///
/// Sections, with stable ids: `cover` (as-of date, scope, packs with version and status, verdict,
/// contents), `summary` (counts by severity, pack and institution; findings per rule as a bar chart; the
/// product × rule and institution × rule matrices of check outcomes), `findings` (a section per
/// institution and per product, every finding with evidence, citation, location and waiver), `ledger`
/// (with a ledger audit: totals per rule and per lender, the worst groups, the listed findings), `appendix`
/// (every rule with its citation, dates and parameters in force) and `stamp` (tool, as-of, packs and
/// inputs with SHA-256, waivers). Labels are in the report's language (`ReportLabels`); every text from
/// the inputs is escaped. See `docs/html-report.md`.
struct HTMLReport {
    let report: AuditReport

    func render() -> String {
        let labels = ReportLabels(language: report.language)
        let digest = ReportDigest(report: report)
        let sections = HTMLSections(digest: digest, labels: labels)
        var out = """
        <!DOCTYPE html>
        <html lang="\(labels.htmlLanguage)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(HTMLEscaping.attribute("\(report.toolName) \(report.toolVersion)"))">
        <title>\(HTMLEscaping.text(labels.documentTitle(tool: report.toolName, asOf: report.asOf)))</title>
        <style>
        \(HTMLStyle.css)</style>
        </head>
        <body>
        <main>

        """
        out += sections.cover()
        out += sections.summary()
        out += HTMLFindings(digest: digest, labels: labels).render()
        out += HTMLLedger(digest: digest, labels: labels).render()
        out += sections.appendix()
        out += sections.stamp()
        out += "</main>\n</body>\n</html>\n"
        return out
    }
}
