import Diagnostics
import LoanDomain
import RuleLanguage

/// A waiver as loaded, and what it did in this audit.
public struct WaiverRecord: Sendable, Hashable {
    /// What a waiver did on the as-of date.
    public enum Status: String, Sendable, Hashable {
        /// In force, and the waiver that governs its rule and subject.
        case applied
        /// Past its `expires` day: it hides nothing.
        case expired
        /// In force, but another waiver in force for the same rule and subject lasts longer and governs.
        case superseded
    }

    public let rule: String
    public let subject: String
    public let reason: String
    public let approvedBy: String
    public let reference: String?
    public let expires: CivilDate
    public let location: SourceLocation
    public let status: Status
    /// Valid on the as-of date (not expired), whether or not it governs.
    public var inForce: Bool { status != .expired }
    /// How many findings it hid (applied), or would have hidden (expired, superseded).
    public let matched: Int
    /// The waiver that governs instead of this one (a renewed or longer waiver), when there is one.
    public let supersededBy: SourceLocation?
}

/// Applies waivers (DESIGN §2) to the findings of an audit.
///
/// Waivers are grouped by rule and subject, and one waiver governs each group whatever the order of the
/// files: the one in force on the as-of date that lasts longest (a renewal beats the waiver it renews),
/// else the one that expired last. A waiver in force hides the violations it was approved for, which
/// stay listed as waived with approver, reference and expiry; it never hides a finding that the rule
/// could not be evaluated (a missing value is not the violation that was approved: the finding stays an
/// error and says why the waiver did not apply). An expired waiver hides nothing, and its findings say it
/// expired. A waiver for a rule that is not loaded is an input error (fail closed). Info notices flag
/// waivers about to expire and waivers that match no finding; a warning flags a waiver that lasts so long
/// it is effectively permanent.
public struct WaiverApplication: Sendable {
    public let asOf: CivilDate
    public let warnExpiringDays: Int
    public let rules: RuleSet

    /// A waiver that lasts longer than this after the as-of date is flagged for review.
    public static let longestReasonableYears = 5

    public init(asOf: CivilDate, warnExpiringDays: Int, rules: RuleSet) {
        self.asOf = asOf
        self.warnExpiringDays = warnExpiringDays
        self.rules = rules
    }

    /// An error for each waiver that names a rule the loaded packs do not define (DESIGN §2: an input
    /// error). `audit` reports it when applying waivers, `validate` when loading.
    public static func unknownRules(_ waivers: [LoadedDocument], rules: RuleSet) -> [Diagnostic] {
        // A waiver of a rule switched off for this run (`--disable-rule`, `rules.only`) names a known
        // rule: it has nothing to waive in this run, and is kept for the runs that check the rule.
        let disabled = Set(rules.changes.disabledRules.map(\.id))
        return waivers.compactMap { waiver in
            guard case .string(let ruleId)? = waiver["rule"], rules.rule(ruleId) == nil, !disabled.contains(ruleId) else { return nil }
            return .error("waiver names unknown rule '\(ruleId)'", at: waiver.record.location(of: "rule") ?? waiver.location,
                          hint: Suggestions.hint(for: ruleId, in: rules.ruleIds) ?? "see `loancheck rules` for the rule ids")
        }
    }

    /// A waiver's subject must exist: a loaded document of the rule's subject kind, or for a ledger rule
    /// a loan or group of the tape (`ledgerSeen`: the keys seen per rule; nil when no tape was read).
    public static func unknownSubjects(
        _ waivers: [LoadedDocument], rules: RuleSet, documents: DocumentSet, ledgerSeen: [String: Set<String>]?
    ) -> [Diagnostic] {
        waivers.compactMap { document in
            guard let waiver = LoadedWaiver(document), let rule = rules.rule(waiver.rule)?.rule else { return nil }
            let location = document.record.location(of: "subject") ?? document.location
            if rule.subject.isLedger {
                guard let seen = ledgerSeen else {
                    return .error("waiver for ledger rule \(rule.id) names '\(waiver.subject)', but no LedgerSchema is loaded",
                                  at: location, hint: "audit the loan tape too (pass the directory of its LedgerSchema)")
                }
                guard seen[rule.id]?.contains(waiver.subject) == true else {
                    let what = rule.subject == .loan ? "loan" : "group"
                    return .error("waiver names \(what) '\(waiver.subject)', which the tape does not have for rule \(rule.id)",
                                  at: location,
                                  hint: rule.subject == .loan ? "write the loan_id exactly as in the loans table"
                                      : "write the group's key as reports show it: its parts joined by '/'")
                }
                return nil
            }
            if let subject = documents.document(id: waiver.subject), subject.kind == rule.subject.rawValue { return nil }
            let candidates = documents.documents(ofKind: rule.subject.rawValue).map(\.id)
            return .error("waiver names '\(waiver.subject)', which is not a loaded \(rule.subject.rawValue) (rule \(rule.id) checks them)",
                          at: location,
                          hint: Suggestions.hint(for: waiver.subject, in: candidates) ?? "load the document it waives, or fix the id")
        }
    }

