import FoundationEssentials
import Diagnostics
import RuleLanguage

/// Lowers a ledger rule's type-checked expressions into the plan the ledger engines run.
///
/// The ledger engines run a subset of the rule language: comparisons, `and`/`or`/`not`/`if`, `in`
/// with a list of values, `has`, exact `+ - *`, parameters (also `on(param.x, date)`), the loan's
/// columns, institution fields of its lender and funders, quantifiers and counts over
/// `loan.fundings` (with `filter`), and in a group rule `sum`/`count`/`min`/`max` over `loans`.
/// Anything else is rejected here, at the rule's own line, with what to write instead — a rule is
/// never silently run some other way.
public struct LedgerLowering {
    /// Where an expression is read.
    public enum Context: Sendable {
        /// A Loan rule: `loan`, `lender`, `param`, `as_of`.
        case loan
        /// A LoanGroup rule's `where`: `position`, `loan`, `param`, `as_of`.
        case position
        /// A LoanGroup rule's `applies_to` and the bound of its `require`: `key`, `param`, `as_of`.
        case group([GroupKey])
    }

    enum Local {
        /// An element of `loan.fundings`.
        case funding
        /// An element of a group's `loans` (a position).
        case position
    }

    let checked: CheckedExpression
    let context: Context
    private var locals: [Int: Local] = [:]
    /// Inside a quantifier over `loan.fundings`, `.funder` means the element: a position's own funder
    /// cannot be read there.
    var inFundingQuantifier = false
    var diagnostics: [Diagnostic] = []

    func localBinding(_ slot: Int) -> Local? { locals[slot] }

    mutating func bindPosition(_ slot: Int) { locals[slot] = .position }

    private init(_ checked: CheckedExpression, context: Context) {
        self.checked = checked
        self.context = context
    }

    // MARK: - Entry points

    /// A boolean expression (`applies_to`, `require`, `where`, `escalate.require`).
    public static func condition(_ checked: CheckedExpression, context: Context) throws(DiagnosticList) -> LedgerCondition {
        var lowering = LedgerLowering(checked, context: context)
        guard let condition = lowering.condition(checked.typed), lowering.diagnostics.isEmpty else {
            throw DiagnosticList(lowering.diagnostics.isEmpty
                ? [lowering.unsupported(checked.typed, "this expression")] : lowering.diagnostics)
        }
        return condition
    }

    /// One part of a `group_by` key, read in the position context.
    public static func key(named name: String, _ checked: CheckedExpression) throws(DiagnosticList) -> GroupKey {
        let lowering = LedgerLowering(checked, context: .position)
        let typed = checked.typed
        if case .call(.each, let arguments, _) = typed.kind, let (root, fields) = lowering.path(arguments[0]),
           lowering.isPosition(root), fields == ["partner_groups"] {
            return GroupKey(name: name, kind: .partnerGroup)
        }
        if let (root, fields) = lowering.path(typed) {
            let loanFields = lowering.loanPath(root, fields)
            if lowering.isPosition(root), fields == ["funder"] || fields == ["institution"] { return GroupKey(name: name, kind: .funder) }
            if loanFields == ["lender"] { return GroupKey(name: name, kind: .lender) }
            if loanFields == ["borrower_id"] { return GroupKey(name: name, kind: .borrower) }
            if loanFields == ["borrower_group"] { return GroupKey(name: name, kind: .borrowerGroup) }
        }
        throw DiagnosticList([Diagnostic.error(
            "the ledger engines cannot group by '\(checked.text(of: typed.span))'", at: checked.location(typed.anchor),
            hint: "a key part is position.funder, loan.lender, loan.borrower_id, loan.borrower_group or each(position.partner_groups)")])
    }

