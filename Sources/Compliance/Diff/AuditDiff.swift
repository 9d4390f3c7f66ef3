import RuleLanguage

/// Why a finding appears, disappears or changes between two dates.
public enum DiffCause: Sendable, Hashable {
    /// A change of the law the packs state, dated after `from` and on or before `to`.
    case regime(rule: String, event: RegimeEvent)
    /// A waiver that holds on one date and not on the other (its `expires`: a date in the inputs).
    case waiver(WaiverState)
    /// No regime change of the rule lies between the dates: a date in the inputs decides (an approval's
    /// or a list entry's `expires`, a data date), or the inputs read by the rule through `as_of`.
    case inputDependent(rule: String)
}

/// One finding that differs between the audit on `from` and the audit on `to`.
public struct FindingChange: Sendable {
    /// Which way it differs.
    public enum Change: String, Sendable, CaseIterable {
        /// Counts on `to`, not on `from` (absent or waived there).
        case appeared
        /// Counts on `from`, not on `to`.
        case disappeared
        /// Counts on both, with another severity, evidence value or "cannot evaluate" state.
        case changed
    }

    public let change: Change
    /// The finding on `from` (nil when it appeared from nothing).
    public let before: Finding?
    /// The finding on `to` (nil when it disappeared altogether).
    public let after: Finding?
    /// The finding as reported: the `to` one, or the `from` one for a finding that disappeared.
    public let finding: Finding
    public let causes: [DiffCause]

    /// Whether it is new or worse on `to`: it appeared, its severity rose, or it became "cannot evaluate".
    public var isNewOrWorse: Bool {
        switch change {
        case .appeared: return true
        case .disappeared: return false
        case .changed:
            guard let before, let after else { return false }
            return after.severity > before.severity || (after.cannotEvaluate && !before.cannotEvaluate)
        }
    }

    public var severityChanged: Bool { before != nil && after != nil && before?.severity != after?.severity }

    /// Whether the evidence's actual value or bound differs (e.g. a bound read from the LPR).
    public var valueChanged: Bool {
        guard let before, let after else { return false }
        return before.evidence.actual != after.evidence.actual || before.evidence.required != after.evidence.required
    }
}

/// The regulatory impact between two dates: the same inputs audited on `from` and on `to`, the findings
/// that appear, disappear or change, each with the regime change that causes it, and every regime
/// change between the dates (the timeline).
///
/// Findings are matched by rule + subject + field path (the baseline key); several findings with one
/// key are paired in report order. A finding "counts" when it is not waived.
public struct AuditDiff: Sendable {
    public let from: AuditReport
    public let to: AuditReport
    /// Appeared, then disappeared, then changed; each in report order.
    public let changes: [FindingChange]
    /// The regime changes dated after `from` and on or before `to`.
    public let timeline: [RegimeEvent]

    public init(from: AuditReport, to: AuditReport, packs: [RulePack]) {
        self.from = from
        self.to = to
        let timeline = RegimeCalendar(packs: packs).events(from: from.asOf.adding(days: 1), through: to.asOf)
        self.timeline = timeline
        let (later, earlier) = Self.paired(to.findings, from.findings)
        var appeared: [FindingChange] = []
        var changed: [FindingChange] = []
        for (finding, before) in later where !finding.isWaived {
            guard let before, !before.isWaived else {
                appeared.append(Self.change(.appeared, before: before, after: finding, shown: finding, timeline: timeline))
                continue
            }
            if Self.differs(before, finding) {
                changed.append(Self.change(.changed, before: before, after: finding, shown: finding, timeline: timeline))
            }
        }
        // Gone on `to`, or waived there.
        let disappeared = earlier.filter { finding, after in !finding.isWaived && (after?.isWaived ?? true) }.map { finding, after in
            Self.change(.disappeared, before: finding, after: after, shown: finding, timeline: timeline)
        }
        changes = appeared + disappeared + changed
    }

    /// The findings of `to` and of `from`, each with its counterpart on the other date: the same key
    /// (rule + subject + path) and, among several with one key (a waiver's notices), the same message
    /// first, then in report order.
    private static func paired(_ to: [Finding], _ from: [Finding]) -> (later: [(Finding, Finding?)], earlier: [(Finding, Finding?)]) {
        var open: [String: [Int]] = [:]
        for (index, finding) in from.enumerated() { open[Baseline.key(of: finding), default: []].append(index) }
        var match: [Int?] = Array(repeating: nil, count: to.count)
        for sameMessage in [true, false] {
            for (index, finding) in to.enumerated() where match[index] == nil {
                let key = Baseline.key(of: finding)
                guard let candidates = open[key],
                      let position = candidates.firstIndex(where: { !sameMessage || from[$0].message == finding.message }) else { continue }
                match[index] = candidates[position]
                open[key]?.remove(at: position)
            }
        }
        var counterpart: [Int: Int] = [:]
        for (index, matched) in match.enumerated() { if let matched { counterpart[matched] = index } }
        return (to.indices.map { (to[$0], match[$0].map { from[$0] }) },
                from.indices.map { (from[$0], counterpart[$0].map { to[$0] }) })
    }

    private static func differs(_ before: Finding, _ after: Finding) -> Bool {
        before.severity != after.severity || before.cannotEvaluate != after.cannotEvaluate
            || before.evidence.actual != after.evidence.actual || before.evidence.required != after.evidence.required
    }

    private static func change(
        _ change: FindingChange.Change, before: Finding?, after: Finding?, shown: Finding, timeline: [RegimeEvent]
    ) -> FindingChange {
        FindingChange(change: change, before: before, after: after, finding: shown,
                      causes: causes(change, before: before, after: after, timeline: timeline))
    }

    /// The causes of a change: a waiver that holds on one date only; else the regime changes of the
    /// finding's rule that can have this effect; else "input-dependent".
    static func causes(_ change: FindingChange.Change, before: Finding?, after: Finding?, timeline: [RegimeEvent]) -> [DiffCause] {
        if change != .changed {
            // The waiver as it stands on `to`: expired for a finding that appears, applied for one that disappears.
            if before?.isWaived == true || after?.isWaived == true, let waiver = after?.waiver ?? before?.waiver {
                return [.waiver(waiver)]
            }
        }
        guard let rule = (after ?? before)?.rule else { return [] }
        let events = timeline.filter { $0.rules.contains(rule) }.filter { event in
            switch (change, event.kind) {
            case (_, .parameterChange): true
            case (.appeared, .takesEffect), (.disappeared, .repealed): true
            case (.changed, .transitionEnds): (before?.severity ?? .info) != (after?.severity ?? .info)
            default: false
            }
        }
        // A parameter's first value on the day its rule takes effect is part of the rule taking effect.
        let takesEffect = events.contains { $0.kind == .takesEffect }
        let causes = events.filter { event in
            if takesEffect, case .parameterChange(_, nil, _, _) = event.kind { return false }
            return true
        }
        return causes.isEmpty ? [.inputDependent(rule: rule)] : causes.map { .regime(rule: rule, event: $0) }
    }

    /// The findings that are new or worse on `to` (see `FindingChange.isNewOrWorse`), in report order.
    public var newOrWorse: [Finding] { changes.filter(\.isNewOrWorse).compactMap(\.after) }

    /// Whether a finding at or above `threshold` is new or worse on `to` (the exit code of `loancheck diff`).
    public func fails(at threshold: FindingSeverity?) -> Bool {
        guard let threshold else { return false }
        return newOrWorse.contains { $0.severity >= threshold }
    }

    public func changes(_ kind: FindingChange.Change) -> [FindingChange] { changes.filter { $0.change == kind } }
}