    public func apply(
        to checks: inout RuleChecks, ledgerFindings: inout [Finding], waivers documents: [LoadedDocument],
        documentSet: DocumentSet, ledgerSeen: [String: Set<String>]?
    ) -> (notices: [Finding], records: [WaiverRecord], diagnostics: [Diagnostic]) {
        var diagnostics = Self.unknownRules(documents, rules: rules)
        if diagnostics.isEmpty {
            diagnostics = Self.unknownSubjects(documents, rules: rules, documents: documentSet, ledgerSeen: ledgerSeen)
        }
        let waivers = documents.compactMap(LoadedWaiver.init)
        guard diagnostics.isEmpty else { return ([], [], diagnostics) }
        var ledgerIndex: [String: [Int]] = [:]
        for (index, finding) in ledgerFindings.enumerated() {
            ledgerIndex[finding.rule + "\u{0}" + finding.subject.id, default: []].append(index)
        }
        // The checks of each subject, found once: scanning every check for every waiver cost
        // waivers × checks (a hundred waivers over 10,000 products were 24 million comparisons).
        let checksBySubject = waivers.isEmpty ? [:] : checks.rangesBySubject
        var groups: [String: [Int]] = [:]
        var groupOrder: [String] = []
        for (index, waiver) in waivers.enumerated() {
            let key = waiver.rule + "\u{0}" + waiver.subject
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(index)
        }
        var outcomes: [Int: (status: WaiverRecord.Status, matched: Int, supersededBy: SourceLocation?)] = [:]
        var notices: [Finding] = []
        for key in groupOrder {
            let members = groups[key] ?? []
            let governing = governingWaiver(members.map { waivers[$0] }).map { members[$0] }
            guard let governing else { continue }
            let waiver = waivers[governing]
            let state = waiver.state(asOf: asOf)
            var matched = 0
            for index in ledgerIndex[key] ?? [] {
                ledgerFindings[index].waiver = ledgerFindings[index].cannotEvaluate ? state.refused() : state
                matched += 1
            }
            for checkIndex in (checksBySubject[waiver.subject] ?? []).joined() where checks[checkIndex].rule == waiver.rule {
                for findingIndex in checks[checkIndex].findings.indices {
                    let finding = checks[checkIndex].findings[findingIndex]
                    // A waiver's own notices are added later; every finding here is the rule's.
                    checks[checkIndex].findings[findingIndex].waiver = finding.cannotEvaluate ? state.refused() : state
                    matched += 1
                }
            }
            for member in members {
                if member == governing {
                    outcomes[member] = (state.applied ? .applied : .expired, matched, nil)
                } else {
                    let other = waivers[member]
                    // "Renewed at" only names a waiver that holds: two expired ones supersede nothing.
                    outcomes[member] = (asOf <= other.expires ? .superseded : .expired, matched,
                                        state.applied ? waiver.location : nil)
                }
            }
            notices += self.notices(for: waiver, matched: matched, in: checks, bySubject: checksBySubject)
        }
        let records = waivers.indices.map { index in
            let waiver = waivers[index]
            let outcome = outcomes[index] ?? (.expired, 0, nil)
            return WaiverRecord(rule: waiver.rule, subject: waiver.subject, reason: waiver.reason, approvedBy: waiver.approvedBy,
                                reference: waiver.reference, expires: waiver.expires, location: waiver.location,
                                status: outcome.status, matched: outcome.matched, supersededBy: outcome.supersededBy)
        }
        return (notices, records, [])
    }

