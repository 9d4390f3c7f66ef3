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

    public init(toolName: String, toolVersion: String, first: CivilDate, last: CivilDate, packs: [RulePack],
                entries: [CalendarEntry], documents: Int?) {
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
    static func outcome(_ status: CheckStatus) -> String {
        switch status {
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
        return "\(toolName) \(toolVersion) — calendar \(first) through \(last) (\(ReportWording.count(days, "day"))) — "
            + ReportWording.count(packs.count, "pack") + (documents.map { ", " + ReportWording.count($0, "document") } ?? "")
    }

    /// The subjects of one rule of an entry, as a phrase: `LoanProduct xl-assisted (fails), …`.
    private static func subjects(_ rule: CalendarEntry.RuleSubjects) -> String {
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
            out += "\n" + DisplayText.safe(DiffWording.dated(entry.event)) + "\n"
            for rule in entry.rules ?? [] {
                out += "  \(rule.rule): " + DisplayText.safe(Self.subjects(rule)) + "\n"
            }
        }
        let count = entries.count
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
        guard !entries.isEmpty else { return out + "No regime change from \(first) through \(last).\n" }
        let withSubjects = documents != nil
        out += MarkdownReport.header(["Date", "Change", "Pack"] + (withSubjects ? ["Subjects"] : []))
        for entry in entries {
            var cells = [entry.event.date.description, MarkdownReport.cell(DiffWording.event(entry.event)), MarkdownReport.code(entry.event.packId)]
            if withSubjects {
                cells.append((entry.rules ?? []).map { MarkdownReport.code($0.rule) + ": " + MarkdownReport.cell(Self.subjects($0)) }
                    .joined(separator: "<br>"))
            }
            out += MarkdownReport.row(cells)
        }
        return out
    }
}
