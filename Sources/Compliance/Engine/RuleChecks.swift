/// One rule checked on one subject: a view of one entry of `RuleChecks`, made when it is read.
public struct RuleCheck: Sendable {
    /// A rule's identity, one instance per rule for the whole audit.
    final class RuleKey: Sendable {
        let rule: String
        let packId: String

        init(rule: String, packId: String) {
            self.rule = rule
            self.packId = packId
        }
    }

    /// A subject's identity, one instance per subject for the whole audit.
    final class SubjectKey: Sendable {
        let subject: SubjectReference

        init(_ subject: SubjectReference) { self.subject = subject }
    }

    private let ruleKey: RuleKey
    private let subjectKey: SubjectKey
    public let status: CheckStatus
    public internal(set) var findings: [Finding]

    init(rule: RuleKey, subject: SubjectKey, status: CheckStatus, findings: [Finding]) {
        ruleKey = rule
        subjectKey = subject
        self.status = status
        self.findings = findings
    }

    public var rule: String { ruleKey.rule }
    public var packId: String { ruleKey.packId }
    public var subject: SubjectReference { subjectKey.subject }
}

/// Every rule × subject outcome of an audit, in the engine's order (subjects in load order, each
/// subject's checks together, rules in pack order).
///
/// An audit holds one per rule and subject — 3.3 million at 100,000 products — so they are kept by
/// column: a rule number (4 bytes), a subject number (4) and a status (1) per check, the few findings in
/// a table by position. That is 9 bytes a check where a `RuleCheck` value is 32 (≈105 MB at 100,000
/// products). Reading an element makes the `RuleCheck`; setting one stores its findings (the rule,
/// subject and status of a check do not change).
public struct RuleChecks: RandomAccessCollection, Sendable {
    /// The rules and subjects the numbers refer to, shared by every copy.
    final class Keys: Sendable {
        let rules: [RuleCheck.RuleKey]
        let subjects: [RuleCheck.SubjectKey]

        init(rules: [RuleCheck.RuleKey], subjects: [RuleCheck.SubjectKey]) {
            self.rules = rules
            self.subjects = subjects
        }
    }

    private let keys: Keys
    private let ruleNumbers: [UInt32]
    private let subjectNumbers: [UInt32]
    private let statuses: [CheckStatus]
    /// The findings of the checks that have any, by position.
    private var findingsAt: [Int: [Finding]]

    /// No checks.
    public init() {
        self.init(keys: Keys(rules: [], subjects: []), rules: [], subjects: [], statuses: [], findings: [:])
    }

    init(keys: Keys, rules: [UInt32], subjects: [UInt32], statuses: [CheckStatus], findings: [Int: [Finding]]) {
        self.keys = keys
        ruleNumbers = rules
        subjectNumbers = subjects
        self.statuses = statuses
        findingsAt = findings
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { statuses.count }

    public subscript(position: Int) -> RuleCheck {
        get {
            RuleCheck(rule: keys.rules[Int(ruleNumbers[position])], subject: keys.subjects[Int(subjectNumbers[position])],
                      status: statuses[position], findings: findingsAt[position] ?? [])
        }
        set {
            findingsAt[position] = newValue.findings.isEmpty ? nil : newValue.findings
        }
    }

    /// The status of check `position`, without making the `RuleCheck`.
    public func status(at position: Int) -> CheckStatus { statuses[position] }

    /// Every finding of every check, in check order.
    public var allFindings: [Finding] {
        // Sized exactly: at 100,000 products a doubling array held twice the findings at the audit's peak.
        var all: [Finding] = []
        all.reserveCapacity(findingsAt.values.reduce(0) { $0 + $1.count })
        for position in findingsAt.keys.sorted() { all += findingsAt[position] ?? [] }
        return all
    }

    /// The same checks keeping only the findings `keep` accepts.
    public func filteringFindings(_ keep: (Finding) -> Bool) -> RuleChecks {
        var copy = self
        copy.findingsAt = findingsAt.compactMapValues { findings in
            let kept = findings.filter(keep)
            return kept.isEmpty ? nil : kept
        }
        return copy
    }

    /// The number of checks that checked something (`CheckStatus.isChecked`) per rule id, rules in the
    /// order of their first check.
    public var checkedCountByRule: [(rule: String, checked: Int)] {
        var slotOfRule: [UInt32: Int] = [:]
        var counts: [(rule: String, checked: Int)] = []
        for position in statuses.indices where statuses[position].isChecked {
            let number = ruleNumbers[position]
            if let slot = slotOfRule[number] {
                counts[slot].checked += 1
            } else {
                slotOfRule[number] = counts.count
                counts.append((keys.rules[Int(number)].rule, 1))
            }
        }
        return counts
    }

    /// Where each subject's checks are, by subject id (the engine lists a subject's checks together).
    var rangesBySubject: [String: [Range<Int>]] {
        var ranges: [String: [Range<Int>]] = [:]
        var runStart = 0
        for index in subjectNumbers.indices.dropFirst() where subjectNumbers[index] != subjectNumbers[runStart] {
            ranges[keys.subjects[Int(subjectNumbers[runStart])].subject.id, default: []].append(runStart..<index)
            runStart = index
        }
        if !subjectNumbers.isEmpty {
            ranges[keys.subjects[Int(subjectNumbers[runStart])].subject.id, default: []].append(runStart..<subjectNumbers.count)
        }
        return ranges
    }
}
