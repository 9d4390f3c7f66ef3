import Compliance
import Diagnostics
import LedgerPlan
import LoanDomain
import RuleLanguage

/// Findings from an engine's outcomes, the same whatever engine produced them.
///
/// A listed loan is rebuilt as a `Loan` record and checked again by the rule's own compiled expression
/// (the same `RuleEvaluator` as product rules), so its message, evidence and location are exactly a
/// document finding's; the engine decided that it fails and the evaluator must agree, or the finding
/// says so (never a silent pass). A group finding states the aggregate, the bound, the number of loans
/// and the largest ones.
public struct LedgerFindingBuilder {
    public let request: LedgerRequest

    public init(request: LedgerRequest) { self.request = request }

    /// The findings of every listed failure, in rule order.
    public func findings(_ run: LedgerRun) -> [Finding] {
        var result: [Finding] = []
        for (entry, outcome) in zip(request.rules, run.outcomes) {
            let evaluator = RuleEvaluator(pack: entry.pack, rule: entry.rule, asOf: request.asOf,
                                          parameters: AuditEngine.parameterRecord(entry.pack, asOf: request.asOf))
            for item in outcome.items {
                switch item {
                case .loan(let loan): result += loanFindings(loan, entry: entry, evaluator: evaluator)
                case .group(let group): result.append(groupFinding(group, entry: entry))
                }
            }
        }
        return result
    }

    private func loanFindings(_ loan: LoanSnapshot, entry: LedgerRequest.RuleEntry, evaluator: RuleEvaluator) -> [Finding] {
        guard case .loan(let plan) = entry.plan, let record = LoanRecord.record(loan, documents: request.documents),
              let lender = request.documents.document(id: loan.lender) else {
            return [disagreement(loan, entry: entry, why: "its lender or a funder is not loaded")]
        }
        var bindings = Bindings()
        bindings.bind("loan", to: .record(record))
        bindings.bind("lender", to: .record(lender.record))
        bindings.bind("param", to: .record(evaluator.parameters))
        bindings.bind("as_of", to: .date(request.asOf))
        let subject = LoadedDocument(kind: RuleSubject.loan.rawValue, id: loan.loanId, file: loan.location.file,
                                     location: loan.location, idLocation: loan.cells[.loanId] ?? loan.location, record: record)
        let day = plan.binds == .disbursedOn ? loan.disbursedOn : loan.contractDate
        let (status, findings) = evaluator.check(subject, bindings: bindings, regimeDay: day)
        let engineCannot: Bool
        if case .cannotEvaluate = loan.status { engineCannot = true } else { engineCannot = false }
        let agrees = (status == .failed && !engineCannot) || (status == .cannotEvaluate && engineCannot)
        guard agrees, !findings.isEmpty else {
            return [disagreement(loan, entry: entry, why: "the rule's evaluator finds '\(status.rawValue)'")]
        }
        let detail = LedgerDetail(product: loan.product, key: [], loanCount: nil, largest: [], lender: loan.lender,
                                  borrower: loan.borrowerId)
        return findings.map { finding in
            var finding = finding
            finding.ledger = detail
            return finding
        }
    }

    /// A failure the engine reports but the rule's evaluator does not confirm: an internal error,
    /// reported as an error finding rather than dropped.
    private func disagreement(_ loan: LoanSnapshot, entry: LedgerRequest.RuleEntry, why: String) -> Finding {
        let message = "internal error: the ledger engine reports this loan as failing, but \(why); please report it"
        return Finding(rule: entry.rule.id, severity: .error, packId: entry.pack.id, packStatus: entry.pack.status,
                       subject: SubjectReference(kind: RuleSubject.loan.rawValue, id: loan.loanId), path: "",
                       location: loan.location, message: LocalizedText(zh: message, en: message),
                       evidence: FindingEvidence(actual: "", required: entry.rule.requirementText, detail: message, parameters: []),
                       citation: entry.rule.citation, effective: entry.rule.effective, regimeNote: nil, cannotEvaluate: true,
                       ledger: LedgerDetail(product: loan.product, key: [], loanCount: nil, largest: [], lender: loan.lender,
                                  borrower: loan.borrowerId))
    }

