import Compliance
import Diagnostics

/// `--format html`: the compliance report for people — one self-contained page (inline CSS and SVG, no
/// scripts, no fonts or images from the network) that prints to A4 PDF.
///
/// Sections, with stable ids, so that the findings start on the first pages: `cover` (organisation,
/// as-of date, scope in numbers, verdict, sign-off block, contents), `summary` (counts by severity, pack
/// and institution; findings per rule as a bar chart), `findings` (a section per institution and per
/// product, every finding with evidence, citation, location and waiver), `ledger` (with a ledger audit:
/// totals per rule and per lender, the worst groups, the listed findings), `scope` (packs, every subject
/// with its checks, the product × rule and institution × rule matrices), `appendix` (every rule with its
/// citation, dates and parameters in force) and `stamp` (tool, as-of, packs and inputs with SHA-256,
/// waivers). Long lists are collapsed and large audits compact (`HTMLLayout`); no absolute path of the
/// machine is printed (`HTMLPaths`). Labels are in the report's language (`ReportLabels`); every text from
/// the inputs is escaped. See `docs/html-report.md`.
struct HTMLReport {
    let report: AuditReport
    let options: ReportOptions

    func render() -> String {
        let labels = ReportLabels(language: report.language)
        let digest = ReportDigest(report: report)
        let paths = HTMLPaths(options: options)
        let layout = HTMLLayout(digest: digest)
        let sections = HTMLSections(digest: digest, labels: labels, paths: paths)
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
        out += HTMLCover(digest: digest, labels: labels, attribution: options.attribution, paths: paths, outline: sections.outline).render()
        out += sections.summary()
        out += HTMLFindings(digest: digest, labels: labels, layout: layout, paths: paths).render()
        out += HTMLLedger(digest: digest, labels: labels, layout: layout, paths: paths).render()
        out += HTMLScope(digest: digest, labels: labels, layout: layout, paths: paths).render()
        out += sections.appendix()
        out += sections.stamp()
        out += "</main>\n</body>\n</html>\n"
        return out
    }
}
