import Compliance
import Diagnostics
import RuleLanguage

/// `DiffWording` in Chinese (`--lang zh`): the header, summary, category headings, regime events,
/// causes and change lines of `loancheck diff`. Rule ids, pack ids, instruments and values are kept.
extension DiffWording {
    /// `loancheck 0.1.0 — 对比 2025-09-30 → 2025-10-01 — 10 个规则包，20 个文档，19 笔借据（引擎 stream）`.
    static func chineseHeader(_ diff: AuditDiff) -> String {
        let report = diff.to
        return "\(report.toolName) \(report.toolVersion) — 对比 \(diff.from.asOf) → \(report.asOf) — "
            + "\(report.packs.count) 个规则包，\(report.subjects.count) 个文档"
            + (report.ledger.map { "，\(ReportWording.grouped($0.loans)) 笔借据（引擎 \($0.engine)）" } ?? "")
    }

    /// `出现 1 项，消失 0 项，变化 2 项；2025-10-01 新增或变差：1 项错误、0 项警告、0 项提示`.
    static func chineseSummary(_ diff: AuditDiff) -> String {
        let worse = diff.newOrWorse
        let counts = FindingSeverity.allCases.reversed().map { severity in
            "\(worse.filter { $0.severity == severity }.count) 项\(ReportLabels(language: .zh).severity(severity))"
        }
        return "出现 \(diff.changes(.appeared).count) 项，消失 \(diff.changes(.disappeared).count) 项，"
            + "变化 \(diff.changes(.changed).count) 项；\(diff.to.asOf) 新增或变差：" + counts.joined(separator: "、")
    }

    /// `2025-10-01 出现`, `2025-10-01 消失`, `2025-09-30 至 2025-10-01 之间变化`.
    static func chineseHeading(_ change: FindingChange.Change, _ diff: AuditDiff) -> String {
        switch change {
        case .appeared: "\(diff.to.asOf) 出现"
        case .disappeared: "\(diff.to.asOf) 消失"
        case .changed: "\(diff.from.asOf) 至 \(diff.to.asOf) 之间变化"
        }
    }

    /// `（cn-bank-assisted-lending-2025，金规〔2025〕9号）`, with `草案` for a draft pack.
    private static func chinesePack(_ event: RegimeEvent) -> String {
        "（\(event.packId)，\(event.instrument)\(event.packStatus == .draft ? "，草案" : "")）"
    }

    /// `CN-A, CN-B 生效（cn-…，金规〔2025〕9号）`, `cn-interest-rate-caps 的参数 lpr_1y：3.10% → 3.00%（LPR announcement），由 CN-X 读取`.
    static func chineseEvent(_ event: RegimeEvent) -> String {
        let rules = event.rules.joined(separator: ", ")
        switch event.kind {
        case .takesEffect: return "\(rules) 生效\(chinesePack(event))"
        case .transitionEnds: return "\(rules) 过渡期结束：自当日起执行\(chinesePack(event))"
        case .bindsNewBusiness: return "\(rules) 自当日起约束新业务（存量可自然到期）\(chinesePack(event))"
        case .repealed: return "\(rules) 自当日起废止\(chinesePack(event))"
        case .parameterChange(let name, let previous, let value, let source):
            return "\(event.packId) 的参数 \(name)：\(previous.map { "\($0) → " } ?? "")\(value)"
                + (source.map { "（\($0)）" } ?? "") + (event.rules.isEmpty ? "" : "，由 \(rules) 读取")
        }
    }

    /// `CN-ASSIST-PLATFORM-FEES 于 2025-10-01 生效（cn-bank-assisted-lending-2025，金规〔2025〕9号）`.
    static func chineseCause(_ cause: DiffCause) -> String {
        switch cause {
        case .regime(let rule, let event):
            switch event.kind {
            case .takesEffect: return "\(rule) 于 \(event.date) 生效\(chinesePack(event))"
            case .transitionEnds: return "\(rule) 过渡期结束：自 \(event.date) 起执行\(chinesePack(event))"
            case .bindsNewBusiness: return "\(rule) 自 \(event.date) 起约束新业务\(chinesePack(event))"
            case .repealed: return "\(rule) 自 \(event.date) 起废止\(chinesePack(event))"
            case .parameterChange(let name, let previous, let value, let source):
                return "参数 \(name) 于 \(event.date) 变化：\(previous ?? "无") → \(value)（\(event.packId)"
                    + (source.map { "，\($0)" } ?? "") + "）"
            }
        case .waiver(let waiver):
            return "取决于输入：" + ReportWording.waiver(waiver, language: .zh) + "（\(waiver.location)）"
        case .inputDependent(let rule):
            return "取决于输入：\(rule) 的日期和参数在两个日期之间都没有变化（由输入中的日期决定）"
        }
    }

    /// `严重级别：警告 → 错误`, `值：实际 …，要求 … → 实际 …，要求 …`, `现在无法评估`.
    static func chineseChangeLines(_ change: FindingChange) -> [String] {
        guard change.change == .changed, let before = change.before, let after = change.after else { return [] }
        let labels = ReportLabels(language: .zh)
        var lines: [String] = []
        if before.severity != after.severity { lines.append("严重级别：\(labels.severity(before.severity)) → \(labels.severity(after.severity))") }
        if change.valueChanged {
            let evidence = { (finding: Finding) in ReportWording.evidence(finding.evidence, language: .zh, path: finding.path) ?? "无" }
            lines.append("值：\(evidence(before)) → \(evidence(after))")
        }
        if before.cannotEvaluate != after.cannotEvaluate {
            lines.append(after.cannotEvaluate ? "现在无法评估" : "现在可以评估")
        }
        return lines
    }
}

extension AuditDiff {
    /// The diff is for a Chinese reader (`--lang zh`).
    var isChinese: Bool { to.language == .zh }
}
