import Compliance

/// Renders a diff (`loancheck diff`) in one of the audit's formats.
///
/// text, json, markdown and html show the three categories (appears, disappears, changes) with their
/// causes and the regime changes between the dates; sarif, junit and github are built for one audit and
/// carry the findings of the `to` audit that are new or worse (`AuditDiff.newOrWorse`), in the audit's
/// own layout.
public enum DiffRenderer {
    /// The diff as `format`, ending with a newline; deterministic like `ReportRenderer.render`.
    public static func render(_ diff: AuditDiff, format: ReportFormat, options: ReportOptions = ReportOptions()) -> String {
        switch format {
        case .text: DiffTextReport(diff: diff, useColor: options.useColor).render()
        case .json: DiffJSONReport(diff: diff).render()
        case .markdown: DiffMarkdownReport(diff: diff, options: options).render()
        case .html: DiffHTMLReport(diff: diff, options: options).render()
        case .sarif, .junit, .github: ReportRenderer.render(diff.to.keeping(diff.newOrWorse), format: format, options: options)
        }
    }
}
