import Compliance
import Diagnostics

/// `--format github`: GitHub Actions workflow commands that annotate the offending lines of a pull request.
///
/// One line per unwaived finding —
/// `::error file=products/a.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::message%0Aevidence: …` —
/// (`warning` → `::warning`, `info` → `::notice`), then one summary line that is not a command.
/// Waived findings are not annotated (they are counted in the summary). Texts from the inputs go through
/// `DisplayText` before GitHub's own escaping: a line break would be encoded as `%0A` anyway, but an ESC
/// sequence or a bidi override would reach the log and the annotation as it is.
///
/// A ledger finding annotates its tape row (the CSV file and line). A ledger rule lists up to
/// `--max-findings-per-rule` (1000) failures, and GitHub shows at most 10 annotations of each level per
/// step: at most `maxLedgerAnnotationsPerRule` of a rule's unwaived findings are annotated (in file and
/// line order), and a plain line (not a command) before the summary counts the rest.
struct GitHubAnnotations {
    /// GitHub shows at most 10 error and 10 warning annotations per step; more only fill the log.
    static let maxLedgerAnnotationsPerRule = 10

    let report: AuditReport
    let options: ReportOptions
    private let wording: ReportWording

    init(report: AuditReport, options: ReportOptions) {
        self.report = report
        self.options = options
        wording = ReportWording(report: report)
    }

    func render() -> String {
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        var out = ""
        var annotated: [String: Int] = [:]
        for finding in TextReport.ordered(report.findings) where !finding.isWaived {
            if finding.ledger != nil {
                guard annotated[finding.rule, default: 0] < Self.maxLedgerAnnotationsPerRule else { continue }
                annotated[finding.rule, default: 0] += 1
            }
            out += annotation(finding, paths: paths) + "\n"
        }
        for rule in LedgerRuleTotals.all(report) {
            let open = rule.counts.error + rule.counts.warning + rule.counts.info + rule.counts.cannotEvaluate
            let shown = annotated[rule.id] ?? 0
            guard open > shown else { continue }
            out += DisplayText.safe("\(rule.id): \(ReportWording.grouped(shown)) of \(ReportWording.grouped(open)) unwaived failures annotated; "
                + "the others are in the report (--failures-out DIR lists all)") + "\n"
        }
        out += DisplayText.safe("\(wording.headerLine): \(wording.summaryLine)" + (wording.baselineLine.map { "; \($0)" } ?? "")) + "\n"
        return out
    }

    private func annotation(_ finding: Finding, paths: ReportPaths) -> String {
        let command = switch finding.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        var properties: [(String, String)] = []
        if let location = finding.location {
            properties += [("file", DisplayText.safe(paths.display(location.file))), ("line", String(location.line)),
                           ("col", String(location.column))]
        }
        properties.append(("title", DisplayText.safe(finding.rule)))
        var message = wording.message(of: finding)
        if finding.location == nil { message = "\(wording.mask.subject(of: finding)): \(message)" }
        let lines = ([message] + wording.detailLines(finding)).map { DisplayText.safe($0) }
        let props = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command) \(props)::\(Self.escapeData(lines.joined(separator: "\n")))"
    }

    /// The message of a workflow command: `%`, CR and LF are percent-encoded (GitHub's `escapeData`).
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value of a workflow command: also `:` and `,` (GitHub's `escapeProperty`).
    static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