    /// The index of the waiver that governs a group of waivers for one rule and subject: in force on the
    /// as-of date and lasting longest, else the one that expired last; ties go to the first loaded.
    func governingWaiver(_ group: [LoadedWaiver]) -> Int? {
        group.indices.max { lhs, rhs in
            let (a, b) = (group[lhs], group[rhs])
            let (aInForce, bInForce) = (asOf <= a.expires, asOf <= b.expires)
            if aInForce != bInForce { return !aInForce }
            if a.expires != b.expires { return a.expires < b.expires }
            return lhs > rhs
        }
    }

    private func notices(
        for waiver: LoadedWaiver, matched: Int, in checks: RuleChecks, bySubject: [String: [Range<Int>]]
    ) -> [Finding] {
        guard let rule = rules.rule(waiver.rule)?.rule, asOf <= waiver.expires else { return [] }
        let kind = rule.subject.isLedger ? rule.subject.rawValue
            : bySubject[waiver.subject]?.first.map { checks[$0.lowerBound].subject.kind } ?? "Waiver"
        let subject = SubjectReference(kind: kind, id: waiver.subject)
        let daysLeft = waiver.expires.dayNumber - asOf.dayNumber
        var notices: [Finding] = []
        if matched > 0, daysLeft <= warnExpiringDays {
            notices.append(notice(rule: rule, subject: subject, location: waiver.expiresLocation, severity: .info,
                                  zh: "豁免将于 \(waiver.expires) 到期（剩余 \(daysLeft) 天）",
                                  en: "the waiver expires on \(waiver.expires) (in \(daysLeft) day\(daysLeft == 1 ? "" : "s"))"))
        } else if matched == 0 {
            notices.append(notice(rule: rule, subject: subject, location: waiver.location, severity: .info,
                                  zh: "豁免未匹配任何发现（该规则在此对象上通过或不适用），可删除",
                                  en: "the waiver matches no finding (the rule passes or does not apply); it can be removed"))
        }
        if waiver.expires > asOf.adding(months: 12 * Self.longestReasonableYears) {
            notices.append(notice(rule: rule, subject: subject, location: waiver.expiresLocation, severity: .warning,
                                  zh: "豁免有效期至 \(waiver.expires)，距评估日超过 \(Self.longestReasonableYears) 年，实为永久豁免，应复核并设定合理期限",
                                  en: "the waiver lasts until \(waiver.expires), more than \(Self.longestReasonableYears) years after the as-of date: "
                                      + "it is effectively permanent; review it and set a real expiry"))
        }
        return notices
    }

    private func notice(
        rule: Rule, subject: SubjectReference, location: SourceLocation, severity: FindingSeverity, zh: String, en: String
    ) -> Finding {
        let pack = rules.rule(rule.id)?.pack
        return Finding(rule: rule.id, severity: severity, packId: pack?.id ?? "", packStatus: pack?.status ?? .inForce,
                       subject: subject, path: "", location: location, message: LocalizedText(zh: zh, en: en),
                       evidence: FindingEvidence(actual: "", required: "", detail: en, parameters: []),
                       citation: rule.citation, effective: rule.effective, regimeNote: nil, cannotEvaluate: false, waiver: nil)
    }
}

/// The fields of a `kind: Waiver` document that waivers are applied by.
struct LoadedWaiver {
    let rule: String
    let subject: String
    let reason: String
    let approvedBy: String
    let reference: String?
    let expires: CivilDate
    let location: SourceLocation
    let expiresLocation: SourceLocation

    init?(_ document: LoadedDocument) {
        guard case .string(let rule)? = document["rule"], case .string(let subject)? = document["subject"],
              case .date(let expires)? = document["expires"] else { return nil }
        func text(_ field: String) -> String? {
            if case .string(let value)? = document[field] { return value }
            return nil
        }
        self.rule = rule
        self.subject = subject
        self.expires = expires
        reason = text("reason") ?? ""
        approvedBy = text("approved_by") ?? ""
        reference = text("reference")
        location = document.location
        expiresLocation = document.record.location(of: "expires") ?? document.location
    }

    /// How this waiver bears on the findings it matches on `asOf` (`expires` is inclusive).
    func state(asOf: CivilDate) -> WaiverState {
        WaiverState(outcome: asOf <= expires ? .applied : .expired, approvedBy: approvedBy, reference: reference,
                    reason: reason, expires: expires, location: expiresLocation)
    }
}
