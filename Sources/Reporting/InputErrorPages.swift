import Compliance
import Diagnostics

/// The Markdown and HTML reports of a run that audited nothing (`InputErrorReport`): the title and the
/// cover facts (as-of date, the result: not audited), the **Input errors** section (rule, place, message
/// with notes and hints, and in HTML the quoted source line), and the reproducibility stamp. The
/// sections of an audit (summary, findings, appendix) are left out: there is nothing to count yet.
struct InputErrorPages {
    let report: AuditReport
    let options: ReportOptions

    private var labels: ReportLabels { ReportLabels(language: report.language) }

    // MARK: - Markdown

    func markdown() -> String {
        let cell = MarkdownReport.cell
        let code = MarkdownReport.code
        var out = "## \(cell(labels.documentTitle(tool: report.toolName, asOf: report.asOf)))\n\n"
        out += "- **\(cell(labels.asOf))**: \(report.asOf)\n"
        out += "- **\(cell(labels.result))**: \(cell(labels.inputVerdict(InputErrorReport.errorCount(report), files: report.inputs.count)))\n\n"
        out += "### \(cell(labels.inputErrors))\n\n"
        if report.inputErrors.isEmpty {
            out += cell(labels.noInputErrors) + "\n"
        } else {
            let paths = ReportPaths(sourceRoot: options.sourceRoot)
            out += MarkdownReport.header([labels.rule, labels.severityHeader, labels.location, labels.message])
            for diagnostic in report.inputErrors {
                let place = diagnostic.location.map { code("\(paths.display($0.file)):\($0.line):\($0.column)") } ?? ""
                out += MarkdownReport.row([code(InputErrorReport.rule(diagnostic)), cell(diagnostic.severity.rawValue), place,
                                           InputErrorReport.lines(diagnostic).map(cell).joined(separator: "<br>")])
            }
        }
        out += "\n### \(cell(labels.stamp))\n\n<details>\n<summary>\(cell(labels.stamp))</summary>\n\n"
        out += "- \(cell(labels.tool)): \(cell("\(report.toolName) \(report.toolVersion)"))\n"
        out += "- \(cell(labels.asOf)): \(report.asOf)\n"
        out += "- \(cell(labels.languageLabel)): \(report.language.rawValue)\n\n"
        if !report.packs.isEmpty {
            out += MarkdownReport.header([labels.pack, labels.version, labels.sha256])
            for pack in report.packs { out += MarkdownReport.row([code(pack.id), cell(pack.version), code(pack.sha256)]) }
            out += "\n"
        }
        if !report.inputs.isEmpty {
            out += MarkdownReport.header([labels.inputs, labels.sha256])
            for input in report.inputs { out += MarkdownReport.row([code(input.path), code(input.sha256)]) }
        }
        return out + "\n</details>\n"
    }

    // MARK: - HTML

    func html() -> String {
        let labels = self.labels
        let errors = InputErrorReport.errorCount(report)
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
        out += "<section id=\"cover\" class=\"cover\" aria-labelledby=\"cover-title\">\n"
        out += HTML.text("p", [("class", "kicker")], "\(report.toolName) \(report.toolVersion)") + "\n"
        out += HTML.text("h1", [("id", "cover-title")], labels.reportTitle) + "\n<dl class=\"facts\">\n"
        out += HTML.text("dt", [], labels.asOf)
            + HTML.element("dd", [("data-as-of", report.asOf.description)],
                           HTML.element("time", [("datetime", report.asOf.description)], HTMLEscaping.text(report.asOf.description))) + "\n"
        out += HTML.text("dt", [], labels.result)
            + HTML.element("dd", [("data-input-errors", String(errors))],
                           HTML.text("span", [("class", "verdict")], labels.inputVerdict(errors, files: report.inputs.count))) + "\n"
        out += "</dl>\n</section>\n"
        out += "<section id=\"input-errors\" aria-labelledby=\"input-errors-title\">\n"
            + HTML.text("h2", [("id", "input-errors-title")], labels.inputErrors) + "\n"
        if report.inputErrors.isEmpty {
            out += HTML.text("p", [], labels.noInputErrors) + "\n"
        } else {
            let paths = ReportPaths(sourceRoot: options.sourceRoot)
            out += HTML.table(caption: labels.inputVerdict(errors, files: report.inputs.count),
                              headers: [labels.rule, labels.location, labels.message],
                              rows: report.inputErrors.map { row($0, paths: paths) }, attributes: [("id", "input-errors-table")])
        }
        out += "</section>\n"
        out += HTMLSections(digest: ReportDigest(report: report), labels: labels, paths: HTMLPaths(options: options)).stamp()
        return out + "</main>\n</body>\n</html>\n"
    }

    private func row(_ diagnostic: Diagnostic, paths: ReportPaths) -> String {
        let rule = InputErrorReport.rule(diagnostic)
        var place = ""
        var quoted = ""
        if let location = diagnostic.location {
            place = HTML.code("\(paths.display(location.file)):\(location.line):\(location.column)")
            // The quoted line and caret, as on standard error.
            let snippet = DiagnosticRenderer(sources: report.sources, useColor: false).snippet(at: location)
            if !snippet.isEmpty { quoted = HTML.text("pre", [("class", "snippet")], snippet) }
        }
        let lines = InputErrorReport.lines(diagnostic)
        let message = HTML.text("strong", [], lines[0]) + lines.dropFirst().map { "<br>" + HTMLEscaping.text($0) }.joined()
        return "<tr" + HTML.attributes([("data-rule", rule), ("data-severity", diagnostic.severity.rawValue),
                                        ("data-location", diagnostic.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "")]) + ">"
            + HTML.element("th", [("scope", "row")], HTML.code(rule)) + HTML.element("td", [], place)
            + HTML.element("td", [], message + quoted) + "</tr>"
    }
}

extension ReportLabels {
    var inputErrors: String { language == .zh ? "输入错误" : "Input errors" }
    var noInputErrors: String { language == .zh ? "输入文件没有错误。" : "The input files have no errors." }

    /// `Not audited: 2 input errors` / `未审计：2 项输入错误`, or, with none, `3 input files, no errors`.
    func inputVerdict(_ errors: Int, files: Int) -> String {
        if errors == 0 {
            return language == .zh ? "\(files) 个输入文件，没有错误" : "\(ReportWording.count(files, "input file")), no errors"
        }
        return language == .zh ? "未审计：\(ReportWording.grouped(errors)) 项输入错误，须先修正"
            : "Not audited: \(ReportWording.count(errors, "input error")) to fix first"
    }
}
