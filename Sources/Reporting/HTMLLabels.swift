import Compliance
import RuleLanguage

/// The labels of the reports for people (HTML, and the section headings of the Markdown report) in the
/// report's language: a zh report has zh labels, an en report en labels.
///
/// Content (messages, rule titles, regulation names) comes from the packs in the same language; ids,
/// paths, dates and amounts are shown as they are.
struct ReportLabels {
    let language: ReportLanguage

    private func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// `zh-CN` or `en`, for `<html lang>`.
    var htmlLanguage: String { pick("zh-CN", "en") }

    // MARK: - Document and sections

    var reportTitle: String { pick("合规审计报告", "Compliance report") }
    /// The document title: `loancheck 合规审计报告（截至 2025-11-22）`.
    func documentTitle(tool: String, asOf: CivilDate) -> String {
        pick("\(tool) 合规审计报告（截至 \(asOf)）", "\(tool) compliance report — as of \(asOf)")
    }
    var contents: String { pick("目录", "Contents") }
    var cover: String { pick("封面", "Cover") }
    var summary: String { pick("摘要", "Summary") }
    var findings: String { pick("审计发现", "Findings") }
    var appendix: String { pick("附录：检查的规则", "Appendix: rules checked") }
    var stamp: String { pick("可复现性信息", "Reproducibility stamp") }
    var scope: String { pick("审计范围", "Scope") }
    var packs: String { pick("规则包", "Rule packs") }
    var asOf: String { pick("审计基准日", "As of") }
    var tool: String { pick("工具", "Tool") }
    var languageLabel: String { pick("报告语言", "Language") }
    var result: String { pick("结论", "Result") }

    /// `8 家机构，11 个产品` / `8 institutions, 11 products`.
    func scopeLine(institutions: Int, products: Int) -> String {
        pick("\(institutions) 家机构，\(products) 个贷款产品",
             "\(institutions) institution\(institutions == 1 ? "" : "s"), \(products) loan product\(products == 1 ? "" : "s")")
    }

    /// `3 条规则包，共 24 条规则` / `3 rule packs, 24 rules`.
    func packsLine(packs: Int, rules: Int) -> String {
        pick("\(packs) 个规则包，共 \(rules) 条规则", "\(packs) rule pack\(packs == 1 ? "" : "s"), \(rules) rule\(rules == 1 ? "" : "s")")
    }

    // MARK: - Subjects

    var institutions: String { pick("机构", "Institutions") }
    var products: String { pick("贷款产品", "Loan products") }
    var id: String { pick("编号", "ID") }
    var name: String { pick("名称", "Name") }
    var type: String { pick("类型", "Type") }
    var lender: String { pick("放贷机构", "Lender") }
    var file: String { pick("文件", "File") }

    /// `贷款产品` / `Loan product` for a subject kind; other kinds as they are.
    func kind(_ kind: String) -> String {
        switch kind {
        case "LoanProduct": pick("贷款产品", "Loan product")
        case "Institution": pick("机构", "Institution")
        case "Waiver": pick("豁免", "Waiver")
        case "Loan": pick("借据", "Loan")
        case "LoanGroup": pick("借据分组", "Loan group")
        default: kind
        }
    }

    var otherProducts: String { pick("放贷机构不在审计范围内的产品", "Products whose lender is not in the audit") }
    var otherFindings: String { pick("其他发现", "Other findings") }
    var noSubjects: String { pick("未审计任何机构或产品。", "No institutions or products were audited.") }

    // MARK: - Packs

    var pack: String { pick("规则包", "Pack") }
    var version: String { pick("版本", "Version") }
    var status: String { pick("状态", "Status") }
    var instrument: String { pick("文号", "Instrument") }
    var rulesCount: String { pick("规则数", "Rules") }

    func packStatus(_ status: PackStatus) -> String {
        switch status {
        case .inForce: pick("现行有效", "in force")
        case .draft: pick("征求意见稿（未生效）", "draft, not in force")
        case .superseded: pick("已被取代", "superseded")
        }
    }

    // MARK: - Counts

