import RuleLanguage

/// How a violation's actual value compares with the value a baseline accepted.
///
/// "Worse" follows the direction of the rule's bound, read from the evidence's `required`: under an
/// upper bound (`≤ ¥200,000`, `< 24%`) a larger value is worse, under a lower bound (`≥ 30%`) a smaller
/// one. Two values are compared only when both are one number with the same unit around it (`¥300,000`
/// and `¥400,000`, `25%` and `20%`, `18 months` and `24 months`), exactly (no binary floating point).
/// Any other change (a list of provinces, a bound that is not an inequality, units that differ) is
/// `changed`: reported, but not counted as worse.
enum BaselineValueChange: Equatable {
    case same
    case worse
    case changed

    init(accepted: String?, finding: Finding) {
        // An entry without a value (an older baseline, or "cannot evaluate") accepts any value.
        guard let accepted, !finding.cannotEvaluate, accepted != finding.evidence.actual else {
            self = .same
            return
        }
        guard let old = Self.quantity(accepted), let new = Self.quantity(finding.evidence.actual),
              old.unit == new.unit, let upper = Self.isUpperBound(finding.evidence.required) else {
            self = .changed
            return
        }
        if old.value == new.value {
            self = .same
        } else {
            self = (upper ? new.value > old.value : new.value < old.value) ? .worse : .changed
        }
    }

    /// true for `≤`/`<` bounds, false for `≥`/`>`, nil for anything else (`∈ [CN-GD]`, `present`).
    static func isUpperBound(_ required: String) -> Bool? {
        switch required.first(where: { $0 != " " }) {
        case "≤", "<": true
        case "≥", ">": false
        default: nil
        }
    }

    /// `¥300,000` → (300000, `¥|`): the one number in a displayed value and the text around it; nil when
    /// the text holds no number or more than one.
    static func quantity(_ text: String) -> (value: ExactNumber, unit: String)? {
        let scalars = Array(text.unicodeScalars)
        guard let start = scalars.firstIndex(where: { ("0"..."9").contains($0) }) else { return nil }
        var end = start
        while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "," || scalars[end] == "." { end += 1 }
        var prefix = String(String.UnicodeScalarView(scalars[..<start]))
        let negative = prefix.hasSuffix("-")
        if negative { prefix.removeLast() }
        let suffix = String(String.UnicodeScalarView(scalars[end...]))
        guard !suffix.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) else { return nil }
        let digits = String(String.UnicodeScalarView(scalars[start..<end].filter { $0 != "," }))
        guard let value = ExactNumber.parse((negative ? "-" : "") + digits) else { return nil }
        return (value, prefix + "|" + suffix)
    }
}
