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
        let zh = diff.isChinese
        var out = "## \(Self.cell("\(diff.to.toolName) \(zh ? "对比" : "diff:") \(diff.from.asOf) → \(diff.to.asOf)"))\n\n"
        out += zh ? "- **起始日**：\(diff.from.asOf)\n- **截止日**：\(diff.to.asOf)\n" : "- **From**: \(diff.from.asOf)\n- **To**: \(diff.to.asOf)\n"
        out += (zh ? "- **规则包**：" : "- **Packs**: ") + diff.to.packs.map { Self.code("\($0.id) \($0.version)") }.joined(separator: ", ") + "\n"
        for line in diff.to.ruleChanges.lines { out += (zh ? "- **本次运行更改的规则**：" : "- **Rules changed for this run**: ") + Self.cell(line) + "\n" }
        out += (zh ? "- **结果**：" : "- **Result**: ") + Self.cell(DiffWording.summary(diff)) + "\n\n"
        out += zh ? "### 两个日期之间的监管变化\n\n" : "### Regime changes between the dates\n\n"
        if diff.timeline.isEmpty {
            out += zh ? "无：没有规则日期或参数值落在 \(diff.from.asOf) 之后、\(diff.to.asOf) 当日或之前。\n"
                : "None: no rule date or parameter value falls after \(diff.from.asOf) and on or before \(diff.to.asOf).\n"
        } else {
            out += MarkdownReport.header(zh ? ["日期", "变化", "规则包", "规则"] : ["Date", "Change", "Pack", "Rules"])
            for event in diff.timeline {
                out += MarkdownReport.row([event.date.description, Self.cell(DiffWording.event(event, zh: zh)),
                                           Self.code(event.packId), event.rules.map(Self.code).joined(separator: " ")])
            }
        }
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        let wordings = (before: ReportWording(report: diff.from), after: ReportWording(report: diff.to))
        for kind in FindingChange.Change.allCases {
            let changes = diff.changes(kind)
            out += "\n### \(Self.cell(DiffWording.title(kind, diff)))\(zh ? "：" : ": ")\(changes.count)\n\n"
            guard !changes.isEmpty else { out += zh ? "无。\n" : "None.\n"; continue }
            out += MarkdownReport.header(zh ? ["规则", "严重级别", "对象", "字段", "位置", kind == .changed ? "变化" : "证据", "原因"]
                : ["Rule", "Severity", "Subject", "Field", "Location", kind == .changed ? "Change" : "Evidence", "Cause"])
            for change in changes.prefix(MarkdownReport.maxRows) {
                let finding = change.finding
                let wording = kind == .disappeared ? wordings.before : wordings.after
                let location = finding.location.map { Self.code("\(paths.display($0.file)):\($0.line)") } ?? ""
                let detail = kind == .changed ? DiffWording.changeLines(change, zh: zh)
                    : [ReportWording.evidence(finding.evidence, language: diff.to.language, path: finding.path)].compactMap { $0 }
                out += MarkdownReport.row([
                    Self.code(finding.rule), zh ? ReportLabels(language: .zh).severity(finding.severity) : finding.severity.rawValue, Self.code(zh ? wording.chineseSubject(of: finding) : wording.mask.subject(of: finding)), Self.code(finding.path),
                    location, detail.map(Self.cell).joined(separator: "<br>"),
                    change.causes.map { Self.cell(DiffWording.cause($0, zh: zh)) }.joined(separator: "<br>"),
                ])
            }
            if changes.count > MarkdownReport.maxRows {
                let more = changes.count - MarkdownReport.maxRows
                out += zh ? "\n另有 \(more) 项未显示。\n" : "\n\(more) more not shown.\n"
            }
        }
        return out
    }
}
