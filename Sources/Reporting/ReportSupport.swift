import Compliance
import Diagnostics
import FoundationEssentials
import RuleLanguage

/// Texts and values every format shares, so that the formats say the same thing in the same words.
///
/// The content — messages, rule titles, regulation names, regime notes — is in the report's language.
/// The chrome (labels such as `evidence:` or `waived by`) is in `chrome`: English for the formats tools
/// read (JSON, SARIF, JUnit, GitHub annotations), the report's language for the formats people read
/// (text, Markdown, HTML), where a zh report also shows amounts as Chinese readers write them
/// (`¥800,000,000（8亿元）`, `ChineseAmounts`).
struct ReportWording {
    let report: AuditReport
    /// Borrower keys as people see them (built once per report: renderers keep one wording).
    let mask: BorrowerMask
    let chrome: ReportLanguage

    init(report: AuditReport, chrome: ReportLanguage = .en) {
        self.report = report
        self.chrome = chrome
        mask = BorrowerMask(report: report)
    }

    /// An evidence value (`actual` or `required`) as people read it: in a zh chrome with its amount,
    /// province or enum code named.
    func evidenceValue(_ value: String, path: String) -> String {
        chrome == .zh ? readings(ChineseNames.annotateCode(value, path: path)) : value
    }

    /// In a zh chrome, `text` with its amounts read in 万 and 亿, its province codes named and its
    /// durations in Chinese (`¥800,000,000（8亿元）`, `CN-ZJ（浙江省）`, `18个月`).
    func readings(_ text: String) -> String {
        chrome == .zh ? ChineseNames.durations(ChineseNames.annotateProvinces(ChineseAmounts.annotate(text))) : text
    }

    var language: ReportLanguage { report.language }

    func text(_ localized: LocalizedText) -> String { localized.text(language) }

    /// `1 error`, `2 warnings`, `0 info`, `52,313 errors`.
    static func count(_ number: Int, _ noun: String) -> String {
        noun == "info" ? "\(grouped(number)) info" : "\(grouped(number)) \(noun)\(number == 1 ? "" : "s")"
    }

    /// `1 error, 0 warnings, 0 info, 2 cannot evaluate, 1 waived`: violations by severity, then the
    /// findings that could not be evaluated (counted apart), then the waived ones.
    var summaryLine: String {
        if chrome == .zh { return ReportLabels(language: .zh).verdict(report.summary) }
        return Self.summaryLine(report.summary)
    }

    /// The summary line of `summary` in English (see `summaryLine`).
    static func summaryLine(_ summary: AuditReport.Summary) -> String {
        [count(summary.error, "error"), count(summary.warning, "warning"), count(summary.info, "info"),
         "\(grouped(summary.cannotEvaluate)) cannot evaluate", "\(grouped(summary.waived)) waived"].joined(separator: ", ")
    }

    /// `baseline: 1 new, 0 worsened, 0 updated, 0 persisting, fixed: 2`, or nil without a baseline.
    var baselineLine: String? {
        guard let baseline = report.baseline else { return nil }
        if chrome == .zh {
            return "基线：新增 \(baseline.newKeys.count)，变差 \(baseline.worsenedKeys.count)，更新 \(baseline.updatedKeys.count)，"
                + "既有 \(baseline.persistingKeys.count)，已修复 \(baseline.fixed.count)"
                + (baseline.removed.isEmpty ? "" : "，已移除 \(baseline.removed.count)")
        }
        return "baseline: \(baseline.newKeys.count) new, \(baseline.worsenedKeys.count) worsened, \(baseline.updatedKeys.count) updated, "
            + "\(baseline.persistingKeys.count) persisting, fixed: \(baseline.fixed.count)"
            + (baseline.removed.isEmpty ? "" : ", removed: \(baseline.removed.count)")
    }

