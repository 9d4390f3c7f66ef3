import Diagnostics
import LedgerPlan
import LoanDomain
import RuleLanguage
import YAML

/// Reads and compiles one rule pack (`kind: RulePack`): metadata, dated parameters, rules whose
/// expressions are type-checked against the document schema, and their test cases.
struct PackReader {
    let schema: DocumentSchema
    let fixtures: FixtureSet

    private static let packKeys = ["kind", "id", "version", "status", "title", "authority", "instrument", "source",
                                   "parameters", "rules", "doc"]
    private static let ruleKeys = ["id", "title", "subject", "applies_to", "require", "escalate", "severity", "effective",
                                   "enforced", "repealed", "new_business_from", "at_most", "citation", "message", "tests", "doc",
                                   "binds", "where", "group_by"]
    private static let parameterTypes: [String: ValueType] = [
        "money": .money, "percent": .ratio, "ratio": .ratio, "rate": .rate, "duration": .duration, "date": .date,
        "decimal": .decimal, "integer": .integer, "boolean": .boolean, "string": .string,
    ]

    func read(_ node: Node, file: String, sha256: String) throws(DiagnosticList) -> RulePack {
        var reader = PackNodeReader()
        guard let fields = reader.fields(of: node, in: "a rule pack", allowed: Self.packKeys,
                                         required: ["id", "version", "status", "title", "authority", "instrument", "rules"]) else {
            throw DiagnosticList(reader.diagnostics)
        }
        let id = reader.string(fields["id"], "the pack id") ?? ""
        let version = reader.string(fields["version"], "the pack version") ?? ""
        let status = reader.oneOf(fields["status"], "pack status", as: PackStatus.self) ?? .inForce
        let title = reader.localized(fields["title"], "the pack title")
        let authority = reader.localized(fields["authority"], "the pack authority")
        let instrument = reader.string(fields["instrument"], "the instrument number") ?? ""
        let source = reader.webAddress(fields["source"], "the source URL")
        let parameters = readParameters(fields["parameters"], &reader)

        var environment = TypeEnvironment()
        SchemaTypes.declare(schema, in: &environment)
        let paramType = "Params.\(id)"
        environment.declare(RecordType(name: paramType, fields: parameters.map {
            FieldDeclaration(name: $0.name, type: $0.type, optional: true, doc: $0.doc)
        }, doc: "parameters of pack \(id), at the as-of date"))
        environment.bind("param", to: .record(paramType), doc: "the pack's parameters in force at the as-of date")
        for parameter in parameters {
            environment.declareHistory(ValueHistory(parameter.history.map { ValueHistory.Entry(from: $0.from, value: $0.value) }),
                                       of: "param", field: parameter.name)
        }
        environment.bind("as_of", to: .date, doc: "the audit's as-of date")
        LedgerTypes.declare(in: &environment)

        var rules: [Rule] = []
        for ruleNode in fields["rules"]?.sequence ?? [] {
            if let rule = readRule(ruleNode, environment: environment, parameters: parameters, &reader) {
                rules.append(rule)
            }
        }
        if fields["rules"] != nil, fields["rules"]?.sequence == nil {
            reader.error("'rules' must be a list", fields["rules"]?.location)
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticList(reader.diagnostics) }
        guard let title, let authority else { throw DiagnosticList(reader.diagnostics) }
        return RulePack(id: id, version: version, status: status, title: title, authority: authority,
                        instrument: instrument, source: source, parameters: parameters, rules: rules,
                        file: file, sha256: sha256)
    }

    private func readParameters(_ node: Node?, _ reader: inout PackNodeReader) -> [Parameter] {
        guard let node else { return [] }
        guard let entries = node.mapping else {
            reader.error("'parameters' must be a mapping of names to declarations", node.location)
            return []
        }
        var result: [Parameter] = []
        for entry in entries {
            let name = entry.key.scalar?.text ?? ""
            guard let fields = reader.fields(of: entry.value, in: "parameter '\(name)'", allowed: ["type", "doc", "history"],
                                             required: ["type", "history"]) else { continue }
            guard let typeName = reader.string(fields["type"], "the parameter type"),
                  let type = Self.parameterTypes[typeName] else {
                if let text = fields["type"]?.scalar?.text {
                    reader.error("unknown parameter type '\(text)'", fields["type"]?.location,
                                 hint: Suggestions.hint(for: text, in: Self.parameterTypes.keys))
                }
                continue
            }
            var history: [ParameterValue] = []
            for item in fields["history"]?.sequence ?? [] {
                guard let itemFields = reader.fields(of: item, in: "a value of parameter '\(name)'",
                                                     allowed: ["from", "value", "source"], required: ["from", "value"]),
                      let from = reader.date(itemFields["from"], "'from'"),
                      let valueNode = itemFields["value"] else { continue }
                if let value = ParameterValueParser.parse(valueNode, as: type, &reader.diagnostics) {
                    history.append(ParameterValue(from: from, value: value, source: reader.string(itemFields["source"], "'source'")))
                }
            }
            if history.isEmpty {
                reader.error("parameter '\(name)' has no value", entry.value.location, hint: "add `history: [{from: DATE, value: …}]`")
            }
            let dates = history.map(\.from)
            if Set(dates).count != dates.count {
                reader.error("parameter '\(name)' has two values from the same date", entry.value.location)
            }
            result.append(Parameter(name: name, type: type, doc: reader.string(fields["doc"], "'doc'"), history: history))
        }
        return result
    }

