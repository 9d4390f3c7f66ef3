import Compliance
import Diagnostics
import RuleLanguage

/// `loancheck calendar`: every regime date and parameter change of the loaded packs in a window, with
/// the rules each touches and, given documents, the subjects those rules apply to (text, json, markdown).
public struct CalendarReport: Sendable {
    public let toolName: String
    public let toolVersion: String
    public let first: CivilDate
    public let last: CivilDate
    public let packs: [RulePack]
    public let entries: [CalendarEntry]
    /// The number of documents given, or nil when none were.
    public let documents: Int?
    /// The language of the text and Markdown (`--lang`); JSON is the same in both.
    public let language: ReportLanguage

    public init(toolName: String, toolVersion: String, first: CivilDate, last: CivilDate, packs: [RulePack],
                entries: [CalendarEntry], documents: Int?, language: ReportLanguage = .en) {
        self.language = language
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.first = first
        self.last = last
        self.packs = packs
        self.entries = entries
        self.documents = documents
    }

    /// The formats `loancheck calendar --format` takes.
    public static let formats = ["text", "json", "markdown"]

    /// The calendar as `format` (one of `formats`), ending with a newline.
    public func render(_ format: String) -> String {
        switch format {
        case "json": json()
        case "markdown": markdown()
        default: text()
        }
    }

    /// `passes`, `fails`, `cannot evaluate`, `exempt (closed before it binds new business)`.
    private var zh: Bool { language == .zh }

    static func outcome(_ status: CheckStatus, zh: Bool = false) -> String {
        if zh {
            return switch status {
            case .passed: "通过"
            case .failed: "不通过"
            case .cannotEvaluate: "无法评估"
            case .exemptClosed: "豁免：在约束新业务之前已停售"
            case .notApplicable: "不适用"
            case .notInForce: "未生效"
            }
        }
        return switch status {
        case .passed: "passes"
        case .failed: "fails"
        case .cannotEvaluate: "cannot evaluate"
        case .exemptClosed: "exempt: closed before it binds new business"
        case .notApplicable: "not applicable"
        case .notInForce: "not in force"
        }
    }

    private var header: String {
        let days = last.dayNumber - first.dayNumber + 1
        if zh {
            return "\(toolName) \(toolVersion) — 监管日历 \(first) 至 \(last)（\(ReportWording.grouped(days)) 天）— \(packs.count) 个规则包"
                + (documents.map { "，\($0) 个文档" } ?? "")
        }
        return "\(toolName) \(toolVersion) — calendar \(first) through \(last) (\(ReportWording.count(days, "day"))) — "
            + ReportWording.count(packs.count, "pack") + (documents.map { ", " + ReportWording.count($0, "document") } ?? "")
    }

    /// The subjects of one rule of an entry, as a phrase: `LoanProduct xl-assisted (fails), …`.
    private static func subjects(_ rule: CalendarEntry.RuleSubjects, zh: Bool) -> String {
        if zh {
            if let dates = rule.notInForce {
                return "当日未生效（\(dates.effective) 生效\(dates.repealed.map { "，\($0) 废止" } ?? "")）"
            }
            if rule.checksLoans { return "检查借据表中的贷款（未列出）" }
            if rule.subjects.isEmpty { return "不适用于任何文档" }
            return rule.subjects.map { "\(ReportLabels(language: .zh).kind($0.subject.kind)) \($0.subject.id)（\(outcome($0.status, zh: true))）" }
                .joined(separator: "，")
        }
        if let dates = rule.notInForce {
            return "not in force that day (effective \(dates.effective)\(dates.repealed.map { ", repealed \($0)" } ?? ""))"
        }
        if rule.checksLoans { return "checks the loans of loan tapes (not listed)" }
        if rule.subjects.isEmpty { return "applies to none of the documents" }
        return rule.subjects.map { "\(ReportWording.subject($0.subject)) (\(outcome($0.status)))" }.joined(separator: ", ")
    }

    func text() -> String {
        var out = header + "\n"
        for entry in entries {
            out += "\n" + DisplayText.safe(DiffWording.dated(entry.event, zh: zh)) + "\n"
            for rule in entry.rules ?? [] {
                out += "  \(rule.rule)\(zh ? "：" : ": ")" + DisplayText.safe(Self.subjects(rule, zh: zh)) + "\n"
            }
        }
        let count = entries.count
        if zh { return out + "\n\(first) 至 \(last) 共 \(count) 项监管变化\n" }
        return out + "\n\(count) regime change\(count == 1 ? "" : "s") from \(first) through \(last)\n"
    }

    func json() -> String {
        JSONValue.object([
            ("formatVersion", .int(1)),
            ("tool", .object([("name", .string(toolName)), ("version", .string(toolVersion))])),
            ("from", .string(first.description)),
            ("through", .string(last.description)),
            ("packs", .array(packs.map { pack in
                .object([("id", .string(pack.id)), ("version", .string(pack.version)), ("sha256", .string(pack.sha256))])
            })),
            ("events", .array(entries.map { entry in
                guard case .object(var fields) = DiffJSONReport.event(entry.event) else { return .null }
                fields.append(("subjects", entry.rules.map { rules in
                    .array(rules.map { rule in
                        .object([
                            ("rule", .string(rule.rule)), ("checksLoans", .bool(rule.checksLoans)),
                            ("inForce", .bool(rule.notInForce == nil)),
                            ("subjects", .array(rule.subjects.map { outcome in
                                .object([("kind", .string(outcome.subject.kind)), ("id", .string(outcome.subject.id)),
                                         ("status", .string(outcome.status.rawValue))])
                            })),
                        ])
                    })
                } ?? .null))
                return .object(fields)
            })),
        ]).serialized(indent: 2, terminator: "\n")
    }

    func markdown() -> String {
        var out = "## \(MarkdownReport.cell(header))\n\n"
        guard !entries.isEmpty else { return out + (zh ? "\(first) 至 \(last) 没有监管变化。\n" : "No regime change from \(first) through \(last).\n") }
        let withSubjects = documents != nil
        out += MarkdownReport.header((zh ? ["日期", "变化", "规则包"] : ["Date", "Change", "Pack"]) + (withSubjects ? [zh ? "对象" : "Subjects"] : []))
        for entry in entries {
            var cells = [entry.event.date.description, MarkdownReport.cell(DiffWording.event(entry.event, zh: zh)), MarkdownReport.code(entry.event.packId)]
            if withSubjects {
                cells.append((entry.rules ?? []).map { MarkdownReport.code($0.rule) + (zh ? "：" : ": ") + MarkdownReport.cell(Self.subjects($0, zh: zh)) }
                    .joined(separator: "<br>"))
            }
            out += MarkdownReport.row(cells)
        }
        return out
    }
}