    /// `loancheck 1.0 — as of 2025-11-22 — 1 pack, 4 documents`, and with a ledger audit
    /// `…, 19 loans (engine stream)`.
    var headerLine: String {
        if chrome == .zh {
            return "\(report.toolName) \(report.toolVersion) — 基准日 \(report.asOf) — \(report.packs.count) 个规则包，\(report.subjects.count) 个文档"
                + (report.ledger.map { "，\(Self.grouped($0.loans)) 笔借据（引擎 \($0.engine)）" } ?? "")
        }
        return "\(report.toolName) \(report.toolVersion) — as of \(report.asOf) — \(Self.count(report.packs.count, "pack")), "
            + Self.count(report.subjects.count, "document")
            + (report.ledger.map { ", \(Self.count($0.loans, "loan")) (engine \($0.engine))" } ?? "")
    }

    /// `52,311`: a count with thousands separators (tapes have millions of rows).
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }

    /// `LoanProduct weili-consumer`.
    static func subject(_ subject: SubjectReference) -> String { "\(subject.kind) \(subject.id)" }

    /// The finding's message in the report's language, a quoted group key shown as people see it.
    func message(of finding: Finding) -> String { readings(mask.text(text(finding.message), of: finding)) }

    /// `actual ¥300,000, required ≤ ¥200,000`, or nil for a notice without evidence.
    /// In zh, amounts, provinces and the enum codes of the field at `path` are named
    /// (`实际 upfront-deduction（放款时预先扣除）`).
    static func evidence(_ evidence: FindingEvidence, language: ReportLanguage = .en, path: String = "") -> String? {
        if evidence.actual.isEmpty && evidence.required.isEmpty { return nil }
        if language == .zh {
            let actual = ChineseNames.annotateCode(evidence.actual, path: path)
            let required = ChineseNames.annotateCode(evidence.required, path: path)
            return ChineseNames.durations(ChineseNames.annotateProvinces(ChineseAmounts.annotate("实际 \(actual)，要求 \(required)")))
        }
        return "actual \(evidence.actual), required \(evidence.required)"
    }

    /// The evidence's explanation line, unless it only repeats the message (a quoted group key shown as
    /// people see it).
    func detail(of finding: Finding) -> String? {
        let detail = finding.evidence.detail
        if detail.isEmpty || detail == finding.message.en || detail == finding.message.zh { return nil }
        return readings(mask.text(detail, of: finding))
    }

    /// `<regulation> <article> (effective 2020-07-17) (article number not verified)`.
    func citation(_ citation: Citation, effective: CivilDate) -> String {
        if chrome == .zh {
            return "\(text(citation.regulation)) \(citation.article)（\(effective) 生效）" + (citation.verified ? "" : "（条款编号未核实）")
        }
        return "\(text(citation.regulation)) \(citation.article) (effective \(effective))"
            + (citation.verified ? "" : " (article number not verified)")
    }

    /// `waived by 合规部 (苏金复〔2022〕15号) until 2026-06-30: reason` or
    /// `waiver expired on 2026-06-30 (approved by 合规部, 苏金复〔2022〕15号): reason`.
    static func waiver(_ waiver: WaiverState, language: ReportLanguage = .en) -> String {
        if language == .zh { return chineseWaiver(waiver) }
        let reason = waiver.reason.isEmpty ? "" : ": \(waiver.reason)"
        switch waiver.outcome {
        case .applied:
            return "waived by \(waiver.approvedBy)\(waiver.reference.map { " (\($0))" } ?? "") until \(waiver.expires)\(reason)"
        case .expired:
            return "waiver expired after \(waiver.expires) (approved by \(waiver.approvedBy)\(waiver.reference.map { ", \($0)" } ?? ""))\(reason)"
        case .notApplicable:
            return "the waiver approved by \(waiver.approvedBy)\(waiver.reference.map { " (\($0))" } ?? "") until \(waiver.expires) "
                + "does not apply: it covers the violation it was approved for, not a rule that could not be evaluated"
        }
    }

    /// `new`, `worsened`, `updated` or `persisting` when a baseline is used and the finding is in its scope.
    func baselineState(of finding: Finding) -> String? {
        report.baseline?.state(of: finding)
    }

    /// The indented lines under a finding: subject, the ledger's key and loans, evidence, parameters,
    /// citation, regime, waiver, baseline.
    func detailLines(_ finding: Finding) -> [String] {
        let zh = chrome == .zh
        var lines: [String] = []
        let subject = zh ? chineseSubject(of: finding) : mask.subject(of: finding)
        if finding.location != nil {
            lines.append((zh ? "对象：" : "subject: ") + subject + (finding.path.isEmpty ? "" : (zh ? "，" : ", ") + finding.path))
        } else if !finding.path.isEmpty {
            lines.append((zh ? "字段：" : "path: ") + finding.path)
        }
        if !finding.products.isEmpty { lines.append((zh ? "涉及产品：" : "products: ") + finding.products.joined(separator: zh ? "，" : ", ")) }
        lines += ledgerLines(finding)
        if let evidence = Self.evidence(finding.evidence, language: chrome, path: finding.path) { lines.append((zh ? "证据：" : "evidence: ") + evidence) }
        if let detail = detail(of: finding) { lines.append((zh ? "说明：" : "detail: ") + detail) }
        for parameter in finding.evidence.parameters {
            lines.append(zh ? "参数：" + readings(ReportLabels(language: .zh).parameter(parameter)) : "parameter: \(parameter.text)")
        }
        lines.append((zh ? "依据：" : "citation: ") + citation(finding.citation, effective: finding.effective))
        if let note = finding.regimeNote { lines.append((zh ? "适用说明：" : "note: ") + text(note)) }
        if let waiver = finding.waiver { lines.append(Self.waiver(waiver, language: chrome)) }
        if let state = baselineState(of: finding) {
            let accepted = report.baseline?.acceptedActual(of: finding)
            lines.append(zh ? "基线：" + ReportLabels(language: .zh).baselineState(state)
                                + (accepted.map { "（基线 \($0)，现为 \(finding.evidence.actual)）" } ?? "")
                            : "baseline: \(state)" + (accepted.map { " (baseline \($0), now \(finding.evidence.actual))" } ?? ""))
        }
        return lines
    }

    /// A ledger finding's own lines: a group's `key:` (borrower parts hashed) and `loans:` with the
    /// largest contributors and their rows; a loan's `loan:` (product, lender, borrower hashed — what the
    /// tape gives).
    func ledgerLines(_ finding: Finding) -> [String] {
        guard let detail = finding.ledger else { return [] }
        let zh = chrome == .zh
        let comma = zh ? "，" : ", "
        var lines: [String] = []
        if !detail.key.isEmpty {
            lines.append((zh ? "分组键：" : "key: ") + detail.key.map { "\($0.name) \(BorrowerMask.shown($0))" }.joined(separator: comma))
        }
        if let count = detail.loanCount {
            var line = (zh ? "借据数：" : "loans: ") + Self.grouped(count)
            if !detail.largest.isEmpty {
                // A row's file named like every other path of the report (relative to the source root, where
                // the command runs), never the machine's absolute path of a file under it.
                let paths = ReportPaths(sourceRoot: nil)
                line += (zh ? "，最大：" : ", largest: ") + detail.largest.map { contributor in
                    readings("\(contributor.loanId) \(contributor.amount)")
                        + (contributor.location.map { " (\(paths.display($0.file)):\($0.line))" } ?? "")
                }.joined(separator: comma)
            }
            lines.append(line)
        }
        var loan: [String] = []
        if let product = detail.product { loan.append((zh ? "产品 " : "product ") + product) }
        if let lender = detail.lender { loan.append((zh ? "放贷机构 " : "lender ") + lender) }
        if let borrower = detail.borrower { loan.append((zh ? "借款人 " : "borrower ") + BorrowerMask.hash(borrower)) }
        if !loan.isEmpty { lines.append((zh ? "借据：" : "loan: ") + loan.joined(separator: comma)) }
        return lines
    }

    /// One line per ledger rule whose findings were capped:
    /// `CN-X: 1,000 of 52,311 failures listed (--max-findings-per-rule 1000; --failures-out DIR lists all)`.
    var cappedLines: [String] {
        guard let ledger = report.ledger else { return [] }
        return LedgerRuleTotals.all(report).filter { $0.unlisted > 0 }.map {
            Self.cappedLine($0, cap: ledger.maxFindingsPerRule, language: chrome)
        }
    }

    /// A capped rule's line (see `cappedLines`).
    static func cappedLine(_ rule: LedgerRuleTotals, cap: Int, language: ReportLanguage = .en) -> String {
        if language == .zh { return ReportLabels(language: .zh).capped(rule, cap: cap) }
        return "\(rule.id): \(grouped(rule.listed)) of \(grouped(rule.failures)) failures listed "
            + "(--max-findings-per-rule \(cap); --failures-out DIR lists all)"
    }

    /// The regime of a rule on the as-of date, in English (SARIF and JUnit are read by tools): the
    /// wording of `ReportLabels.regime`.
    func regime(of rule: AuditReport.RuleSummary) -> String {
        ReportLabels(language: .en).regime(of: rule, in: report)
    }

    /// The stable identity of a finding across edits that shift lines: rule + subject + field path, hashed.
    static func fingerprint(of finding: Finding) -> String {
        SHA256.hex(Baseline.key(of: finding))
    }
}