    func severity(_ severity: FindingSeverity) -> String {
        switch severity {
        case .error: pick("错误", "error")
        case .warning: pick("警告", "warning")
        case .info: pick("提示", "info")
        }
    }

    /// Column headers of a count table: errors, warnings, info, waived, total.
    var countHeaders: [String] {
        [pick("错误", "Errors"), pick("警告", "Warnings"), pick("提示", "Info"), pick("无法评估", "Cannot evaluate"),
         pick("已豁免", "Waived"), pick("合计", "Total")]
    }
    var waived: String { pick("已豁免", "waived") }
    var bySeverity: String { pick("按严重程度统计的发现", "Findings by severity") }
    var byPack: String { pick("按法规（规则包）统计的发现", "Findings by regulation (rule pack)") }
    var byInstitution: String { pick("按机构统计的发现（含其产品）", "Findings by institution (with its products)") }
    var byOutcome: String { pick("检查结果（规则 × 对象）", "Check outcomes (rule × subject)") }
    var outcome: String { pick("结果", "Outcome") }
    var checksCount: String { pick("检查数", "Checks") }
    var allFindings: String { pick("全部发现", "All findings") }
    var perRule: String { pick("各规则的发现数", "Findings per rule") }
    var productMatrix: String { pick("产品 × 规则检查结果", "Outcome per product and rule") }
    var institutionMatrix: String { pick("机构 × 规则检查结果", "Outcome per institution and rule") }
    var legend: String { pick("图例", "Legend") }
    var noRulesChecked: String { pick("没有检查任何规则。", "No rules were checked.") }

    /// The verdict line of the cover: `1 项错误、0 项警告、0 项提示，1 项已豁免` / `1 error, 0 warnings, …`.
    func verdict(_ summary: AuditReport.Summary) -> String {
        if language == .zh {
            let (error, warning, info, waived) = (ReportWording.grouped(summary.error), ReportWording.grouped(summary.warning),
                                                  ReportWording.grouped(summary.info), ReportWording.grouped(summary.waived))
            return "\(error) 项错误、\(warning) 项警告、\(info) 项提示、\(ReportWording.grouped(summary.cannotEvaluate)) 项无法评估，\(waived) 项已豁免"
        }
        return ReportWording.summaryLine(summary)
    }

    // MARK: - Check outcomes

    func state(_ state: CheckCellState) -> String {
        switch state {
        case .failed: pick("不合规", "fail")
        case .warning: pick("警告（过渡期或草案）", "warning (transition or draft)")
        case .waived: pick("已豁免", "waived")
        case .cannotEvaluate: pick("无法评估", "cannot evaluate")
        case .passed: pick("通过", "pass")
        case .notApplicable: pick("不适用", "not applicable")
        case .notInForce: pick("未生效或已废止", "not in force")
        case .exemptClosed: pick("存量豁免（产品已关闭）", "exempt (product closed)")
        }
    }

    /// `检查：通过 5，不合规 1` / `Checks: 5 pass, 1 fail`.
    func checksLine(_ counts: [(CheckCellState, Int)]) -> String {
        let parts = counts.filter { $0.1 > 0 }.map { language == .zh ? "\(state($0.0)) \($0.1)" : "\($0.1) \(state($0.0))" }
        if parts.isEmpty { return pick("未检查任何规则。", "No rules checked.") }
        return pick("检查：", "Checks: ") + parts.joined(separator: pick("，", ", "))
    }

    // MARK: - Findings

    var noFindings: String { pick("无审计发现。", "No findings.") }
    var noUnwaivedFindings: String { pick("无未豁免的审计发现。", "No unwaived findings.") }
    var message: String { pick("内容", "Message") }

    /// `12 more findings are not shown; see the SARIF or JSON report.`
    func moreFindingsNotShown(_ count: Int) -> String {
        pick("另有 \(count) 项发现未列出，请查看 SARIF 或 JSON 报告。", "\(count) more findings are not shown; see the SARIF or JSON report.")
    }