    private func readRule(
        _ node: Node, environment base: TypeEnvironment, parameters: [Parameter], _ reader: inout PackNodeReader
    ) -> Rule? {
        guard let fields = reader.fields(of: node, in: "a rule", allowed: Self.ruleKeys,
                                         required: ["id", "title", "subject", "require", "severity", "effective", "citation", "message"])
        else { return nil }
        let id = reader.string(fields["id"], "the rule id") ?? ""
        if !id.isEmpty, !RuleIdentifier.isValid(id) {
            reader.error("rule id '\(id)' must be upper-case letters, digits and hyphens", fields["id"]?.location,
                         hint: "e.g. CN-BANK-CREDIT-LINE")
        }
        let title = reader.localized(fields["title"], "the rule title")
        let subject = reader.oneOf(fields["subject"], "rule subject", as: RuleSubject.self)
        let severity = reader.oneOf(fields["severity"], "severity", as: FindingSeverity.self)
        let effective = reader.date(fields["effective"], "'effective'")
        let enforced = reader.date(fields["enforced"], "'enforced'")
        let repealed = reader.date(fields["repealed"], "'repealed'")
        let newBusinessFrom = reader.date(fields["new_business_from"], "'new_business_from'")
        if let effective, let newBusinessFrom, newBusinessFrom < effective {
            reader.error("'new_business_from' (\(newBusinessFrom)) is before 'effective' (\(effective))",
                         fields["new_business_from"]?.location,
                         hint: "new business is bound from the effective date at the earliest; omit the key for that")
        }
        if let newBusinessFrom, let repealed, newBusinessFrom >= repealed {
            reader.error("'new_business_from' (\(newBusinessFrom)) is not before 'repealed' (\(repealed))",
                         fields["new_business_from"]?.location)
        }
        if let effective, let enforced, enforced < effective {
            reader.error("'enforced' (\(enforced)) is before 'effective' (\(effective))", fields["enforced"]?.location)
        }
        if let effective, let repealed, repealed <= effective {
            reader.error("'repealed' (\(repealed)) is not after 'effective' (\(effective))", fields["repealed"]?.location)
        }
        let citation = readCitation(fields["citation"], &reader)
        let message = reader.localized(fields["message"], "the rule message")
        guard let subject else { return nil }

        var environment = base
        switch subject {
        case .loanProduct:
            environment.bind("product", to: .record("LoanProduct"), doc: "the product checked")
            environment.bind("lender", to: .record("Institution"), doc: "the product's lender")
        case .institution:
            environment.bind("institution", to: .record("Institution"), doc: "the institution checked")
        case .loan:
            environment.bind("loan", to: .record(LedgerTypes.loan), doc: "the loan checked")
            environment.bind("lender", to: .record("Institution"), doc: "the loan's lender")
        case .loanGroup:
            break
        }
        for key in ["binds", "where", "group_by"] where fields[key] != nil {
            let allowed = key == "binds" ? subject == .loan : subject == .loanGroup
            if !allowed {
                reader.error("'\(key)' is only for \(key == "binds" ? "Loan" : "LoanGroup") rules", fields[key]?.location)
            }
        }
        var ledger: LedgerParts?
        if subject == .loanGroup {
            ledger = readGroupRule(fields, id: id, base: base, &reader)
            if let groupEnvironment = ledger?.environment { environment = groupEnvironment }
        }
        let appliesTo = compile(fields["applies_to"], environment, &reader)
        let requirement = compile(fields["require"], environment, &reader)
        var escalation: Escalation?
        var escalationChecked: CheckedExpression?
        if let escalateNode = fields["escalate"],
           let escalateFields = reader.fields(of: escalateNode, in: "'escalate'", allowed: ["require", "severity"], required: ["require", "severity"]),
           let compiled = compile(escalateFields["require"], environment, &reader),
           let level = reader.oneOf(escalateFields["severity"], "severity", as: FindingSeverity.self) {
            escalation = Escalation(requirement: compiled.expression, requirementText: compiled.text, severity: level)
            escalationChecked = compiled.checked
        }
        switch subject {
        case .loan:
            ledger = readLoanRule(fields, appliesTo: appliesTo?.checked, requirement: requirement?.checked,
                                  escalation: escalationChecked, &reader)
        case .loanGroup:
            ledger = completeGroupRule(ledger, appliesTo: appliesTo?.checked, requirement: requirement?.checked,
                                       escalation: fields["escalate"], &reader)
        default:
            break
        }
        if subject.isLedger, let node = fields["at_most"] {
            reader.error("'at_most' is not supported on ledger rules yet", node.location,
                         hint: "lower the rule's severity, or split it by lender type with applies_to")
        }
        var severityCaps: [SeverityCap] = []
        if let capsNode = fields["at_most"] {
            if let items = capsNode.sequence {
                for item in items {
                    guard let capFields = reader.fields(of: item, in: "an 'at_most' entry", allowed: ["when", "severity", "note"],
                                                        required: ["when", "severity", "note"]),
                          let condition = compile(capFields["when"], environment, &reader),
                          let level = reader.oneOf(capFields["severity"], "severity", as: FindingSeverity.self),
                          let note = reader.localized(capFields["note"], "the note of an 'at_most' entry") else { continue }
                    severityCaps.append(SeverityCap(condition: condition.expression, conditionText: condition.text,
                                                    severity: level, note: note))
                }
            } else {
                reader.error("'at_most' must be a list of {when, severity, note}", capsNode.location,
                             hint: "e.g. at_most: [{when: \"lender.type == 'private-lender'\", severity: info, note: {zh: …, en: …}}]")
            }
        }
        let texts = [fields["require"], fields["applies_to"], fields["escalate"]?.value(forKey: "require"), fields["where"]]
            .compactMap { $0?.scalar?.text }
        let used = ParameterReferences.names(in: texts.joined(separator: "\n"))
        let tests = (fields["tests"]?.sequence ?? []).compactMap { PackTestReader(fixtures: fixtures).read($0, &reader) }
        if let testsNode = fields["tests"], testsNode.sequence == nil {
            reader.error("'tests' must be a list of test cases", testsNode.location)
        }
        guard let title, let severity, let effective, let citation, let message, let requirement else { return nil }
        return Rule(id: id, title: title, subject: subject, appliesTo: appliesTo?.expression, appliesToText: appliesTo?.text,
                    requirement: requirement.expression, requirementText: requirement.text, escalation: escalation,
                    severity: severity, severityCaps: severityCaps, effective: effective, enforced: enforced, repealed: repealed,
                    newBusinessFrom: newBusinessFrom, citation: citation,
                    message: message, parameters: used.filter { name in parameters.contains { $0.name == name } },
                    location: node.location, tests: tests, ledger: ledger?.rule)
    }