/// Turns the file names of findings into paths relative to the source root and into URIs (SARIF,
/// GitHub annotations).
///
/// Relative paths are taken as relative to the source root (the current directory by default) and kept;
/// absolute paths under the root are made relative; other absolute paths stay absolute.
struct ReportPaths {
    /// The absolute source root, without a trailing slash (except for `/`).
    let root: String

    init(sourceRoot: String?) {
        var root = sourceRoot ?? FileManager.default.currentDirectoryPath
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// The path relative to the root, normalised (no `./`, no `a/../`), or nil when it is outside the
    /// root. loancheck names its inputs from the source root already (the command runs from it); this
    /// keeps the renderers right for any `AuditReport`.
    func relative(_ file: String) -> String? {
        let tidy = LexicalPath.tidy(file)
        if !tidy.hasPrefix("/") { return tidy.hasPrefix("../") || tidy == ".." ? nil : tidy }
        return LexicalPath.relative(tidy, to: root).flatMap { $0 == "." ? nil : $0 }
    }

    /// The path as shown in annotations: relative to the root when under it, else absolute.
    func display(_ file: String) -> String { relative(file) ?? absolute(file) }

    /// A relative URI reference (with `%SRCROOT%` as its base) or an absolute `file://` URI.
    func uri(_ file: String) -> (uri: String, relative: Bool) {
        if let relative = relative(file) { return (Self.percentEncoded(relative), true) }
        return ("file://" + Self.percentEncoded(absolute(file)), false)
    }

    /// `file` made absolute against the root, normalised.
    private func absolute(_ file: String) -> String {
        LexicalPath.absolute(file, from: root)
    }

    /// The root as an absolute `file://` URI ending in `/` (SARIF `originalUriBaseIds`).
    var rootURI: String {
        "file://" + Self.percentEncoded(root == "/" ? "/" : root + "/")
    }

    /// RFC 3986 percent-encoding of a path: unreserved characters and `/` stay, every other byte of the
    /// file name is encoded (so Chinese file names give valid URIs, and a name that is not UTF-8 its own
    /// bytes: `p%FF.yaml`).
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in PathBytes.bytes(path) {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
