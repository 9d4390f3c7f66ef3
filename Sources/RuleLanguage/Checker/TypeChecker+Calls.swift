import Diagnostics

extension TypeChecker {
    mutating func call(
        _ name: String, nameSpan: SourceSpan, _ arguments: [Syntax.Argument], span: SourceSpan, _ scope: [Local]
    ) -> Typed? {
        guard let builtin = Builtin(rawValue: name) else {
            let hint = Suggestions.hint(for: name, in: Builtin.allCases.map(\.rawValue))
                ?? "functions are " + Builtin.allCases.map(\.rawValue).joined(separator: ", ")
            report("unknown function '\(name)'", at: nameSpan.start, hint: hint)
            return nil
        }
        if builtin.takesLambda { return listFunction(builtin, nameSpan: nameSpan, arguments, span: span, scope) }
        if builtin == .has { return has(nameSpan: nameSpan, arguments, span: span, scope) }
        if builtin == .on { return on(nameSpan: nameSpan, arguments, span: span, scope) }
        var typedArguments: [Typed] = []
        var failed = false
        for argument in arguments {
            switch argument {
            case .lambda(let parameter, let parameterSpan, _):
                report("\(name) takes no lambda", at: parameterSpan.start,
                       hint: "'\(parameter) => …' is only allowed in all, any, count, sum, filter and map")
                failed = true
            case .expression(let syntax):
                if let typed = check(syntax, scope) { typedArguments.append(typed) } else { failed = true }
            }
        }
        guard !failed else { return nil }
        let constant = typedArguments.allSatisfy(\.isConstant)
        let make = { (type: ValueType, arguments: [Typed], unit: CalendarDuration.Unit?) in
            Typed(.call(builtin, arguments, lambda: nil), type, span: span, anchor: nameSpan.start,
                  isConstant: constant, durationUnit: unit)
        }
        switch builtin {
        case .min, .max:
            if typedArguments.count == 1 {
                guard case .list(let element) = typedArguments[0].type, element.isOrdered else {
                    return arityError(builtin, nameSpan, found: typedArguments.map(\.type))
                }
                return make(element, typedArguments, nil)
            }
            guard typedArguments.count == 2 else { return arityError(builtin, nameSpan, found: typedArguments.map(\.type)) }
            guard let (a, b, type) = unify(typedArguments[0], typedArguments[1]), type.isOrdered else {
                report("\(name) needs two values of the same ordered type, found \(typedArguments[0].type) and \(typedArguments[1].type)",
                       at: nameSpan.start)
                return nil
            }
            let unit = a.durationUnit == b.durationUnit ? a.durationUnit : nil
            return make(type, [a, b], unit)
        case .abs:
            guard typedArguments.count == 1,
                  [.integer, .decimal, .money, .ratio, .rate, .duration].contains(typedArguments[0].type) else {
                return arityError(builtin, nameSpan, found: typedArguments.map(\.type))
            }
            return make(typedArguments[0].type, typedArguments, typedArguments[0].durationUnit)
        case .len:
            guard typedArguments.count == 1, typedArguments[0].type.elementType != nil || typedArguments[0].type == .string else {
                return arityError(builtin, nameSpan, found: typedArguments.map(\.type))
            }
            return make(.integer, typedArguments, nil)
        case .daysBetween:
            guard typedArguments.map(\.type) == [.date, .date] else {
                return arityError(builtin, nameSpan, found: typedArguments.map(\.type))
            }
            return make(.integer, typedArguments, nil)
        case .each:
            guard typedArguments.count == 1, case .list(let element) = typedArguments[0].type else {
                return arityError(builtin, nameSpan, found: typedArguments.map(\.type))
            }
            return make(element, typedArguments, nil)
        case .annualized, .perDay, .perMonth, .perYear:
            guard typedArguments.map(\.type) == [.rate] else {
                return arityError(builtin, nameSpan, found: typedArguments.map(\.type))
            }
            return make(builtin == .annualized ? .ratio : .rate, typedArguments, nil)
        default:
            return nil
        }
    }

    private mutating func arityError(_ builtin: Builtin, _ nameSpan: SourceSpan, found: [ValueType]) -> Typed? {
        let given = found.isEmpty ? "no arguments" : found.map(\.description).joined(separator: ", ")
        report("wrong arguments for \(builtin.rawValue): \(given)", at: nameSpan.start, hint: "write \(builtin.signature)")
        return nil
    }