    /// `5 more rows are not shown; see the HTML report.`
    func moreNotShown(_ count: Int) -> String {
        pick("另有 \(count) 行未列出，请查看 HTML 报告。", "\(count) more rows are not shown; see the HTML report.")
    }
    var location: String { pick("位置", "Location") }
    var field: String { pick("字段", "Field") }
    var evidence: String { pick("证据", "Evidence") }
    var actual: String { pick("实际值", "actual") }
    var required: String { pick("要求", "required") }
    var detail: String { pick("说明", "Detail") }
    var parameters: String { pick("参数", "Parameters") }
    var citation: String { pick("依据", "Citation") }
    var regime: String { pick("适用说明", "Regime") }
    var waiver: String { pick("豁免", "Waiver") }
    var baseline: String { pick("基线", "Baseline") }
    var cannotEvaluateNote: String { pick("无法评估（缺少数据），不视为通过", "cannot be evaluated (data missing); not a pass") }
    var draftNote: String { pick("草案，未生效", "draft, not in force") }
    var verified: String { pick("条款编号已核实", "article number verified") }
    var notVerified: String { pick("条款编号未核实", "article number not verified") }
    var also: String { pick("另见", "also") }
    var quoteSource: String { pick("原文出处", "quoted from") }
    var citationNote: String { pick("说明", "note") }

    /// `2020-07-17 生效` / `effective 2020-07-17`.
    func effective(_ date: CivilDate) -> String { pick("\(date) 生效", "effective \(date)") }

    /// `credit_line_cap = ¥200,000（自 2020-07-17 起，来源）` / `… (from 2020-07-17, source)`.
    func parameter(_ use: ParameterUse) -> String {
        if language == .zh {
            return "\(use.name) = \(use.value)（自 \(use.from) 起\(use.source.map { "，\($0)" } ?? "")）"
        }
        return use.text
    }

    /// The waiver of a finding, applied or expired, with the reason.
    func waiver(_ waiver: WaiverState) -> String {
        let reference = waiver.reference ?? ""
        let reason = waiver.reason.isEmpty ? "" : pick("；理由：\(waiver.reason)", "; reason: \(waiver.reason)")
        switch waiver.outcome {
        case .applied:
            return pick("已豁免：批准人 \(waiver.approvedBy)\(reference.isEmpty ? "" : "（\(reference)）")，有效期至 \(waiver.expires)",
                        "waived by \(waiver.approvedBy)\(reference.isEmpty ? "" : " (\(reference))") until \(waiver.expires)") + reason
        case .notApplicable:
            return pick("豁免（批准人 \(waiver.approvedBy)\(reference.isEmpty ? "" : "，\(reference)")，有效期至 \(waiver.expires)）不适用：豁免只涵盖批准时的违规，不涵盖无法评估的规则",
                        "the waiver (approved by \(waiver.approvedBy)\(reference.isEmpty ? "" : ", \(reference)"), until \(waiver.expires)) does not apply: "
                            + "it covers the violation it was approved for, not a rule that could not be evaluated")
        case .expired:
            break
        }
        return pick("豁免有效期至 \(waiver.expires)，已过期（批准人 \(waiver.approvedBy)\(reference.isEmpty ? "" : "，\(reference)")），不再生效",
                    "waiver expired after \(waiver.expires) (approved by \(waiver.approvedBy)\(reference.isEmpty ? "" : ", \(reference)")); it no longer applies")
            + reason
    }

    func baselineState(_ state: String) -> String {
        switch state {
        case "new": pick("新增", "new")
        case "worsened": pick("变差", "worsened")
        case "updated": pick("数值变化", "updated")
        case "persisting": pick("既有", "persisting")
        default: state
        }
    }

    /// `worsened (baseline ¥300,000, now ¥400,000)`: the state, with the accepted and the current value
    /// when the value changed.
    func baselineState(of finding: Finding, in baseline: BaselineComparison) -> String? {
        guard let state = baseline.state(of: finding) else { return nil }
        guard let accepted = baseline.acceptedActual(of: finding) else { return baselineState(state) }
        return baselineState(state) + pick("（基线 \(accepted)，现为 \(finding.evidence.actual)）",
                                           " (baseline \(accepted), now \(finding.evidence.actual))")
    }

