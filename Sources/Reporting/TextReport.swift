import Compliance
import Diagnostics

/// `--format text`: compiler-style diagnostics for people, labels in the report's language (`--lang zh`:
/// `错误[CN-BANK-CREDIT-LINE]`, `对象：`, `证据：实际 ¥300,000（30万元），要求 ≤ ¥200,000（20万元）`).
///
/// ```
/// loancheck 0.1.0 — as of 2025-11-22 — 1 pack, 4 documents
///
/// products/weili.yaml:8:30: error[CN-BANK-CREDIT-LINE]: the credit line per borrower is ¥300,000; …
///   8 | credit_line: {min: 500, max: 30万}
///     |                              ^
///   subject: LoanProduct weili-consumer, credit_line.max
///   evidence: actual ¥300,000, required ≤ ¥200,000
///   …
///
/// 1 error, 0 warnings, 0 info, 0 waived
/// ```
///
/// A ledger audit adds the tape to the header (`…, 19 loans (engine stream)`), a group finding its
/// `key:` and `loans:` lines (borrower keys hashed, `BorrowerMask`), a loan finding its `loan:` line,
/// and a line per rule whose findings were capped before the summary.
///
/// Findings are grouped per file (files in path order, findings in line order); findings without a
/// location come last, headed by their subject. Every text taken from the inputs is shown through
/// `DisplayText`, so a line break or an ESC sequence in a name or a waiver reason cannot start a line
/// of its own (a forged `::error` workflow command) or move the cursor.
struct TextReport {
    let report: AuditReport
    let useColor: Bool
    private let wording: ReportWording

    init(report: AuditReport, useColor: Bool) {
        self.report = report
        self.useColor = useColor
        wording = ReportWording(report: report, chrome: report.language)
    }

    private var zh: Bool { report.language == .zh }

    func render() -> String {
        var out = wording.headerLine + "\n"
        for line in report.ruleChanges.lines { out += (zh ? "本次运行更改的规则：" : "rules changed for this run: ") + DisplayText.safe(line) + "\n" }
        for finding in Self.ordered(report.findings) {
            out += "\n" + render(finding)
        }
        if let baseline = report.baseline, !baseline.fixed.isEmpty {
            out += zh ? "\n自基线以来已修复：\n" : "\nfixed since the baseline:\n"
            for entry in baseline.fixed {
                out += "  " + DisplayText.safe("\(entry.rule) \(wording.mask.baselineSubject(entry.subject))\(entry.path.isEmpty ? "" : " \(entry.path)")"
                    + (entry.file.map { " (\($0))" } ?? "")) + "\n"
            }
        }
        if let baseline = report.baseline, !baseline.removed.isEmpty {
            out += zh ? "\n基线中涉及已不再审计的文档（已移除，并非已修复）：\n"
                : "\nin the baseline, about documents no longer audited (removed, not fixed):\n"
            for entry in baseline.removed {
                out += "  " + DisplayText.safe("\(entry.rule) \(wording.mask.baselineSubject(entry.subject))\(entry.path.isEmpty ? "" : " \(entry.path)")"
                    + (entry.file.map { " (\($0))" } ?? "")) + "\n"
            }
        }
        let capped = wording.cappedLines
        if !capped.isEmpty { out += "\n" + capped.map { DisplayText.safe($0) + "\n" }.joined() }
        out += "\n" + wording.summaryLine + (wording.baselineLine.map { (zh ? "；" : "; ") + $0 } ?? "") + "\n"
        return out
    }

    /// Findings with a location grouped per file in path order, by line and column inside a file; then
    /// findings without a location by subject. The sort is stable, so ties keep the report's order.
    static func ordered(_ findings: [Finding]) -> [Finding] {
        let located = findings.enumerated().filter { $0.element.location != nil }.sorted { lhs, rhs in
            guard let left = lhs.element.location, let right = rhs.element.location else { return lhs.offset < rhs.offset }
            if left != right { return left < right }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let unlocated = findings.enumerated().filter { $0.element.location == nil }.sorted { lhs, rhs in
            if lhs.element.subject != rhs.element.subject { return lhs.element.subject < rhs.element.subject }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return located + unlocated
    }

    func render(_ finding: Finding) -> String {
        let head = "\(severityWord(finding))[\(DisplayText.safe(finding.rule))]: \(DisplayText.safe(wording.message(of: finding)))"
        var out: String
        if let location = finding.location {
            out = "\(location): \(head)\n" + snippet(finding, at: location)
        } else {
            out = "\(DisplayText.safe(zh ? wording.chineseSubject(of: finding) : wording.mask.subject(of: finding))): \(head)\n"
        }
        for line in wording.detailLines(finding) {
            out += "  \(DisplayText.safe(line))\n"
        }
        return out
    }

    /// The quoted source line and caret. A tape row is quoted with its borrower cells masked (the caret
    /// moved with them), so the snippet does not show the borrower id the rest of the report hashes.
    private func snippet(_ finding: Finding, at location: SourceLocation) -> String {
        let borrowers = wording.mask.borrowers(of: finding)
        guard !borrowers.isEmpty, let line = report.sources.line(location.line, of: location.file) else {
            return DiagnosticRenderer(sources: report.sources, useColor: useColor).snippet(at: location)
        }
        let masked = BorrowerMask.maskedRow(line, column: location.column, borrowers: borrowers)
        var sources = SourceTexts()
        sources.add(file: location.file, line: location.line, text: masked.text)
        return DiagnosticRenderer(sources: sources, useColor: useColor)
            .snippet(at: SourceLocation(file: location.file, line: location.line, column: masked.column))
    }

    /// The severity, coloured when colour is on (not for waived findings, which do not count).
    private func severityWord(_ finding: Finding) -> String {
        let severity = finding.severity
        let word = zh ? ReportLabels(language: .zh).severity(severity) : severity.rawValue
        guard useColor, !finding.isWaived else { return word }
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .info: "36"
        }
        return "\u{1B}[1;\(code)m\(word)\u{1B}[0m"
    }
}
