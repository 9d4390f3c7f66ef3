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
        let parameterRecords = packs.map { pack in Self.parameterRecord(pack, asOf: asOf) }
        let subjects = documents.documents.filter { $0.kind == "LoanProduct" || $0.kind == "Institution" }
        let results = Mutex<[Int: [Finding]]>([:])
        DispatchQueue.concurrentPerform(iterations: subjects.count) { index in
            let subject = subjects[index]
            var findings: [Finding] = []
            for (packIndex, pack) in packs.enumerated() {
                for rule in pack.rules where rule.subject.rawValue == subject.kind {
                    if let onlyRules, !onlyRules.contains(rule.id) { continue }
                    let evaluator = RuleEvaluator(pack: pack, rule: rule, asOf: asOf, parameters: parameterRecords[packIndex])
                    findings += evaluator.findings(for: subject, in: documents)
                }
            }
            results.withLock { $0[index] = findings }
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
