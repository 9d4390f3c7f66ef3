import Dispatch
import LoanDomain
import RuleLanguage
import Synchronization

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
        checks(documents, asOf: asOf, onlyRules: onlyRules).allFindings
    }

    /// The outcome of every rule on every subject of its kind, with the findings, in deterministic order.
    public func checks(_ documents: DocumentSet, asOf: CivilDate, onlyRules: Set<String>? = nil) -> RuleChecks {
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
        // Each subject's checks go straight to their place in exactly sized columns (offsets from the
        // rule counts), instead of one array per subject copied into a flat one at the end.
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
        let subjectKeys = subjects.map { RuleCheck.SubjectKey(SubjectReference(kind: $0.kind, id: $0.id)) }
        var ruleNumbers = [UInt32](repeating: 0, count: total)
        var subjectNumbers = [UInt32](repeating: 0, count: total)
        var statuses = [CheckStatus](repeating: .notApplicable, count: total)
        let findings = Mutex<[Int: [Finding]]>([:])
        ruleNumbers.withUnsafeMutableBufferPointer { ruleBuffer in
            subjectNumbers.withUnsafeMutableBufferPointer { subjectBuffer in
                statuses.withUnsafeMutableBufferPointer { statusBuffer in
                    nonisolated(unsafe) let (rules, subjectColumn, statusColumn) = (ruleBuffer, subjectBuffer, statusBuffer)
                    // Subjects in chunks, so that each chunk reuses one set of evaluation frames.
                    let chunkSize = 64
                    let chunks = (subjects.count + chunkSize - 1) / chunkSize
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let scratch = EvaluationScratch()
                        var found: [Int: [Finding]] = [:]
                        for index in chunk * chunkSize..<min(subjects.count, (chunk + 1) * chunkSize) {
                            let subject = subjects[index]
                            var bindings = RuleEvaluator.bindings(for: subject, in: documents, asOf: asOf)
                            var boundPack = -1
                            var position = start[index]
                            for evaluatorIndex in evaluatorsByKind[subject.kind] ?? [] {
                                let (packIndex, evaluator, _) = evaluators[evaluatorIndex]
                                if packIndex != boundPack {
                                    bindings.bind("param", to: .record(parameterRecords[packIndex]))
                                    boundPack = packIndex
                                }
                                let (status, checkFindings) = evaluator.check(subject, bindings: bindings, scratch: scratch)
                                // Disjoint ranges per subject: no two threads write the same element.
                                precondition(position < start[index + 1], "a subject produced more checks than counted")
                                rules[position] = UInt32(truncatingIfNeeded: evaluatorIndex)
                                subjectColumn[position] = UInt32(truncatingIfNeeded: index)
                                statusColumn[position] = status
                                if !checkFindings.isEmpty { found[position] = checkFindings }
                                position += 1
                            }
                            precondition(position == start[index + 1], "a subject produced a different number of checks than counted")
                        }
                        if !found.isEmpty { findings.withLock { $0.merge(found) { first, _ in first } } }
                    }
                }
            }
        }
        let keys = RuleChecks.Keys(rules: evaluators.map(\.key), subjects: subjectKeys)
        return RuleChecks(keys: keys, rules: ruleNumbers, subjects: subjectNumbers, statuses: statuses,
                          findings: findings.withLock { $0 })
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
