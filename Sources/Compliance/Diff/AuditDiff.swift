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
        let earlier = Self.paired(from.findings, with: to.findings)
        let later = Self.paired(to.findings, with: from.findings)
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

    /// Each finding of `findings` with its counterpart in `others` (same key, same rank among the
    /// findings with that key), in the order of `findings`.
    private static func paired(_ findings: [Finding], with others: [Finding]) -> [(Finding, Finding?)] {
        var byKey: [String: [Finding]] = [:]
        for finding in others { byKey[Baseline.key(of: finding), default: []].append(finding) }
        var rank: [String: Int] = [:]
        return findings.map { finding in
            let key = Baseline.key(of: finding)
            let index = rank[key, default: 0]
            rank[key] = index + 1
            let counterpart = byKey[key].flatMap { index < $0.count ? $0[index] : nil }
            return (finding, counterpart)
        }
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
        return events.isEmpty ? [.inputDependent(rule: rule)] : events.map { .regime(rule: rule, event: $0) }
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
