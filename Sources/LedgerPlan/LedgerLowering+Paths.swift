import Diagnostics
import RuleLanguage

extension LedgerLowering {
    /// Where a field path starts: a variable, or a lambda parameter.
    enum PathRoot {
        case variable(String)
        case local(Int)
    }

    /// `loan.lender.type` → (`loan`, [`lender`, `type`]); nil when `typed` is not a plain path.
    func path(_ typed: Typed) -> (PathRoot, [String])? {
        switch typed.kind {
        case .variable(let name): return (.variable(name), [])
        case .local(let slot, _): return (.local(slot), [])
        case .field(let base, let name):
            guard let (root, fields) = path(base) else { return nil }
            return (root, fields + [name])
        default: return nil
        }
    }

    /// Whether a path starts at a position (`position` in a `where`, `p` in `sum(loans, p => …)`).
    func isPosition(_ root: PathRoot) -> Bool {
        switch root {
        case .variable(let name):
            if case .position = context { return name == "position" }
            return false
        case .local(let slot):
            if case .position? = localBinding(slot) { return true }
            return false
        }
    }

    /// The fields after the loan, when the path reads the loan (`loan.x`, `position.loan.x`).
    func loanPath(_ root: PathRoot, _ fields: [String]) -> [String]? {
        if case .variable("loan") = root, !isGroupContext { return fields }
        if isPosition(root), fields.first == "loan" { return Array(fields.dropFirst()) }
        return nil
    }

    var isGroupContext: Bool {
        if case .group = context { return true }
        return false
    }

    mutating func pathValue(_ root: PathRoot, _ fields: [String], _ typed: Typed) -> LedgerValue? {
        if case .variable(let name) = root {
            switch name {
            case "param":
                if fields.count == 1 { return .parameter(fields[0], type: typed.type) }
            case "as_of":
                if fields.isEmpty { return .asOf }
            case "lender":
                if case .loan = context { return institution(.lender, fields, typed) }
            case "key":
                if case .group(let keys) = context, let name = fields.first, let index = keys.firstIndex(where: { $0.name == name }) {
                    if keys[index].isInstitution { return institution(.key(index), Array(fields.dropFirst()), typed) }
                    if fields.count == 1 { return .keyText(index) }
                }
            default:
                break
            }
        }
        if let loanFields = loanPath(root, fields) {
            if loanFields.first == "lender" { return institution(.lender, Array(loanFields.dropFirst()), typed) }
            if loanFields.count == 1, let field = LoanField(rawValue: loanFields[0]) { return .loan(field) }
            if loanFields == ["fundings"] {
                diagnostics.append(unsupported(typed, "loan.fundings here",
                                               hint: "read it in all(…), any(…), count(…) or filter(…)"))
                return nil
            }
        }
        if isPosition(root) || isFundingElement(root) {
            if isPosition(root), inFundingQuantifier, case .variable = root {
                diagnostics.append(unsupported(typed, "the position inside a quantifier over loan.fundings",
                                               hint: "test the position's own funder outside all(…)/any(…)"))
                return nil
            }
            if fields.first == "funder" { return institution(.funder, Array(fields.dropFirst()), typed) }
            if fields.count == 1, let field = FundingField(rawValue: fields[0]) { return .funding(field) }
        }
        diagnostics.append(unsupported(typed, "'\(checked.text(of: typed.span))'"))
        return nil
    }

    func isFundingElement(_ root: PathRoot) -> Bool {
        if case .local(let slot) = root, case .funding? = localBinding(slot) { return true }
        return false
    }

    mutating func institution(_ reference: InstitutionRef, _ fields: [String], _ typed: Typed) -> LedgerValue? {
        switch typed.type {
        case .list, .record:
            diagnostics.append(unsupported(typed, "a whole record or list of an institution",
                                           hint: "read one field, e.g. lender.type or lender.financials.net_assets"))
            return nil
        default:
            guard !fields.isEmpty else { return nil }
            return .institution(reference, path: fields, type: typed.type)
        }
    }

    // MARK: - Aggregates

    func isAggregateCall(_ typed: Typed) -> Bool {
        switch typed.kind {
        case .call(.sum, let arguments, _), .call(.count, let arguments, _):
            return isLoans(arguments[0])
        case .call(.min, let arguments, _), .call(.max, let arguments, _):
            if arguments.count == 1, case .call(.map, let inner, _) = arguments[0].kind { return isLoans(inner[0]) }
            return false
        default:
            return false
        }
    }

    private func isLoans(_ typed: Typed) -> Bool {
        if case .variable("loans") = typed.kind { return true }
        return false
    }

    mutating func aggregate(_ typed: Typed) -> LedgerAggregate? {
        switch typed.kind {
        case .call(.sum, _, let lambda?):
            guard let value = overPositions(lambda, { $0.value(lambda.body) }) else { return nil }
            return LedgerAggregate(function: .sum, value: value, filter: nil, type: typed.type)
        case .call(.count, _, let lambda):
            guard let lambda else { return LedgerAggregate(function: .count, value: nil, filter: nil, type: .integer) }
            guard let filter = overPositions(lambda, { $0.condition(lambda.body) }) else { return nil }
            return LedgerAggregate(function: .count, value: nil, filter: filter, type: .integer)
        case .call(let builtin, let arguments, _) where builtin == .min || builtin == .max:
            guard case .call(.map, _, let lambda?) = arguments[0].kind,
                  let value = overPositions(lambda, { $0.value(lambda.body) }) else { return nil }
            return LedgerAggregate(function: builtin == .min ? .min : .max, value: value, filter: nil, type: typed.type)
        default:
            diagnostics.append(unsupported(typed, "this aggregate",
                                           hint: "sum(loans, p => p.funded), count(loans), max(map(loans, p => …))"))
            return nil
        }
    }

    private mutating func overPositions<T>(_ lambda: Typed.Lambda, _ body: (inout LedgerLowering) -> T?) -> T? {
        bindPosition(lambda.slot)
        return body(&self)
    }

    // MARK: - Messages

    func unsupported(_ typed: Typed, _ what: String, hint: String? = nil) -> Diagnostic {
        let where_: String
        switch context {
        case .loan: where_ = "a Loan rule"
        case .position: where_ = "a LoanGroup rule's where or group_by"
        case .group: where_ = "a LoanGroup rule's require or applies_to"
        }
        return Diagnostic.error(
            "the ledger engines cannot run \(what) in \(where_): '\(checked.text(of: typed.span))'", at: checked.location(typed.anchor),
            hint: hint ?? "ledger rules use comparisons, and/or/not/if, in [...], has(…), exact + - *, param.x, on(param.x, date), "
                + "loan columns, institution fields, all/any/count/filter over loan.fundings and sum/count/min/max over loans")
    }
}