    /// A group rule's `require`: `AGGREGATE op BOUND` (either way round), the bound over the key and
    /// parameters.
    public static func groupRequirement(_ checked: CheckedExpression, keys: [GroupKey])
        throws(DiagnosticList) -> (aggregate: LedgerAggregate, comparison: BinaryOperator, bound: LedgerValue) {
        var lowering = LedgerLowering(checked, context: .group(keys))
        let typed = checked.typed
        guard case .comparison(let op, let left, let right) = typed.kind, op.isComparison else {
            throw DiagnosticList([Diagnostic.error(
                "a LoanGroup rule requires one comparison of an aggregate with a bound", at: checked.location(typed.anchor),
                hint: "write e.g. sum(loans, p => p.funded) <= param.cap * key.funder.financials.net_assets")])
        }
        let leftIsAggregate = lowering.isAggregateCall(left)
        guard leftIsAggregate != lowering.isAggregateCall(right) else {
            throw DiagnosticList([Diagnostic.error(
                "one side of the comparison is an aggregate over loans, the other a bound", at: checked.location(typed.anchor),
                hint: "write sum(loans, p => …), count(loans), min(…) or max(…) on one side only")])
        }
        let aggregateSide = leftIsAggregate ? left : right
        let boundSide = leftIsAggregate ? right : left
        let aggregate = lowering.aggregate(aggregateSide)
        let bound = lowering.value(boundSide)
        guard let aggregate, let bound, lowering.diagnostics.isEmpty else {
            throw DiagnosticList(lowering.diagnostics.isEmpty ? [lowering.unsupported(typed, "this requirement")] : lowering.diagnostics)
        }
        return (aggregate, leftIsAggregate ? op : Self.flipped(op), bound)
    }

