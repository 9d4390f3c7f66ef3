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
        checks(documents, asOf: asOf, onlyRules: onlyRules).flatMap(\.findings)
    }

    /// The outcome of every rule on every subject of its kind, with the findings, in deterministic order.
    public func checks(_ documents: DocumentSet, asOf: CivilDate, onlyRules: Set<String>? = nil) -> [RuleCheck] {
        let parameterRecords = packs.map { pack in Self.parameterRecord(pack, asOf: asOf) }
        let subjects = documents.documents.filter { $0.kind == "LoanProduct" || $0.kind == "Institution" }
        let results = Mutex<[Int: [RuleCheck]]>([:])
        DispatchQueue.concurrentPerform(iterations: subjects.count) { index in
            let subject = subjects[index]
            var checks: [RuleCheck] = []
            for (packIndex, pack) in packs.enumerated() {
                for rule in pack.rules where rule.subject.rawValue == subject.kind {
                    if let onlyRules, !onlyRules.contains(rule.id) { continue }
                    let evaluator = RuleEvaluator(pack: pack, rule: rule, asOf: asOf, parameters: parameterRecords[packIndex])
                    let (status, findings) = evaluator.check(subject, in: documents)
                    checks.append(RuleCheck(rule: rule.id, packId: pack.id,
                                            subject: SubjectReference(kind: subject.kind, id: subject.id),
                                            status: status, findings: findings))
                }
            }
            results.withLock { $0[index] = checks }
        }
        return results.withLock { all in (0..<subjects.count).flatMap { all[$0] ?? [] } }
    }

    /// The `param` record of a pack: each parameter's value in force on `asOf` (absent when none is).
    static func parameterRecord(_ pack: RulePack, asOf: CivilDate) -> Record {
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

/// One rule checked on one subject.
public struct RuleCheck: Sendable {
    public let rule: String
    public let packId: String
    public let subject: SubjectReference
    public let status: CheckStatus
    public internal(set) var findings: [Finding]
}