    /// `has(record.field)`: true when the field is present.
    private mutating func has(
        nameSpan: SourceSpan, _ arguments: [Syntax.Argument], span: SourceSpan, _ scope: [Local]
    ) -> Typed? {
        guard arguments.count == 1, case .expression(let syntax) = arguments[0], case .field = syntax.kind else {
            report("has needs one field path", at: nameSpan.start, hint: "write has(record.field), e.g. has(product.income_cap)")
            return nil
        }
        guard let typed = check(syntax, scope) else { return nil }
        return Typed(.call(.has, [typed], lambda: nil), .boolean, span: span, anchor: nameSpan.start, isConstant: false)
    }

    /// `on(param.NAME, date)`: a dated history's value on a date computed per subject (a loan's contract
    /// date), where `param.NAME` alone is the value on the as-of date.
    private mutating func on(
        nameSpan: SourceSpan, _ arguments: [Syntax.Argument], span: SourceSpan, _ scope: [Local]
    ) -> Typed? {
        guard arguments.count == 2, case .expression(let target) = arguments[0], case .expression(let dateSyntax) = arguments[1],
              case .field(let base, let field, let fieldSpan) = target.kind, case .name(let variable) = base.kind else {
            report("on needs a dated parameter and a date", at: nameSpan.start,
                   hint: "write on(param.NAME, date), e.g. on(param.lpr_1y, loan.contract_date)")
            return nil
        }
        guard let history = environment.histories[variable]?[field] else {
            let known = environment.histories[variable].map { Array($0.keys).sorted() } ?? []
            report("'\(variable).\(field)' has no dated history to read with on", at: fieldSpan.start,
                   hint: Suggestions.hint(for: field, in: known)
                       ?? (known.isEmpty ? "on reads a pack parameter: on(param.NAME, date)" : "dated: " + known.joined(separator: ", ")))
            return nil
        }
        guard let typedTarget = check(target, scope), let date = check(dateSyntax, scope) else { return nil }
        guard expect(date, .date, "the second argument of on") else { return nil }
        _ = history
        return Typed(.call(.on, [typedTarget, date], lambda: nil), typedTarget.type, span: span, anchor: nameSpan.start,
                     isConstant: false)
    }

    /// all, any, count, sum, filter, map: a list and (for some, optionally) a lambda over its elements.
    private mutating func listFunction(
        _ builtin: Builtin, nameSpan: SourceSpan, _ arguments: [Syntax.Argument], span: SourceSpan, _ scope: [Local]
    ) -> Typed? {
        let lambdaOptional = builtin == .count || builtin == .sum
        guard arguments.count == 2 || (lambdaOptional && arguments.count == 1),
              case .expression(let listSyntax) = arguments[0] else {
            report("wrong arguments for \(builtin.rawValue)", at: nameSpan.start, hint: "write \(builtin.signature)")
            return nil
        }
        guard let list = check(listSyntax, scope) else { return nil }
        guard case .list(let element) = list.type else {
            report("\(builtin.rawValue) needs a list, found \(list.type)", at: listSyntax.span.start,
                   hint: "write \(builtin.signature)")
            return nil
        }
        var lambda: Typed.Lambda?
        if arguments.count == 2 {
            guard case .lambda(let parameter, let parameterSpan, let bodySyntax) = arguments[1] else {
                report("the second argument of \(builtin.rawValue) must be a lambda", at: arguments[1].span.start,
                       hint: "write \(builtin.signature)")
                return nil
            }
            if scope.contains(where: { $0.name == parameter }) || environment.variables[parameter] != nil {
                report("'\(parameter)' is already defined", at: parameterSpan.start, hint: "choose another parameter name")
                return nil
            }
            let slot = newSlot()
            guard let body = check(bodySyntax, scope + [Local(name: parameter, slot: slot, type: element)]) else { return nil }
            lambda = Typed.Lambda(slot: slot, parameter: parameter, body: body)
        }
        let resultType: ValueType
        var unit: CalendarDuration.Unit?
        switch builtin {
        case .all, .any, .count, .filter:
            if let body = lambda?.body, !expect(body, .boolean, "the lambda of \(builtin.rawValue)") { return nil }
            resultType = builtin == .count ? .integer : builtin == .filter ? list.type : .boolean
        case .map:
            resultType = .list(lambda?.body.type ?? element)
        default:
            let summed = lambda?.body.type ?? element
            guard [.integer, .decimal, .money, .ratio, .rate, .duration].contains(summed) else {
                report("sum needs numbers, amounts, ratios, rates or durations, found \(summed)",
                       at: (lambda.map { $0.body.span } ?? list.span).start)
                return nil
            }
            resultType = summed
            unit = lambda?.body.durationUnit
        }
        return Typed(.call(builtin, [list], lambda: lambda), resultType, span: span, anchor: nameSpan.start,
                     isConstant: false, durationUnit: unit)
    }
}
