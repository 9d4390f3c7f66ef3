import Diagnostics
import LoanDomain
import RuleLanguage

/// A waiver as loaded, and what it did in this audit.
public struct WaiverRecord: Sendable, Hashable {
    public let rule: String
    public let subject: String
    public let reason: String
    public let approvedBy: String
    public let reference: String?
    public let expires: CivilDate
    public let location: SourceLocation
    /// Valid on the as-of date (not expired).
    public let inForce: Bool
    /// How many findings it matched.
    public let matched: Int
}

/// Applies waivers (DESIGN §2) to the findings of an audit.
///
/// A waiver in force hides its findings, which stay listed as waived with approver, reference and expiry.
/// An expired waiver hides nothing, and its findings say it expired. A waiver for a rule that is not
/// loaded is an input error (fail closed). Info notices flag waivers about to expire and waivers that
/// match no finding.
public struct WaiverApplication: Sendable {
    public let asOf: CivilDate
    public let warnExpiringDays: Int
    public let rules: RuleSet

    public init(asOf: CivilDate, warnExpiringDays: Int, rules: RuleSet) {
        self.asOf = asOf
        self.warnExpiringDays = warnExpiringDays
        self.rules = rules
    }

    /// An error for each waiver that names a rule the loaded packs do not define (DESIGN §2: an input
    /// error). `audit` reports it when applying waivers, `validate` when loading.
    public static func unknownRules(_ waivers: [LoadedDocument], rules: RuleSet) -> [Diagnostic] {
        waivers.compactMap { waiver in
            guard case .string(let ruleId)? = waiver["rule"], rules.rule(ruleId) == nil else { return nil }
            return .error("waiver names unknown rule '\(ruleId)'", at: waiver.record.location(of: "rule") ?? waiver.location,
                          hint: Suggestions.hint(for: ruleId, in: rules.ruleIds) ?? "see `loancheck rules` for the rule ids")
        }
    }

    public func apply(
        to checks: inout [RuleCheck], waivers: [LoadedDocument]
    ) -> (notices: [Finding], records: [WaiverRecord], diagnostics: [Diagnostic]) {
        var notices: [Finding] = []
        var records: [WaiverRecord] = []
        var diagnostics: [Diagnostic] = []
        // The checks of each subject, found once: scanning every check for every waiver cost
        // waivers × checks (a hundred waivers over 10,000 products were 24 million comparisons).
        let checksBySubject = waivers.isEmpty ? [:] : RuleCheck.rangesBySubject(checks)
        for waiver in waivers {
            guard case .string(let ruleId)? = waiver["rule"], case .string(let subject)? = waiver["subject"],
                  case .date(let expires)? = waiver["expires"] else { continue }
            guard let (_, rule) = rules.rule(ruleId) else {
                diagnostics += Self.unknownRules([waiver], rules: rules)
                continue
            }
            let text = { (field: String) -> String? in
                if case .string(let value)? = waiver[field] { return value }
                return nil
            }
            let inForce = asOf <= expires
            let state = WaiverState(applied: inForce, approvedBy: text("approved_by") ?? "", reference: text("reference"),
                                    reason: text("reason") ?? "", expires: expires,
                                    location: waiver.record.location(of: "expires") ?? waiver.location)
            var matched = 0
            for checkIndex in (checksBySubject[subject] ?? []).joined() where checks[checkIndex].rule == ruleId {
                for findingIndex in checks[checkIndex].findings.indices where checks[checkIndex].findings[findingIndex].waiver == nil {
                    checks[checkIndex].findings[findingIndex].waiver = state
                    matched += 1
                }
            }
            records.append(WaiverRecord(rule: ruleId, subject: subject, reason: state.reason, approvedBy: state.approvedBy,
                                        reference: state.reference, expires: expires, location: waiver.location,
                                        inForce: inForce, matched: matched))
            let kind = checks.first { $0.subject.id == subject }?.subject.kind ?? "Waiver"
            let daysLeft = expires.dayNumber - asOf.dayNumber
            if inForce, matched > 0, daysLeft <= warnExpiringDays {
                notices.append(notice(rule: rule, subject: SubjectReference(kind: kind, id: subject), location: state.location,
                                      zh: "豁免将于 \(expires) 到期（剩余 \(daysLeft) 天）",
                                      en: "the waiver expires on \(expires) (in \(daysLeft) day\(daysLeft == 1 ? "" : "s"))"))
            } else if inForce, matched == 0 {
                notices.append(notice(rule: rule, subject: SubjectReference(kind: kind, id: subject), location: waiver.location,
                                      zh: "豁免未匹配任何发现（该规则在此对象上通过或不适用），可删除",
                                      en: "the waiver matches no finding (the rule passes or does not apply); it can be removed"))
            }
        }
        return (notices, records, diagnostics)
    }

    private func notice(rule: Rule, subject: SubjectReference, location: SourceLocation, zh: String, en: String) -> Finding {
        let pack = rules.rule(rule.id)?.pack
        return Finding(rule: rule.id, severity: .info, packId: pack?.id ?? "", packStatus: pack?.status ?? .inForce,
                       subject: subject, path: "", location: location, message: LocalizedText(zh: zh, en: en),
                       evidence: FindingEvidence(actual: "", required: "", detail: en, parameters: []),
                       citation: rule.citation, effective: rule.effective, regimeNote: nil, cannotEvaluate: false, waiver: nil)
    }
}
