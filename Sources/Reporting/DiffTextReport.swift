import Compliance
import Diagnostics

/// `loancheck diff --format text`: the regime changes between the dates, then the findings that appear,
/// disappear and change, each rendered like the audit's text report with its `cause:` lines.
///
/// ```
/// loancheck 0.1.0 — diff 2025-09-30 → 2025-10-01 — 10 packs, 20 documents, 19 loans (engine stream)
///
/// regime changes after 2025-09-30 through 2025-10-01:
///   2025-10-01  CN-ASSIST-PLATFORM-LISTED, … take effect (cn-bank-assisted-lending-2025, 金规〔2025〕9号)
///
/// appear on 2025-10-01: 1
///
/// Examples/products/xl-assisted.yaml:31:17: error[CN-ASSIST-PLATFORM-FEES]: …
///   …
///   cause: CN-ASSIST-PLATFORM-FEES takes effect 2025-10-01 (cn-bank-assisted-lending-2025, 金规〔2025〕9号)
///
/// 1 appears, 0 disappear, 0 change; new or worse on 2025-10-01: 1 error, 0 warnings, 0 info
/// ```
struct DiffTextReport {
    let diff: AuditDiff
    let useColor: Bool

    func render() -> String {
        let zh = diff.isChinese
        var out = DiffWording.header(diff) + "\n"
        for line in diff.to.ruleChanges.lines { out += (zh ? "本次运行更改的规则：" : "rules changed for this run: ") + DisplayText.safe(line) + "\n" }
        out += zh ? "\n\(diff.from.asOf) 之后至 \(diff.to.asOf) 的监管变化：" : "\nregime changes after \(diff.from.asOf) through \(diff.to.asOf):"
        out += diff.timeline.isEmpty ? (zh ? "无\n" : " none\n")
            : "\n" + diff.timeline.map { "  " + DisplayText.safe(DiffWording.dated($0, zh: zh)) + "\n" }.joined()
        let before = TextReport(report: diff.from, useColor: useColor)
        let after = TextReport(report: diff.to, useColor: useColor)
        for kind in FindingChange.Change.allCases {
            let changes = diff.changes(kind)
            out += "\n\(DiffWording.heading(kind, diff))\(zh ? "：" : ": ")\(changes.count)\n"
            for change in changes {
                let text = kind == .disappeared ? before.render(change.finding) : after.render(change.finding)
                out += "\n" + text
                for line in DiffWording.changeLines(change, zh: zh) { out += "  \(DisplayText.safe(line))\n" }
                for cause in change.causes { out += (zh ? "  原因：" : "  cause: ") + DisplayText.safe(DiffWording.cause(cause, zh: zh)) + "\n" }
            }
        }
        return out + "\n" + DiffWording.summary(diff) + "\n"
    }
}
