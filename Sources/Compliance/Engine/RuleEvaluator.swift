import Diagnostics
import LoanDomain
import RuleLanguage

/// Checks one rule on one subject document and turns the evaluation into findings: one per piece of
/// evidence (so two offending funding entries give two findings), or a "cannot evaluate" finding.
///
/// A class so the audit shares one evaluator per rule across all subjects and threads: a `Rule` is a
/// large value, and copying it for each of millions of checks costs more than the checks.
public final class RuleEvaluator: Sendable {
    public let pack: RulePack
    public let rule: Rule
    public let asOf: CivilDate
    public let parameters: Record

    /// The rule's expressions, held here rather than read through `rule` for every check: reading them
    /// out of the `Rule` value copied each expression (a dozen reference counts, on objects every
    /// thread shares, so the cache lines bounced between cores).
    private let appliesTo: CompiledExpression?
    private let requirement: CompiledExpression
    private let escalation: Escalation?
    private let isInForceAsOf: Bool
    /// The parameters the rule reads, with their values in force on `asOf`: the same for every finding,
    /// so made once and shared (tens of thousands of findings each made their own array and texts).
    private let parameterUses: [ParameterUse]

    public init(pack: RulePack, rule: Rule, asOf: CivilDate, parameters: Record) {
        self.pack = pack
        self.rule = rule
        self.asOf = asOf
        self.parameters = parameters
        appliesTo = rule.appliesTo
        requirement = rule.requirement
        escalation = rule.escalation
        isInForceAsOf = Regime.isInForce(rule, on: asOf)
        parameterUses = rule.parameters.compactMap { name in
            guard let parameter = pack.parameter(name), let value = parameter.value(at: asOf) else { return nil }
            return ParameterUse(name: name, value: value.value.displayText, from: value.from, source: value.source)
        }
    }

    /// The variables a rule on `subject` reads, except the pack's `param`: the subject under its
    /// variable name, its lender for a product, `as_of`. Built once per subject and shared by its rules.
    static func bindings(for subject: LoadedDocument, in documents: DocumentSet, asOf: CivilDate) -> Bindings {
        var bindings = Bindings()
        // `as_of`, the subject, its lender, and the pack's `param` bound by the caller.
        bindings.reserveCapacity(4)
        bindings.bind("as_of", to: .date(asOf))
        if subject.kind == RuleSubject.loanProduct.rawValue {
            bindings.bind(RuleSubject.loanProduct.variable, to: .record(subject.record))
            if case .string(let lenderId)? = subject["lender"], let lender = documents.document(id: lenderId) {
                bindings.bind("lender", to: .record(lender.record))
            }
        } else {
            bindings.bind(RuleSubject.institution.variable, to: .record(subject.record))
        }
        return bindings
    }

    /// The outcome of the rule on `subject` and its findings, with `bindings` already made
    /// (`bindings(for:in:asOf:)` plus this pack's `param`).
    ///
    /// `regimeDay`: for a Loan rule, the loan's own date (`binds:`): the ledger engine has already
    /// decided that the rule binds the loan, and a transition is read on that day, not on the as-of date.
    /// `scratch`: the calling thread's reusable evaluation frames, if it keeps them.
    public func check(
        _ subject: LoadedDocument, bindings: Bindings, regimeDay: CivilDate? = nil, scratch: EvaluationScratch? = nil
    ) -> (status: CheckStatus, findings: [Finding]) {
        guard isInForceAsOf || regimeDay != nil else { return (.notInForce, []) }
        if let closedOn = subject.closedOn, Regime.isExemptClosedProduct(closedOn: closedOn, rule: rule) {
            return (.exemptClosed, [])
        }
        return evaluate(subject, bindings: bindings, regimeDay: regimeDay ?? asOf, scratch: scratch)
    }

    private func evaluate(
        _ subject: LoadedDocument, bindings: Bindings, regimeDay: CivilDate, scratch: EvaluationScratch?
    ) -> (status: CheckStatus, findings: [Finding]) {
        // Optional chaining evaluates the stored expression in place; `if let` would copy it first.
        if let applies = appliesTo?.evaluate(bindings, explaining: false, scratch: scratch) {
            if applies.isFalse { return (.notApplicable, []) }
            if !applies.isTrue { return (.cannotEvaluate, [cannotEvaluate(applies, subject, bindings: bindings, regimeDay: regimeDay)]) }
        }
        let result = requirement.evaluate(bindings, scratch: scratch)
        if result.isTrue { return (.passed, []) }
        guard result.isFalse else { return (.cannotEvaluate, [cannotEvaluate(result, subject, bindings: bindings, regimeDay: regimeDay)]) }

        var base = rule.severity
        if escalation?.requirement.evaluate(bindings, explaining: false, scratch: scratch).isFalse == true, let severity = escalation?.severity {
            base = max(base, severity)
        }
        let (severity, note) = capped(Regime.severity(base, rule: rule, packStatus: pack.status, on: regimeDay), bindings: bindings)
        let evidence = result.evidence.isEmpty
            ? [Evidence(path: nil, actual: "false", required: "true", text: rule.requirementText, location: subject.location, ruleLocation: rule.location)]
            : Self.distinct(result.evidence)
        return (.failed, evidence.map { item in
            let path = relativePath(item.path)
            return makeFinding(subject: subject, severity: severity, note: note, path: path,
                               location: item.location ?? subject.location,
                               evidence: FindingEvidence(actual: item.actual, required: item.required, detail: item.text,
                                                         parameters: parameterUses),
                               message: render(rule.message, actual: item.actual, required: item.required, path: path,
                                               subject: subject.id, detail: item.text),
                               cannotEvaluate: false)
        })
    }

