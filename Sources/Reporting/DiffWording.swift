import Compliance
import Diagnostics
import RuleLanguage

/// The words every diff and calendar format uses for regime changes, causes and changed findings, so
/// that the formats say the same thing; in Chinese with `--lang zh` (`DiffWording+Chinese`).
enum DiffWording {
    /// `loancheck 0.1.0 — diff 2025-09-30 → 2025-10-01 — 10 packs, 20 documents, 19 loans (engine stream)`.
    static func header(_ diff: AuditDiff) -> String {
        if diff.isChinese { return chineseHeader(diff) }
        let report = diff.to
        return "\(report.toolName) \(report.toolVersion) — diff \(diff.from.asOf) → \(report.asOf) — "
            + "\(ReportWording.count(report.packs.count, "pack")), " + ReportWording.count(report.subjects.count, "document")
            + (report.ledger.map { ", \(ReportWording.count($0.loans, "loan")) (engine \($0.engine))" } ?? "")
    }

    /// `1 appears, 0 disappear, 2 change; new or worse on 2025-10-01: 1 error, 0 warnings, 0 info`.
    static func summary(_ diff: AuditDiff) -> String {
        if diff.isChinese { return chineseSummary(diff) }
        let appeared = diff.changes(.appeared).count
        let disappeared = diff.changes(.disappeared).count
        let changed = diff.changes(.changed).count
        let worse = diff.newOrWorse
        let counts = FindingSeverity.allCases.reversed().map { severity in
            ReportWording.count(worse.filter { $0.severity == severity }.count, severity.rawValue)
        }
        return "\(appeared) appear\(appeared == 1 ? "s" : ""), \(disappeared) disappear\(disappeared == 1 ? "s" : ""), "
            + "\(changed) change\(changed == 1 ? "s" : ""); new or worse on \(diff.to.asOf): " + counts.joined(separator: ", ")
    }

    /// The heading of a category: `appear on 2025-10-01`, `disappear on 2025-10-01`,
    /// `change between 2025-09-30 and 2025-10-01` (a finding counts when it is not waived).
    static func heading(_ change: FindingChange.Change, _ diff: AuditDiff) -> String {
        if diff.isChinese { return chineseHeading(change, diff) }
        return switch change {
        case .appeared: "appear on \(diff.to.asOf)"
        case .disappeared: "disappear on \(diff.to.asOf)"
        case .changed: "change between \(diff.from.asOf) and \(diff.to.asOf)"
        }
    }

    /// A heading with a capital first letter, for the Markdown and HTML sections: `Appear on 2025-10-01`.
    static func title(_ change: FindingChange.Change, _ diff: AuditDiff) -> String {
        let heading = heading(change, diff)
        return heading.prefix(1).uppercased() + heading.dropFirst()
    }

    /// `CN-A, CN-B`.
    private static func list(_ rules: [String]) -> String { rules.joined(separator: ", ") }

    /// `(cn-bank-assisted-lending-2025, 金规〔2025〕9号)`, with `draft` for a draft pack.
    private static func pack(_ event: RegimeEvent) -> String {
        "(\(event.packId), \(event.instrument)\(event.packStatus == .draft ? ", draft" : ""))"
    }

    /// What changes on an event's day, without the date:
    /// `CN-A, CN-B take effect (cn-…, 金规〔2025〕9号)`,
    /// `parameter lpr_1y of cn-interest-rate-caps: 3.10% → 3.00% (LPR announcement), read by CN-X`.
    static func event(_ event: RegimeEvent, zh: Bool = false) -> String {
        if zh { return chineseEvent(event) }
        let plural = event.rules.count != 1
        switch event.kind {
        case .takesEffect:
            return "\(list(event.rules)) take\(plural ? "" : "s") effect \(pack(event))"
        case .transitionEnds:
            return "the transition ends for \(list(event.rules)): enforced from this day \(pack(event))"
        case .bindsNewBusiness:
            return "\(list(event.rules)) bind\(plural ? "" : "s") new business from this day (stock may run off) \(pack(event))"
        case .repealed:
            return "\(list(event.rules)) \(plural ? "are" : "is") repealed from this day \(pack(event))"
        case .parameterChange(let name, let previous, let value, let source):
            return "parameter \(name) of \(event.packId): \(previous.map { "\($0) → " } ?? "")\(value)"
                + (source.map { " (\($0))" } ?? "") + (event.rules.isEmpty ? "" : ", read by \(list(event.rules))")
        }
    }

    /// `2025-10-01  CN-A takes effect (…)`.
    static func dated(_ event: RegimeEvent, zh: Bool = false) -> String { "\(event.date)  \(self.event(event, zh: zh))" }

    /// Why a finding differs, as one line:
    /// `CN-ASSIST-PLATFORM-FEES takes effect 2025-10-01 (cn-bank-assisted-lending-2025, 金规〔2025〕9号)`.
    static func cause(_ cause: DiffCause, zh: Bool = false) -> String {
        if zh { return chineseCause(cause) }
        switch cause {
        case .regime(let rule, let event):
            switch event.kind {
            case .takesEffect: return "\(rule) takes effect \(event.date) \(pack(event))"
            case .transitionEnds: return "the transition of \(rule) ends: enforced from \(event.date) \(pack(event))"
            case .bindsNewBusiness: return "\(rule) binds new business from \(event.date) \(pack(event))"
            case .repealed: return "\(rule) is repealed from \(event.date) \(pack(event))"
            case .parameterChange(let name, let previous, let value, let source):
                return "parameter \(name) changes on \(event.date): \(previous ?? "none") → \(value) (\(event.packId)"
                    + (source.map { ", \($0)" } ?? "") + ")"
            }
        case .waiver(let waiver):
            return "input-dependent: " + ReportWording.waiver(waiver) + " (\(waiver.location))"
        case .inputDependent(let rule):
            return "input-dependent: no date or parameter of \(rule) changes between the dates (a date in the inputs decides)"
        }
    }

    /// The kind of a cause as a stable word (JSON, HTML attributes).
    static func causeKind(_ cause: DiffCause) -> String {
        switch cause {
        case .regime(_, let event): event.kind.name
        case .waiver: "waiver"
        case .inputDependent: "input-dependent"
        }
    }

    /// What changed in a finding that counts on both dates: `severity: warning → error`,
    /// `value: actual 12.5%, required ≤ 12.40% → actual 12.5%, required ≤ 12.00%`, `now cannot be evaluated`.
    static func changeLines(_ change: FindingChange, zh: Bool = false) -> [String] {
        if zh { return chineseChangeLines(change) }
        guard change.change == .changed, let before = change.before, let after = change.after else { return [] }
        var lines: [String] = []
        if before.severity != after.severity { lines.append("severity: \(before.severity.rawValue) → \(after.severity.rawValue)") }
        if change.valueChanged {
            lines.append("value: \(ReportWording.evidence(before.evidence) ?? "none") → \(ReportWording.evidence(after.evidence) ?? "none")")
        }
        if before.cannotEvaluate != after.cannotEvaluate {
            lines.append(after.cannotEvaluate ? "now cannot be evaluated" : "can now be evaluated")
        }
        return lines
    }
}
