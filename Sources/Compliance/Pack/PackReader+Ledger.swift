import Diagnostics
import LedgerPlan
import RuleLanguage
import YAML

/// What reading a ledger rule produced: its plan, and for a group rule the environment its
/// `applies_to` and `require` are checked in (`key`, `loans`).
struct LedgerParts {
    var rule: LedgerRule?
    var environment: TypeEnvironment?
    var keys: [GroupKey] = []
    var filter: LedgerCondition?
    var whereText: String?
    var groupBy: [(name: String, text: String)] = []
}

extension PackReader {
    /// A Loan rule: its expressions lowered for the ledger engines; `binds:` names the loan date its
    /// regime is read on.
    func readLoanRule(
        _ fields: [String: Node], appliesTo: CheckedExpression?, requirement: CheckedExpression?,
        escalation: CheckedExpression?, _ reader: inout PackNodeReader
    ) -> LedgerParts? {
        var binds = LoanDate.disbursedOn
        if let node = fields["binds"] {
            guard let value = reader.oneOf(node, "loan date", as: LoanDate.self) else { return nil }
            binds = value
        }
        guard let requirement else { return nil }
        do throws(DiagnosticList) {
            let plan = LoanRulePlan(
                binds: binds,
                appliesTo: try appliesTo.map { checked throws(DiagnosticList) in try LedgerLowering.condition(checked, context: .loan) },
                require: try LedgerLowering.condition(requirement, context: .loan),
                escalate: try escalation.map { checked throws(DiagnosticList) in try LedgerLowering.condition(checked, context: .loan) })
            return LedgerParts(rule: LedgerRule(plan: .loan(plan), whereText: nil, groupBy: []))
        } catch {
            reader.diagnostics += error.diagnostics
            return nil
        }
    }

    /// The first half of a LoanGroup rule: `where` and `group_by`, read on positions, and the
    /// environment with `key` (one field per key part) and `loans` for the rest of the rule.
    func readGroupRule(_ fields: [String: Node], id: String, base: TypeEnvironment, _ reader: inout PackNodeReader) -> LedgerParts? {
        var rowEnvironment = base
        rowEnvironment.bind("position", to: .record(LedgerTypes.position), doc: "one funder's part of one loan")
        rowEnvironment.bind("loan", to: .record(LedgerTypes.loan), doc: "the position's loan")
        var parts = LedgerParts()
        if let node = fields["where"], let compiled = compile(node, rowEnvironment, &reader) {
            do {
                parts.filter = try LedgerLowering.condition(compiled.checked, context: .position)
                parts.whereText = compiled.text
            } catch {
                reader.diagnostics += error.diagnostics
            }
        }
        guard let groupNode = fields["group_by"] else {
            reader.error("a LoanGroup rule needs 'group_by'", fields["id"]?.location,
                         hint: "e.g. group_by: {funder: position.funder, borrower: loan.borrower_id}")
            return nil
        }
        guard let entries = groupNode.mapping, !entries.isEmpty else {
            reader.error("'group_by' must name each part of the key", groupNode.location,
                         hint: "e.g. group_by: {funder: position.funder, borrower: loan.borrower_id}")
            return nil
        }
        var keyFields: [FieldDeclaration] = []
        for entry in entries {
            let name = entry.key.scalar?.text ?? ""
            guard let compiled = compile(entry.value, rowEnvironment, &reader, expecting: nil) else { continue }
            do {
                let key = try LedgerLowering.key(named: name, compiled.checked)
                parts.keys.append(key)
                parts.groupBy.append((name, compiled.text))
                keyFields.append(FieldDeclaration(name: name, type: key.isInstitution ? .record("Institution") : .string,
                                                  doc: "the group's \(name)"))
            } catch {
                reader.diagnostics += error.diagnostics
            }
        }
        var groupEnvironment = base
        let keyType = "LoanGroupKey.\(id)"
        groupEnvironment.declare(RecordType(name: keyType, fields: keyFields, doc: "the key of a group of rule \(id)"))
        groupEnvironment.bind("key", to: .record(keyType), doc: "the group's key")
        groupEnvironment.bind("loans", to: .list(.record(LedgerTypes.position)), doc: "the group's positions")
        parts.environment = groupEnvironment
        return parts
    }

    /// The second half of a LoanGroup rule: `applies_to` over the key and `require` as an aggregate
    /// against a bound.
    func completeGroupRule(
        _ parts: LedgerParts?, appliesTo: CheckedExpression?, requirement: CheckedExpression?, escalation: Node?,
        _ reader: inout PackNodeReader
    ) -> LedgerParts? {
        guard var parts, let requirement else { return nil }
        if let escalation {
            reader.error("'escalate' is not supported on LoanGroup rules", escalation.location)
            return nil
        }
        do throws(DiagnosticList) {
            let (aggregate, comparison, bound) = try LedgerLowering.groupRequirement(requirement, keys: parts.keys)
            let plan = GroupRulePlan(
                filter: parts.filter, keys: parts.keys,
                appliesTo: try appliesTo.map { checked throws(DiagnosticList) in
                    try LedgerLowering.condition(checked, context: .group(parts.keys))
                },
                aggregate: aggregate, comparison: comparison, bound: bound)
            parts.rule = LedgerRule(plan: .group(plan), whereText: parts.whereText, groupBy: parts.groupBy)
            return parts
        } catch {
            reader.diagnostics += error.diagnostics
            return nil
        }
    }
}