    var baselineCounts: [String] {
        [pick("新增", "New"), pick("变差", "Worsened"), pick("数值变化", "Updated"), pick("既有", "Persisting"), pick("已修复", "Fixed")]
    }

    /// The counts of `baselineCounts`, in its order.
    static func baselineCounts(_ baseline: BaselineComparison) -> [Int] {
        [baseline.newKeys.count, baseline.worsenedKeys.count, baseline.updatedKeys.count, baseline.persistingKeys.count,
         baseline.fixed.count]
    }

    /// `1 new, 0 worsened, 0 updated, 1 persisting, 1 fixed (only new and worsened findings fail the check).`
    func baselineLine(_ baseline: BaselineComparison) -> String {
        let (new, persisting, fixed) = (baseline.newKeys.count, baseline.persistingKeys.count, baseline.fixed.count)
        let (worsened, updated) = (baseline.worsenedKeys.count, baseline.updatedKeys.count)
        let removed = baseline.removed.count
        return pick("新增 \(new)，变差 \(worsened)，数值变化 \(updated)，既有 \(persisting)，已修复 \(fixed)\(removed > 0 ? "，对象已移除 \(removed)" : "")（只有新增和变差的发现导致检查失败）。",
                    "\(new) new, \(worsened) worsened, \(updated) updated, \(persisting) persisting, \(fixed) fixed\(removed > 0 ? ", \(removed) removed with their documents" : "") (only new and worsened findings fail the check).")
    }

    /// `2 (1 applied, 1 expired)`.
    func waiversLine(_ records: [WaiverRecord]) -> String {
        let applied = records.filter { $0.status == .applied }.count
        let expired = records.filter { $0.status == .expired }.count
        let superseded = records.count - applied - expired
        guard superseded > 0 else {
            return pick("\(records.count) 项（有效 \(applied)，已过期 \(expired)）", "\(records.count) (\(applied) applied, \(expired) expired)")
        }
        return pick("\(records.count) 项（有效 \(applied)，已过期 \(expired)，被取代 \(superseded)）",
                    "\(records.count) (\(applied) applied, \(expired) expired, \(superseded) superseded)")
    }

    // MARK: - Ledger

    var ledger: String { pick("借据审计", "Ledger audit") }
    var engine: String { pick("引擎", "Engine") }
    var loans: String { pick("借据数", "Loans") }
    var fundings: String { pick("出资记录", "Fundings") }
    var listedPerRule: String { pick("每条规则最多列出", "Listed per rule, at most") }
    var ledgerRules: String { pick("借据规则（全量统计）", "Ledger rules (true totals over the tape)") }
    var checked: String { pick("检查数", "Checked") }
    var cannotEvaluate: String { pick("无法评估", "Cannot evaluate") }
    var listedOfTotal: String { pick("列出 / 合计", "Listed / total") }
    var listedPerLender: String { pick("按放贷机构统计的已列出发现", "Listed findings per lender") }
    var lenderNotKnown: String { pick("放贷机构未知", "Lender not known") }
    var worstGroups: String { pick("相对上限最严重的分组", "Worst groups against their bound") }
    var bound: String { pick("上限", "bound") }
    var listedFindings: String { pick("已列出的发现", "Listed findings") }
    var groupKey: String { pick("分组键", "Key") }
    var largestLoans: String { pick("最大的借据", "Largest loans") }
    var loan: String { pick("借据", "Loan") }
    var product: String { pick("产品", "Product") }
    var borrower: String { pick("借款人", "Borrower") }
    var noLedgerFindings: String { pick("无借据审计发现。", "No ledger findings.") }
    /// Under the per-lender table: the engine counts per rule, not per lender.
    var perLenderNote: String {
        pick("仅统计报告中列出的发现；全量统计按规则给出（见上表）。", "Only the findings listed in the report; the true totals are per rule (above).")
    }
    /// Under the chart: what the ratio is and how it is rounded.
    var ratioNote: String {
        pick("实际值 ÷ 上限，向上取整到 0.01%；虚线为上限（100%）。借款人以短哈希显示。",
             "actual ÷ bound, rounded up to 0.01%; the dashed line is the bound (100%). Borrowers are shown as a short hash.")
    }

