import Dispatch
import LoanDomain
import RuleLanguage

/// Compiled packs × loaded documents → findings.
///
/// Subjects (products and institutions) are independent, so they are evaluated in parallel on all
/// cores; findings come back in a deterministic order: documents in load order, then packs and rules in
/// pack order.
public struct AuditEngine: Sendable {
    public let packs: [RulePack]

    public init(packs: [RulePack]) {
        self.packs = packs
    }

    /// Every finding of every rule in force on `asOf`, before waivers.
    public func evaluate(_ documents: DocumentSet, asOf: CivilDate, onlyRules: Set<String>? = nil) -> [Finding] {
        checks(documents, asOf: asOf, onlyRules: onlyRules).flatMap(\.findings)
    }

    /// The outcome of every rule on every subject of its kind, with the findings, in deterministic order.
    public func checks(_ documents: DocumentSet, asOf: CivilDate, onlyRules: Set<String>? = nil) -> [RuleCheck] {
        let parameterRecords = packs.map { pack in Self.parameterRecord(pack, asOf: asOf) }
        let subjects = documents.documents.filter { $0.kind == "LoanProduct" || $0.kind == "Institution" }
        let ruleKeys = packs.map { pack in pack.rules.map { RuleCheck.RuleKey(rule: $0.id, packId: pack.id) } }
        // One evaluator per rule for the whole audit, with its pack and its key in the results.
        let evaluators: [(packIndex: Int, evaluator: RuleEvaluator, key: RuleCheck.RuleKey)] = packs.indices.flatMap { packIndex in
            packs[packIndex].rules.indices.map { ruleIndex in
                (packIndex, RuleEvaluator(pack: packs[packIndex], rule: packs[packIndex].rules[ruleIndex], asOf: asOf,
                                          parameters: parameterRecords[packIndex]),
                 ruleKeys[packIndex][ruleIndex])
            }
        }
        // Each subject's checks go straight to their place in one exactly sized array (offsets from the
        // rule counts), instead of one array per subject copied into a flat one at the end: at 100,000
        // products that was 77 MB held twice, and a copy on one core.
        let selected = evaluators.indices.filter { onlyRules?.contains(evaluators[$0].evaluator.rule.id) ?? true }
        var offsets: [Int] = []
        offsets.reserveCapacity(subjects.count + 1)
        offsets.append(0)
        // The selected evaluators of each subject kind, found once (reading `evaluator.rule` in the loop
        // below copied the whole rule value for every check).
        var byKind: [String: [Int]] = [:]
        for index in selected { byKind[evaluators[index].evaluator.rule.subject.rawValue, default: []].append(index) }
        let evaluatorsByKind = byKind
        for subject in subjects {
            offsets.append(offsets[offsets.count - 1] + (evaluatorsByKind[subject.kind]?.count ?? 0))
        }
        let total = offsets[subjects.count]
        let start = offsets
        return [RuleCheck](unsafeUninitializedCapacity: total) { buffer, initialized in
            nonisolated(unsafe) let destination = buffer
            // Subjects in chunks, so that each chunk reuses one set of evaluation frames.
            let chunkSize = 64
            let chunks = (subjects.count + chunkSize - 1) / chunkSize
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let scratch = EvaluationScratch()
                for index in chunk * chunkSize..<min(subjects.count, (chunk + 1) * chunkSize) {
                    let subject = subjects[index]
                    let subjectKey = RuleCheck.SubjectKey(SubjectReference(kind: subject.kind, id: subject.id))
                    var bindings = RuleEvaluator.bindings(for: subject, in: documents, asOf: asOf)
                    var boundPack = -1
                    var position = start[index]
                    for evaluatorIndex in evaluatorsByKind[subject.kind] ?? [] {
                        let (packIndex, evaluator, key) = evaluators[evaluatorIndex]
                        if packIndex != boundPack {
                            bindings.bind("param", to: .record(parameterRecords[packIndex]))
                            boundPack = packIndex
                        }
                        let (status, findings) = evaluator.check(subject, bindings: bindings, scratch: scratch)
                        // Disjoint ranges per subject: no two threads write the same element.
                        precondition(position < start[index + 1], "a subject produced more checks than counted")
                        (destination.baseAddress.unsafelyUnwrapped + position).initialize(
                            to: RuleCheck(rule: key, subject: subjectKey, status: status, findings: findings))
                        position += 1
                    }
                    precondition(position == start[index + 1], "a subject produced a different number of checks than counted")
                }
            }
            initialized = total
        }
    }

    /// The `param` record of a pack: each parameter's value in force on `asOf` (absent when none is).
    public static func parameterRecord(_ pack: RulePack, asOf: CivilDate) -> Record {
        var fields: [String: Value] = [:]
        for parameter in pack.parameters {
            if let value = parameter.value(at: asOf) { fields[parameter.name] = value.value }
        }
        return Record(type: "Params.\(pack.id)", fields: fields)
    }
}

/// How a rule fared on one subject.
public enum CheckStatus: String, Sendable, Hashable {
    case passed
    case failed
    case cannotEvaluate = "cannot-evaluate"
    /// The rule's `applies_to` is false for this subject.
    case notApplicable = "not-applicable"
    /// Not yet effective, or repealed, on the as-of date.
    case notInForce = "not-in-force"
    /// A product closed before the rule took effect.
    case exemptClosed = "exempt-closed"
}

extension CheckStatus {
    /// Whether the rule was checked on the subject: it passed, failed or could not be evaluated.
    public var isChecked: Bool {
        switch self {
        case .passed, .failed, .cannotEvaluate: true
        case .notApplicable, .notInForce, .exemptClosed: false
        }
    }
}

/// One rule checked on one subject.
///
/// An audit holds one per rule × subject (2.4 million for 100,000 products), so the rule and the subject
/// are shared references rather than copies: 32 bytes a check instead of 80.
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
    /// The identity of the rule's key object, shared by every check of the rule in one audit.
    var ruleIdentity: ObjectIdentifier { ObjectIdentifier(ruleKey) }
    public var packId: String { ruleKey.packId }
    public var subject: SubjectReference { subjectKey.subject }

    /// Where each subject's checks are, by subject id: the engine lists a subject's checks together
    /// and shares one key object per subject, so runs are found by comparing pointers, without
    /// copying a check (which touched three reference counts scattered over the heap).
    static func rangesBySubject(_ checks: [RuleCheck]) -> [String: [Range<Int>]] {
        checks.withUnsafeBufferPointer { buffer in
            var ranges: [String: [Range<Int>]] = [:]
            var runStart = 0
            for index in buffer.indices.dropFirst() where buffer[index].subjectKey !== buffer[runStart].subjectKey {
                ranges[buffer[runStart].subjectKey.subject.id, default: []].append(runStart..<index)
                runStart = index
            }
            if !buffer.isEmpty { ranges[buffer[runStart].subjectKey.subject.id, default: []].append(runStart..<buffer.count) }
            return ranges
        }
    }
}
