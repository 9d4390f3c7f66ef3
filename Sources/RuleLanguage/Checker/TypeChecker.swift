import Diagnostics

/// Resolves names against a `TypeEnvironment` and types every node, collecting every error it can find
/// (a node with an error is dropped, so one mistake does not cascade into more messages).
struct TypeChecker {
    struct Local {
        let name: String
        let slot: Int
        let type: ValueType
    }

    let environment: TypeEnvironment
    let source: ExpressionSource
    private(set) var diagnostics: [Diagnostic] = []
    /// Lambda slots used so far; the frame reserves this many.
    private(set) var slotCount = 0

    init(environment: TypeEnvironment, source: ExpressionSource) {
        self.environment = environment
        self.source = source
    }

    mutating func report(_ message: String, at offset: Int, hint: String? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic.error(message, at: source.location(offset), hint: hint, notes: notes))
    }

    mutating func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    // MARK: Dispatch

    mutating func check(_ syntax: Syntax, _ scope: [Local]) -> Typed? {
        switch syntax.kind {
        case .literal(let value, let bare):
            return literal(value, bare: bare, span: syntax.span)
        case .name(let name):
            return resolveName(name, span: syntax.span, scope)
        case .field(let base, let name, let nameSpan):
            return field(base, name, nameSpan: nameSpan, span: syntax.span, scope)
        case .index(let base, let position):
            return index(base, position, span: syntax.span, scope)
        case .negate(let operand):
            return negate(operand, span: syntax.span, scope)
        case .not(let operand):
            guard let typed = check(operand, scope) else { return nil }
            guard expect(typed, .boolean, "'not'") else { return nil }
            return Typed(.not(typed), .boolean, span: syntax.span, isConstant: typed.isConstant)
        case .binary(let op, let left, let right, let operatorSpan):
            return binary(op, left, right, operatorAt: operatorSpan.start, span: syntax.span, scope)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return conditional(condition, whenTrue, whenFalse, span: syntax.span, scope)
        case .call(let name, let nameSpan, let arguments):
            return call(name, nameSpan: nameSpan, arguments, span: syntax.span, scope)
        case .list(let elements):
            return list(elements, span: syntax.span, scope)
        }
    }

    /// Reports and returns false unless `typed` has type `expected`.
    mutating func expect(_ typed: Typed, _ expected: ValueType, _ context: String) -> Bool {
        if typed.type == expected { return true }
        report("\(context) needs a \(expected), found \(typed.type)", at: typed.span.start)
        return false
    }

    // MARK: Leaves

    private func literal(_ value: Value, bare: Bool, span: SourceSpan) -> Typed {
        var unit: CalendarDuration.Unit?
        if case .duration(let duration) = value { unit = duration.unit }
        return Typed(.constant(value), Self.type(of: value), span: span, isConstant: true, isBareNumber: bare,
                     durationUnit: unit)
    }

    /// The static type of a literal value (literals are never records or enums).
    static func type(of value: Value) -> ValueType {
        switch value {
        case .boolean: .boolean
        case .integer: .integer
        case .decimal: .decimal
        case .money: .money
        case .ratio: .ratio
        case .rate: .rate
        case .date: .date
        case .duration: .duration
        case .province: .province
        case .string: .string
        case .enumeration(let value): .enumeration(value.typeName)
        case .record(let record): .record(record.typeName)
        case .list(let list): .list(list.elements.first.map(type(of:)) ?? .string)
        }
    }

    private mutating func resolveName(_ name: String, span: SourceSpan, _ scope: [Local]) -> Typed? {
        if let local = scope.last(where: { $0.name == name }) {
            return Typed(.local(slot: local.slot, name: name), local.type, span: span, isConstant: false)
        }
        if let type = environment.variables[name] {
            return Typed(.variable(name), type, span: span, isConstant: false)
        }
        let candidates = scope.map(\.name) + environment.variables.keys.sorted()
        var hint = Suggestions.hint(for: name, in: candidates)
        if hint == nil, let builtin = Suggestions.closest(to: name, in: Builtin.allCases.map(\.rawValue)),
           builtin == name {
            hint = "\(name) is a function: \(Builtin(rawValue: name)?.signature ?? name)"
        }
        if hint == nil, let enumCase = enumCase(spelledLike: name) {
            hint = "write the case as a string: '\(enumCase)'"
        }
        if hint == nil, !candidates.isEmpty, candidates.count <= 8 {
            hint = "names in scope: " + candidates.joined(separator: ", ")
        }
        report("unknown name '\(name)'", at: span.start, hint: hint)
        return nil
    }

    /// `local_bank` → `local-bank` when that is a case of some enum (a forgotten quote).
    private func enumCase(spelledLike name: String) -> String? {
        let dashed = name.replacingUnderscores
        for enumType in environment.enums.values.sorted(by: { $0.name < $1.name }) {
            if let match = enumType.cases.first(where: { $0 == name || $0 == dashed }) { return match }
        }
        return nil
    }

    private mutating func field(
        _ base: Syntax, _ name: String, nameSpan: SourceSpan, span: SourceSpan, _ scope: [Local]
    ) -> Typed? {
        guard let typedBase = check(base, scope) else { return nil }
        guard case .record(let typeName) = typedBase.type else {
            let baseText = source.text(of: base.span)
            if case .list(let element) = typedBase.type {
                report("'\(baseText)' is a list of \(element), not a record", at: nameSpan.start,
                       hint: "use all(\(baseText), x => x.\(name) …), any(…), sum(…), or an index like \(baseText)[0].\(name)")
            } else {
                report("\(typedBase.type) has no fields", at: nameSpan.start,
                       hint: "'\(baseText)' is a \(typedBase.type) value")
            }
            return nil
        }
        guard let record = environment.records[typeName] else {
            report("record type '\(typeName)' is not declared", at: nameSpan.start)
            return nil
        }
        guard let declaration = record.field(name) else {
            let names = record.fields.map(\.name)
            var notes: [Diagnostic.Note] = []
            if names.count <= 12 { notes.append(Diagnostic.Note("\(typeName) has fields: " + names.joined(separator: ", "))) }
            report("\(typeName) has no field '\(name)'", at: nameSpan.start,
                   hint: Suggestions.hint(for: name, in: names), notes: notes)
            return nil
        }
        // The declaration's copy of the name, not the rule text's: records hold the schema's strings, so
        // reading the field at run time compares two references to one string instead of their bytes.
        return Typed(.field(typedBase, name: declaration.name), declaration.type, span: span, anchor: nameSpan.start,
                     isConstant: false)
    }

    private mutating func index(_ base: Syntax, _ position: Syntax, span: SourceSpan, _ scope: [Local]) -> Typed? {
        let typedBase = check(base, scope)
        let typedIndex = check(position, scope)
        guard let typedBase, let typedIndex else { return nil }
        guard case .list(let element) = typedBase.type else {
            report("only lists can be indexed; '\(source.text(of: base.span))' is a \(typedBase.type)", at: position.span.start)
            return nil
        }
        guard expect(typedIndex, .integer, "a list index") else { return nil }
        return Typed(.index(typedBase, typedIndex), element, span: span, anchor: position.span.start,
                     isConstant: typedBase.isConstant && typedIndex.isConstant)
    }

    private mutating func negate(_ operand: Syntax, span: SourceSpan, _ scope: [Local]) -> Typed? {
        guard let typed = check(operand, scope) else { return nil }
        switch typed.type {
        case .integer, .decimal, .ratio, .money, .rate, .duration:
            return Typed(.negate(typed), typed.type, span: span, isConstant: typed.isConstant,
                         isBareNumber: typed.isBareNumber, durationUnit: typed.durationUnit)
        default:
            report("cannot negate \(typed.type)", at: span.start)
            return nil
        }
    }

    private mutating func conditional(
        _ condition: Syntax, _ whenTrue: Syntax, _ whenFalse: Syntax, span: SourceSpan, _ scope: [Local]
    ) -> Typed? {
        let typedCondition = check(condition, scope)
        let first = check(whenTrue, scope)
        let second = check(whenFalse, scope)
        guard let typedCondition, let first, let second else { return nil }
        guard expect(typedCondition, .boolean, "the condition of 'if'") else { return nil }
        guard let (left, right, type) = unify(first, second) else {
            report("the branches of 'if' have different types: \(first.type) and \(second.type)", at: whenFalse.span.start)
            return nil
        }
        let unit = left.durationUnit == right.durationUnit ? left.durationUnit : nil
        return Typed(.conditional(typedCondition, then: left, else: right), type, span: span,
                     isConstant: typedCondition.isConstant && left.isConstant && right.isConstant, durationUnit: unit)
    }

    private mutating func list(_ elements: [Syntax], span: SourceSpan, _ scope: [Local]) -> Typed? {
        let typed = elements.map { check($0, scope) }
        guard !elements.isEmpty else {
            report("an empty list [] has no element type", at: span.start, hint: "test for emptiness with count(list) == 0")
            return nil
        }
        var members = typed.compactMap { $0 }
        guard members.count == elements.count else { return nil }
        for position in 1..<max(1, members.count) {
            guard let (_, _, type) = unify(members[0], members[position]) else {
                report("list elements have different types: \(members[0].type) and \(members[position].type)",
                       at: members[position].span.start)
                return nil
            }
            if type == .money { members = members.map { toMoney($0) } }
            if type == .decimal { members = members.map(widenToDecimal) }
        }
        return Typed(.list(members), .list(members[0].type), span: span,
                     isConstant: members.allSatisfy(\.isConstant))
    }

    /// A common type for two values that appear in the same place (branches, list elements, min/max):
    /// equal types; integer with decimal; money with a bare number (read as yuan).
    func unify(_ left: Typed, _ right: Typed) -> (Typed, Typed, ValueType)? {
        if left.type == right.type { return (left, right, left.type) }
        if left.type.isScalar, right.type.isScalar { return (widenToDecimal(left), widenToDecimal(right), .decimal) }
        if left.type == .money, right.type.isScalar, right.isConstant { return (left, toMoney(right), .money) }
        if right.type == .money, left.type.isScalar, left.isConstant { return (toMoney(left), right, .money) }
        return nil
    }

    /// An integer where a decimal is expected; values convert at run time, so only the type changes.
    func widenToDecimal(_ typed: Typed) -> Typed {
        guard typed.type == .integer else { return typed }
        return Typed(.convert(typed), .decimal, span: typed.span, anchor: typed.anchor, isConstant: typed.isConstant,
                     isBareNumber: typed.isBareNumber)
    }

    /// A bare number constant read as yuan.
    func toMoney(_ typed: Typed) -> Typed {
        guard typed.type.isScalar else { return typed }
        return Typed(.convert(typed), .money, span: typed.span, anchor: typed.anchor, isConstant: typed.isConstant)
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