    /// `CN-X：共 52,311 项，列出 1,000 项（…）` / `CN-X: 1,000 of 52,311 failures listed (…)`.
    func capped(_ rule: LedgerRuleTotals, cap: Int) -> String {
        let listed = ReportWording.grouped(rule.listed)
        let total = ReportWording.grouped(rule.failures)
        return pick("\(rule.id)：共 \(total) 项不合规或无法评估，列出 \(listed) 项（--max-findings-per-rule \(cap)；--failures-out DIR 可输出全部）",
                    ReportWording.cappedLine(rule, cap: cap))
    }

    // MARK: - Rules (appendix)

    var rule: String { pick("规则", "Rule") }
    var subject: String { pick("对象", "Subject") }
    var dates: String { pick("日期", "Dates") }
    var requirement: String { pick("要求", "Requirement") }
    var appliesTo: String { pick("适用条件", "Applies to") }
    var severityHeader: String { pick("严重程度", "Severity") }
    var parametersAtAsOf: String { pick("参数（基准日取值）", "Parameters (value at the as-of date)") }
    var effectiveLabel: String { pick("生效", "effective") }
    var enforcedLabel: String { pick("过渡期结束", "enforced") }
    var repealedLabel: String { pick("废止", "repealed") }
    var newBusinessLabel: String { pick("新增业务执行", "new business from") }
    var none: String { pick("无", "none") }
    var rulesChanged: String { pick("本次运行更改的规则", "Rules changed for this run") }
    /// Column headers for the effective, enforced and repealed dates.
    var dateHeaders: [String] { [pick("生效", "Effective"), pick("过渡期结束", "Enforced"), pick("废止", "Repealed")] }

    /// The regime of a rule on the report's as-of date. A rule of a draft or superseded pack is never
    /// "in force", whatever its own dates say (its findings are capped at warning).
    func regime(of rule: AuditReport.RuleSummary, in report: AuditReport) -> String {
        let asOf = report.asOf
        let packStatus = report.packs.first(where: { $0.id == rule.packId })?.status
        guard rule.inForce else {
            if let repealed = rule.repealed, asOf >= repealed { return pick("已于 \(repealed) 废止", "repealed on \(repealed)") }
            return pick("尚未生效（\(rule.effective) 生效）", "not yet in force (effective \(rule.effective))")
        }
        if let packStatus, packStatus != .inForce { return self.packStatus(packStatus) }
        if let enforced = rule.enforced, asOf < enforced { return pick("过渡期至 \(enforced)", "transition until \(enforced)") }
        return pick("现行有效", "in force")
    }

    // MARK: - Stamp

    var sha256: String { "SHA-256" }
    var inputs: String { pick("输入文件", "Inputs") }
    var waivers: String { pick("豁免", "Waivers") }
    var approvedBy: String { pick("批准人", "Approved by") }
    var reference: String { pick("文号", "Reference") }
    var expires: String { pick("到期日", "Expires") }
    var matched: String { pick("匹配数", "Matched") }
    var reason: String { pick("理由", "Reason") }
    var noWaivers: String { pick("无豁免。", "No waivers.") }
    var noInputs: String { pick("无输入文件记录（报告在内存中生成）。", "No input files recorded (the report was built in memory).") }
    var fixedSinceBaseline: String { pick("自基线以来已修复", "Fixed since the baseline") }

    /// `applied`, `expired`, or `superseded by FILE:LINE` / `expired (renewed at FILE:LINE)`.
    func waiverStatus(_ record: WaiverRecord) -> String {
        let by = record.supersededBy.map(\.description)
        switch record.status {
        case .applied: return pick("有效", "applied")
        case .expired: return by.map { pick("已过期（已由 \($0) 续期）", "expired (renewed at \($0))") } ?? pick("已过期", "expired")
        case .superseded: return pick("被 \(by ?? "") 取代", "superseded by \(by ?? "")")
        }
    }
}
