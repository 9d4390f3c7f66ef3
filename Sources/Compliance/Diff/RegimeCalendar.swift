import LoanDomain
import RuleLanguage

/// Every regime date and parameter change of the loaded packs, in a window of days.
///
/// The dates come from the packs only: a rule's `effective`, `enforced`, `new_business_from` and
/// `repealed`, and each entry of a parameter's `history`. A pack's `status` has no date in the packs, so
/// a status change cannot be listed; dates in the inputs (a waiver's or an approval's `expires`, a
/// cooperation list entry) are not regime dates either.
public struct RegimeCalendar: Sendable {
    public let packs: [RulePack]

    public init(packs: [RulePack]) {
        self.packs = packs
    }

    /// The events dated `first` through `last` (both included), by date, then in pack order; on one
    /// day, the rules of one pack with the same kind of change are one event.
    public func events(from first: CivilDate, through last: CivilDate) -> [RegimeEvent] {
        guard first <= last else { return [] }
        var events: [(order: Int, event: RegimeEvent)] = []
        func add(_ date: CivilDate?, _ kind: RegimeEvent.Kind, _ pack: RulePack, _ rule: String) {
            guard let date, first <= date, date <= last else { return }
            if let index = events.firstIndex(where: { $0.event.date == date && $0.event.kind == kind && $0.event.packId == pack.id }) {
                let event = events[index].event
                events[index].event = RegimeEvent(date: date, kind: kind, packId: pack.id, instrument: pack.instrument,
                                                  packStatus: pack.status, rules: event.rules + [rule])
            } else {
                events.append((events.count, RegimeEvent(date: date, kind: kind, packId: pack.id, instrument: pack.instrument,
                                                         packStatus: pack.status, rules: [rule])))
            }
        }
        for pack in packs {
            for rule in pack.rules {
                add(rule.effective, .takesEffect, pack, rule.id)
                add(rule.enforced, .transitionEnds, pack, rule.id)
                // The same day as `effective` says nothing more: new business is bound from the start.
                if rule.newBusinessFrom != rule.effective { add(rule.newBusinessFrom, .bindsNewBusiness, pack, rule.id) }
                add(rule.repealed, .repealed, pack, rule.id)
            }
            for parameter in pack.parameters {
                let readers = pack.rules.filter { $0.parameters.contains(parameter.name) }.map(\.id)
                for (index, entry) in parameter.history.enumerated() where first <= entry.from && entry.from <= last {
                    let previous = index > 0 ? parameter.history[index - 1].value.displayText : nil
                    let kind = RegimeEvent.Kind.parameterChange(name: parameter.name, previous: previous,
                                                                value: entry.value.displayText, source: entry.source)
                    events.append((events.count, RegimeEvent(date: entry.from, kind: kind, packId: pack.id, instrument: pack.instrument,
                                                             packStatus: pack.status, rules: readers)))
                }
            }
        }
        return events.sorted { ($0.event.date, $0.order) < ($1.event.date, $1.order) }.map(\.event)
    }

    /// The events dated `first` through `last`, each with the subjects its rules are checked on when
    /// `documents` are given (see `CalendarEntry`).
    public func entries(from first: CivilDate, through last: CivilDate, documents: DocumentSet?) -> [CalendarEntry] {
        events(from: first, through: last).map { event in
            CalendarEntry(event: event, rules: documents.map { subjects(of: event, in: $0) })
        }
    }

    /// The subjects each rule of `event` is checked on (the rule applies to them) on the event's
    /// `checkedOn` day, with the outcome there, in the event's rule order. Ledger rules check loans,
    /// not documents: they are listed without subjects.
    public func subjects(of event: RegimeEvent, in documents: DocumentSet) -> [CalendarEntry.RuleSubjects] {
        let checks = AuditEngine(packs: packs).checks(documents, asOf: event.checkedOn, onlyRules: Set(event.rules))
        let counted: Set<CheckStatus> = [.passed, .failed, .cannotEvaluate, .exemptClosed]
        var byRule: [String: [CalendarEntry.SubjectOutcome]] = [:]
        for check in checks where counted.contains(check.status) {
            byRule[check.rule, default: []].append(CalendarEntry.SubjectOutcome(subject: check.subject, status: check.status))
        }
        let rules = Dictionary(packs.flatMap { $0.rules.map { ($0.id, $0) } }, uniquingKeysWith: { first, _ in first })
        return event.rules.map { id in
            let rule = rules[id]
            let inForce = rule.map { Regime.isInForce($0, on: event.checkedOn) } ?? false
            return CalendarEntry.RuleSubjects(rule: id, checksLoans: rule?.subject.isLedger ?? false,
                                              notInForce: inForce ? nil : rule.map { ($0.effective, $0.repealed) },
                                              subjects: byRule[id] ?? [])
        }
    }
}
