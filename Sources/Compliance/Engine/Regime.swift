import RuleLanguage

/// Which rules apply on the as-of date, and how hard (DESIGN §4).
///
/// Before `effective` a rule does not apply; from `repealed` on it no longer does; before `enforced` a
/// violation is a warning ("transition until …"); a draft pack's findings are at most warnings ("draft,
/// not in force"); a product closed before the day a rule binds new business (`new_business_from`, else
/// `effective`) is not subject to it (its stock runs off).
public enum Regime {
    /// Whether the rule is in force on `date` (ignoring the subject).
    public static func isInForce(_ rule: Rule, on date: CivilDate) -> Bool {
        if date < rule.effective { return false }
        if let repealed = rule.repealed, date >= repealed { return false }
        return true
    }

    /// Whether a product closed on `closedOn` is exempt from `rule`: it made no loan on or after the
    /// day from which the rule binds new business (`closed_on` is the last day of new loans, so a
    /// product closed on that very day is subject to it).
    public static func isExemptClosedProduct(closedOn: CivilDate?, rule: Rule) -> Bool {
        guard let closedOn else { return false }
        return closedOn < rule.bindsNewBusinessFrom
    }

    /// The severity of a violation on `date`, and the note explaining a lowered one.
    public static func severity(
        _ base: FindingSeverity, rule: Rule, packStatus: PackStatus, on date: CivilDate
    ) -> (FindingSeverity, LocalizedText?) {
        var severity = base
        var notes: [LocalizedText] = []
        if let enforced = rule.enforced, date < enforced {
            severity = min(severity, .warning)
            notes.append(LocalizedText(zh: "过渡期至 \(enforced)", en: "transition until \(enforced)"))
        }
        if packStatus == .draft {
            severity = min(severity, .warning)
            notes.append(LocalizedText(zh: "征求意见稿，尚未施行", en: "draft, not in force"))
        }
        guard !notes.isEmpty else { return (severity, nil) }
        return (severity, LocalizedText(zh: notes.map(\.zh).joined(separator: "；"), en: notes.map(\.en).joined(separator: "; ")))
    }
}