    /// A boolean expression, compiled and kept typed (the ledger lowering reads the tree).
    func compile(
        _ node: Node?, _ environment: TypeEnvironment, _ reader: inout PackNodeReader, expecting: ValueType? = .boolean
    ) -> (expression: CompiledExpression, text: String, checked: CheckedExpression)? {
        guard let node, let text = reader.string(node, "an expression") else { return nil }
        do {
            let checked = try RuleExpression.check(text, origin: node.textOrigin, environment: environment, expecting: expecting)
            return (checked.compiled, text, checked)
        } catch {
            reader.diagnostics += error.diagnostics
            return nil
        }
    }

    private func readCitation(_ node: Node?, _ reader: inout PackNodeReader) -> Citation? {
        guard let node, let fields = reader.fields(of: node, in: "a citation",
                                                   allowed: ["regulation", "article", "verified", "url", "also", "quote", "source", "note"],
                                                   required: ["regulation", "article", "verified"]) else { return nil }
        let regulation = reader.localized(fields["regulation"], "the cited regulation")
        let article = reader.string(fields["article"], "the article") ?? ""
        let verified = reader.boolean(fields["verified"], "'verified'")
        let also = (fields["also"]?.sequence ?? []).compactMap { reader.string($0, "a further instrument") }
        let quote = reader.string(fields["quote"], "the quoted provision")
        let source = reader.string(fields["source"], "the source of the quote")
        let note = reader.string(fields["note"], "the citation note")
        guard let regulation, let verified else { return nil }
        return Citation(regulation: regulation, article: article, verified: verified,
                        url: reader.webAddress(fields["url"], "the citation URL"), also: also,
                        quote: quote, source: source, note: note, location: fields["verified"]?.location ?? node.location)
    }
}

/// Rule ids: `CN-BANK-CREDIT-LINE`.
enum RuleIdentifier {
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// The `param.NAME` references of a rule's expressions.
enum ParameterReferences {
    static func names(in text: String) -> [String] {
        var result: [String] = []
        let scalars = Array(text.unicodeScalars)
        let marker = Array("param.".unicodeScalars)
        var index = 0
        while index + marker.count <= scalars.count {
            let precededByName = index > 0 && (scalars[index - 1].properties.isAlphabetic || scalars[index - 1] == "_" || scalars[index - 1] == ".")
            if !precededByName, Array(scalars[index..<(index + marker.count)]) == marker {
                var end = index + marker.count
                while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end] == "_" || ("0"..."9").contains(scalars[end]) {
                    end += 1
                }
                let name = String(String.UnicodeScalarView(scalars[(index + marker.count)..<end]))
                if !name.isEmpty, !result.contains(name) { result.append(name) }
                index = end
            } else {
                index += 1
            }
        }
        return result
    }
}
