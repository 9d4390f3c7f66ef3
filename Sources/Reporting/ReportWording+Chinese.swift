import Compliance

/// The Chinese chrome of `ReportWording` that is more than a label.
extension ReportWording {
    /// `贷款产品 weili-consumer`: the subject with its kind's Chinese name (borrower keys hashed).
    func chineseSubject(of finding: Finding) -> String {
        let shown = mask.subject(of: finding)
        let kind = finding.subject.kind
        guard shown.hasPrefix(kind + " ") else { return shown }
        return ReportLabels(language: .zh).kind(kind) + shown.dropFirst(kind.count)
    }

    /// `已由 合规部（苏金复〔2022〕15号）豁免，有效期至 2026-06-30：理由`, and the expired and not-applicable forms.
    static func chineseWaiver(_ waiver: WaiverState) -> String {
        let reason = waiver.reason.isEmpty ? "" : "：\(waiver.reason)"
        let reference = waiver.reference.map { "（\($0)）" } ?? ""
        switch waiver.outcome {
        case .applied:
            return "已由 \(waiver.approvedBy)\(reference) 豁免，有效期至 \(waiver.expires)\(reason)"
        case .expired:
            return "豁免已于 \(waiver.expires) 到期（批准人 \(waiver.approvedBy)\(waiver.reference.map { "，\($0)" } ?? "")）\(reason)"
        case .notApplicable:
            return "\(waiver.approvedBy)\(reference) 批准、有效期至 \(waiver.expires) 的豁免不适用：它只覆盖所批准的违规，不覆盖无法评估的规则"
        }
    }
}
