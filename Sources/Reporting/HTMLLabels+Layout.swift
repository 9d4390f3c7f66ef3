import Compliance

/// Labels of the HTML report's cover (organisation, sign-off) and of its collapsed lists.
extension ReportLabels {
    /// A subject's detail as shown: an institution's type with its Chinese name in a zh report
    /// (`local-bank（地方法人银行）`), a product's lender id as it is.
    func detail(of subject: AuditReport.SubjectSummary) -> String {
        language == .zh && subject.kind == "Institution" ? ChineseNames.labelled(subject.detail, field: "type") : subject.detail
    }

    var organisation: String { language == .zh ? "机构名称" : "Organisation" }
    var signOff: String { language == .zh ? "签核" : "Sign-off" }
    var signOffCaption: String { language == .zh ? "编制与审批（打印后签字）" : "Preparation and approval (sign the printout)" }
    var role: String { language == .zh ? "职责" : "Role" }
    var preparedBy: String { language == .zh ? "编制人" : "Prepared by" }
    var signOffApprovedBy: String { language == .zh ? "审批人" : "Approved by" }
    var signature: String { language == .zh ? "签字" : "Signature" }
    var signedOn: String { language == .zh ? "日期" : "Date" }
    var checks: String { language == .zh ? "检查结果" : "Checks" }
    var outcomes: String { language == .zh ? "检查结果矩阵" : "Check outcomes" }

    /// `9,800 products without findings` — the summary line of a collapsed list.
    func withoutFindings(_ count: Int, kind: String) -> String {
        let number = ReportWording.grouped(count)
        switch (language, kind) {
        case (.zh, "Institution"): return "无审计发现的机构（\(number) 家）"
        case (.zh, _): return "无审计发现的贷款产品（\(number) 个）"
        case (_, "Institution"): return "\(number) institution\(count == 1 ? "" : "s") without findings"
        default: return "\(number) product\(count == 1 ? "" : "s") without findings"
        }
    }

    /// The summary line of a collapsed table: `Loan products (10,000)`.
    func listed(_ title: String, count: Int) -> String {
        language == .zh ? "\(title)（\(ReportWording.grouped(count))）" : "\(title) (\(ReportWording.grouped(count)))"
    }

    /// Why a matrix shows only some subjects.
    func matrixRowsDrawn(drawn: Int, total: Int) -> String {
        let shown = ReportWording.grouped(drawn)
        let all = ReportWording.grouped(total)
        return language == .zh
            ? "共 \(all) 个对象，仅绘出有发现、豁免或无法评估结果的 \(shown) 个；其余对象的检查结果见“审计范围”表格中的“检查结果”一列。"
            : "\(shown) of \(all) subjects drawn: those with a finding, a waiver or a check that cannot be evaluated; "
                + "the outcomes of the others are in the Checks column of the scope tables."
    }
}