    /// `severity` lowered by every `at_most` cap whose condition holds for this subject, with its note.
    /// A condition that cannot be evaluated lowers nothing (the stricter reading).
    private func capped(
        _ regime: (severity: FindingSeverity, note: LocalizedText?), bindings: Bindings
    ) -> (FindingSeverity, LocalizedText?) {
        var (severity, note) = regime
        for cap in rule.severityCaps where cap.severity < severity {
            guard cap.condition.evaluate(bindings, explaining: false).isTrue else { continue }
            severity = cap.severity
            note = note.map { LocalizedText(zh: $0.zh + "；" + cap.note.zh, en: $0.en + "; " + cap.note.en) } ?? cap.note
        }
        return (severity, note)
    }

    private func cannotEvaluate(_ evaluation: Evaluation, _ subject: LoadedDocument, bindings: Bindings,
                                regimeDay: CivilDate) -> Finding {
        var reasonEn = evaluation.problem ?? "cannot evaluate"
        var reasonZh = reasonEn
        var path = ""
        var location = subject.location
        if case .unknown(let missing) = evaluation {
            let paths = missing.map { relativePath($0.path) }
            path = paths.first ?? ""
            location = missing.first?.location ?? subject.location
            reasonEn = "cannot evaluate: missing " + missing.map(\.path).joined(separator: ", ")
            reasonZh = "无法评估：缺少 " + missing.map(\.path).joined(separator: "、")
            if missing.contains(where: { $0.path.hasPrefix("product.apr") || $0.path.hasPrefix("product.disclosed_apr_computed") }),
               let problem = subject.derivationProblems["apr"] {
                reasonEn += " (the APR cannot be computed: \(problem))"
                reasonZh += "（无法计算年化利率：\(problem)）"
            }
        } else if case .error(let diagnostic) = evaluation {
            reasonEn = "cannot evaluate: \(diagnostic.message)"
            reasonZh = "无法评估：\(diagnostic.message)"
        }
        let (severity, note) = capped(Regime.severity(.error, rule: rule, packStatus: pack.status, on: regimeDay), bindings: bindings)
        return makeFinding(subject: subject, severity: severity, note: note, path: path, location: location,
                           evidence: FindingEvidence(actual: "missing", required: rule.requirementText, detail: reasonEn,
                                                     parameters: parameterUses),
                           message: LocalizedText(zh: reasonZh, en: reasonEn), cannotEvaluate: true)
    }

    private func makeFinding(
        subject: LoadedDocument, severity: FindingSeverity, note: LocalizedText?, path: String, location: SourceLocation,
        evidence: FindingEvidence, message: LocalizedText, cannotEvaluate: Bool
    ) -> Finding {
        Finding(rule: rule.id, severity: severity, packId: pack.id, packStatus: pack.status,
                subject: SubjectReference(kind: subject.kind, id: subject.id), path: path, location: location,
                message: message, evidence: evidence, citation: rule.citation, effective: rule.effective,
                regimeNote: note, cannotEvaluate: cannotEvaluate, waiver: nil)
    }

    /// `product.funding[1].share` → `funding[1].share`; paths into other documents stay whole.
    private func relativePath(_ path: String?) -> String {
        guard let path else { return "" }
        let prefix = rule.subject.variable + "."
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private func render(
        _ template: LocalizedText, actual: String, required: String, path: String, subject: String, detail: String
    ) -> LocalizedText {
        let values = ["actual": actual, "required": required, "path": path, "subject": subject, "evidence": detail,
                      "effective": rule.effective.description]
        func fill(_ text: String) -> String { MessageTemplate.fill(text, with: values) }
        return LocalizedText(zh: fill(template.zh), en: fill(template.en))
    }

    /// The same offending value reached twice (e.g. through `and`) is reported once.
    static func distinct(_ evidence: [Evidence]) -> [Evidence] {
        struct Key: Hashable {
            let path: String
            let location: SourceLocation?
            let text: String
        }
        var seen = Set<Key>()
        return evidence.filter { seen.insert(Key(path: $0.path ?? "", location: $0.location, text: $0.text)).inserted }
    }
}