    static func flipped(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        default: op
        }
    }

    // MARK: - Conditions

    mutating func condition(_ typed: Typed) -> LedgerCondition? {
        if case .constant(.boolean(let value)) = typed.kind { return .constant(value) }
        switch typed.kind {
        case .logical(let op, let left, let right):
            guard let l = condition(left), let r = condition(right) else { return nil }
            return op == .and ? .and(l, r) : .or(l, r)
        case .not(let operand):
            return condition(operand).map(LedgerCondition.not)
        case .conditional(let test, let whenTrue, let whenFalse):
            guard let c = condition(test), let t = condition(whenTrue), let e = condition(whenFalse) else { return nil }
            return .conditional(c, then: t, else: e)
        case .comparison(let op, let left, let right):
            return comparison(op, left, right, typed)
        case .call(.has, let arguments, _):
            return value(arguments[0]).map(LedgerCondition.present)
        case .call(let builtin, let arguments, let lambda) where builtin == .all || builtin == .any:
            return quantifier(all: builtin == .all, arguments[0], lambda, typed)
        default:
            guard typed.type == .boolean, let value = value(typed) else {
                if diagnostics.isEmpty { diagnostics.append(unsupported(typed, "this condition")) }
                return nil
            }
            return .value(value)
        }
    }

    private mutating func comparison(_ op: BinaryOperator, _ left: Typed, _ right: Typed, _ typed: Typed) -> LedgerCondition? {
        switch op {
        case .in, .notIn:
            guard case .list(let elements) = right.kind else {
                diagnostics.append(unsupported(right, "'in' with this list",
                                               hint: "the ledger engines test membership in a written list: x in ['a', 'b']"))
                return nil
            }
            guard let needle = value(left) else { return nil }
            var options: [LedgerValue] = []
            for element in elements {
                guard let option = value(element) else { return nil }
                options.append(option)
            }
            return .member(needle, options, negated: op == .notIn)
        case .subset:
            diagnostics.append(unsupported(typed, "'subset'", hint: "compare single values: a loan has one region"))
            return nil
        default:
            guard let l = value(left), let r = value(right) else { return nil }
            return .compare(op, l, r)
        }
    }

    private mutating func quantifier(all: Bool, _ list: Typed, _ lambda: Typed.Lambda?, _ typed: Typed) -> LedgerCondition? {
        guard let lambda else { return nil }
        guard let filter = fundingsFilter(list) else {
            if diagnostics.isEmpty {
                diagnostics.append(unsupported(list, "a quantifier over this list", hint: "all(…) and any(…) range over loan.fundings"))
            }
            return nil
        }
        guard let body = insideFundings(slot: lambda.slot, { $0.condition(lambda.body) }) else { return nil }
        guard let filter = filter.condition else { return .fundings(all: all, body) }
        // all over the filtered list: every element outside the filter passes; any: it must also match.
        return .fundings(all: all, all ? .or(.not(filter), body) : .and(filter, body))
    }

    /// `loan.fundings` (no filter) or `filter(loan.fundings, f => c)` (its condition); nil for any
    /// other list.
    private mutating func fundingsFilter(_ list: Typed) -> (condition: LedgerCondition?, Void)? {
        if let (root, fields) = path(list), loanPath(root, fields) == ["fundings"] { return (nil, ()) }
        if case .call(.filter, let arguments, let lambda?) = list.kind, let inner = fundingsFilter(arguments[0]) {
            guard let condition = insideFundings(slot: lambda.slot, { $0.condition(lambda.body) }) else { return nil }
            return (inner.condition.map { .and($0, condition) } ?? condition, ())
        }
        return nil
    }

    private mutating func insideFundings<T>(slot: Int, _ body: (inout LedgerLowering) -> T?) -> T? {
        let saved = inFundingQuantifier
        inFundingQuantifier = true
        locals[slot] = .funding
        defer { inFundingQuantifier = saved }
        return body(&self)
    }

    // MARK: - Values

    mutating func value(_ typed: Typed) -> LedgerValue? {
        switch typed.kind {
        case .constant(let value):
            return .constant(value)
        case .convert(let inner):
            if case .constant(let value) = inner.kind, let converted = Self.convert(value, to: typed.type) {
                return .constant(converted)
            }
            diagnostics.append(unsupported(typed, "this conversion", hint: "write the unit: 200000 as 20万 or ¥200,000"))
            return nil
        case .arithmetic(let op, let left, let right):
            guard op == .add || op == .subtract || op == .multiply else {
                diagnostics.append(unsupported(typed, "'\(op.rawValue)'",
                                               hint: "the ledger engines compute exactly with + - *: multiply by a ratio instead of dividing"))
                return nil
            }
            guard [.money, .ratio, .decimal, .integer].contains(typed.type) else {
                diagnostics.append(unsupported(typed, "arithmetic on \(typed.type)"))
                return nil
            }
            guard let l = value(left), let r = value(right) else { return nil }
            return .arithmetic(op, l, r, type: typed.type)
        case .call(.on, let arguments, _):
            guard case .field(_, let name) = arguments[0].kind, let date = value(arguments[1]) else { return nil }
            return .parameterOn(name, type: typed.type, date: date)
        case .call(.count, let arguments, let lambda):
            guard let filter = fundingsFilter(arguments[0]) else {
                diagnostics.append(unsupported(typed, "count over this list", hint: "count(loan.fundings) or count(loan.fundings, f => …)"))
                return nil
            }
            var condition = filter.condition
            if let lambda {
                guard let body = insideFundings(slot: lambda.slot, { $0.condition(lambda.body) }) else { return nil }
                condition = condition.map { .and($0, body) } ?? body
            }
            return .fundingCount(condition)
        default:
            if let (root, fields) = path(typed) { return pathValue(root, fields, typed) }
            diagnostics.append(unsupported(typed, "this value"))
            return nil
        }
    }

    /// A bare number next to money is yuan; an integer next to a decimal widens.
    static func convert(_ value: Value, to type: ValueType) -> Value? {
        switch (value, type) {
        case (.integer(let number), .money): .money(ExactNumber(number))
        case (.decimal(let number), .money): .money(number)
        case (.integer(let number), .decimal): .decimal(ExactNumber(number))
        default: nil
        }
    }
}
