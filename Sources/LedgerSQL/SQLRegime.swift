import Compliance
import LedgerAudit
import RuleLanguage

/// A Loan rule's regime as SQL over the loan's own day (DESIGN §4, §8.2): which loans it binds, and the
/// severity of a finding on a loan of that day — read off `LedgerRegime` itself at every date the rule
/// names, so the SQL and the stream engine cannot disagree on a transition.
enum SQLRegime {
    /// `day` is bound by the rule: on or after the day it binds new business, before `repealed`.
    static func binds(_ rule: Rule, day: String) -> String {
        var condition = "\(day) >= \(rule.bindsNewBusinessFrom.dayNumber)"
        if let repealed = rule.repealed { condition += " AND \(day) < \(repealed.dayNumber)" }
        return "(\(condition))"
    }

    /// The severity of a finding on a loan of `day` (text), escalated or not.
    static func severity(_ entry: LedgerRequest.RuleEntry, day: String, escalated: Bool, dialect: SQLDialect) -> String {
        let rule = entry.rule
        let dates = Set([rule.effective, rule.enforced, rule.repealed, rule.newBusinessFrom].compactMap { $0 }).sorted()
        func severity(onDayNumber number: Int) -> String {
            LedgerRegime.severity(rule: rule, packStatus: entry.pack.status, loanDay: CivilDate(dayNumber: number),
                                  escalated: escalated).severity.rawValue
        }
        guard let first = dates.first else { return dialect.string(severity(onDayNumber: 0)) }
        // (-∞, d1), [d1, d2), …, [dn, ∞): constant on each, since the regime compares the day with these dates.
        var branches: [(before: Int?, severity: String)] = [(first.dayNumber, severity(onDayNumber: first.dayNumber - 1))]
        for (index, date) in dates.enumerated() {
            let next = index + 1 < dates.count ? dates[index + 1].dayNumber : nil
            branches.append((next, severity(onDayNumber: date.dayNumber)))
        }
        // Merge neighbours with the same severity.
        var merged: [(before: Int?, severity: String)] = []
        for branch in branches {
            if let last = merged.last, last.severity == branch.severity {
                merged[merged.count - 1] = (branch.before, branch.severity)
            } else {
                merged.append(branch)
            }
        }
        guard merged.count > 1 else { return dialect.string(merged[0].severity) }
        var text = "CASE"
        for branch in merged.dropLast() {
            if let before = branch.before { text += " WHEN \(day) < \(before) THEN \(dialect.string(branch.severity))" }
        }
        return text + " ELSE \(dialect.string(merged[merged.count - 1].severity)) END"
    }
}