    private func groupFinding(_ group: GroupSnapshot, entry: LedgerRequest.RuleEntry) -> Finding {
        let rule = entry.rule
        let (_, note) = Regime.severity(rule.severity, rule: rule, packStatus: entry.pack.status, on: request.asOf)
        let aggregateType = Self.aggregateType(entry.plan)
        let actual = Self.display(group.actual, type: aggregateType)
        let comparison = Self.comparison(entry.plan)
        let required = group.bound.map { "\(comparison.symbol) \(Self.display($0, type: aggregateType))" } ?? "\(comparison.symbol) ?"
        let parameters = rule.parameters.compactMap { name -> ParameterUse? in
            guard let parameter = entry.pack.parameter(name), let value = parameter.value(at: request.asOf) else { return nil }
            return ParameterUse(name: name, value: value.value.displayText, from: value.from, source: value.source)
        }
        let largest = group.largest.map { contributor in
            LedgerDetail.Contributor(loanId: contributor.loanId, amount: Self.display(contributor.amount, type: .money),
                                     location: contributor.location)
        }
        let detailText = "\(actual) over \(group.count) loan\(group.count == 1 ? "" : "s")"
            + (largest.isEmpty ? "" : " (largest: " + largest.map { "\($0.loanId) \($0.amount)" }.joined(separator: ", ") + ")")
            + ", required \(required) (\(rule.requirementText))"
        let subject = SubjectReference(kind: RuleSubject.loanGroup.rawValue, id: group.key)
        let detail = LedgerDetail(product: nil, key: group.parts.map { LedgerDetail.KeyPart(name: $0.name, value: $0.value, isBorrower: $0.isBorrower) },
                                  loanCount: group.count, largest: largest)
        let location = group.largest.first?.location
        switch group.status {
        case .cannotEvaluate(let severity, let reason):
            return Finding(rule: rule.id, severity: severity, packId: entry.pack.id, packStatus: entry.pack.status, subject: subject,
                           path: "", location: location, message: LocalizedText(zh: Self.chinese(reason), en: reason),
                           evidence: FindingEvidence(actual: "missing", required: rule.requirementText, detail: reason,
                                                     parameters: parameters),
                           citation: rule.citation, effective: rule.effective, regimeNote: note, cannotEvaluate: true, ledger: detail)
        case .violation(let severity):
            let values = ["actual": actual, "required": required, "path": "", "subject": group.key, "evidence": detailText,
                          "effective": rule.effective.description]
            let message = LocalizedText(zh: MessageTemplate.fill(rule.message.zh, with: values),
                                        en: MessageTemplate.fill(rule.message.en, with: values))
            return Finding(rule: rule.id, severity: severity, packId: entry.pack.id, packStatus: entry.pack.status, subject: subject,
                           path: "", location: location, message: message,
                           evidence: FindingEvidence(actual: actual, required: required, detail: detailText, parameters: parameters),
                           citation: rule.citation, effective: rule.effective, regimeNote: note, cannotEvaluate: false, ledger: detail)
        }
    }

    static func chinese(_ reason: String) -> String {
        reason.hasPrefix("cannot evaluate") ? "无法评估：" + reason.dropFirst("cannot evaluate: ".count) : reason
    }

    static func aggregateType(_ plan: LedgerRulePlan) -> ValueType {
        if case .group(let group) = plan { return group.aggregate.type }
        return .money
    }

    static func comparison(_ plan: LedgerRulePlan) -> BinaryOperator {
        if case .group(let group) = plan { return group.comparison }
        return .lessEqual
    }

    /// A fixed-point aggregate shown as its type (money `¥200,000.01`, a count `3`, a ratio `30%`).
    static func display(_ value: FixedPoint, type: ValueType) -> String {
        // A sum of more than 38 digits (beyond 10^26 yuan) has no `ExactNumber`: shown as its digits.
        guard let exact = value.exact else { return value.description }
        return switch type {
        case .money: Value.money(exact).displayText
        case .ratio: Value.ratio(Ratio(exact)).displayText
        case .integer: String(value.units / FixedPoint.one)
        default: Value.decimal(exact).displayText
        }
    }
}

extension BinaryOperator {
    /// `≤`, `≥`, `<`, `>`, `=`, `≠` in evidence.
    var symbol: String {
        switch self {
        case .lessEqual: "≤"
        case .greaterEqual: "≥"
        case .less: "<"
        case .greater: ">"
        case .equal: "="
        default: "≠"
        }
    }
}
