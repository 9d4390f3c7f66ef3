import Diagnostics
extension Compiler {
    mutating func call(_ builtin: Builtin, _ arguments: [Typed], _ lambda: Typed.Lambda?, typed: Typed) -> Node {
        let location = location(typed)
        let label = label(typed)
        if builtin == .has, case .field(let baseTyped, let name) = arguments[0].kind {
            let base = compile(baseTyped)
            let baseValue = base.evaluate
            let field = FieldLookup(name)
            var node = Node(type: .boolean, label: label, location: location) { frame throws(Interrupt) in
                let value: Value
                do throws(Interrupt) {
                    value = try baseValue(frame)
                } catch {
                    // A record that is itself absent has no fields either.
                    if case .unknown = error { return .boolean(false) }
                    throw error
                }
                guard case .record(let record) = value else { throw Located.failure(location, "has needs a record field") }
                return .boolean(field.value(in: record) != nil)
            }
            node.explain = Explainer.has(base: base, name: name, location: location)
            return node
        }
        if builtin == .on { return on(arguments, typed: typed, label: label, location: location) }
        if builtin == .each {
            // Only a LoanGroup rule's key uses each(…), and keys are computed by the ledger engines.
            return Node(type: typed.type, label: label, location: location) { _ throws(Interrupt) in
                throw Located.failure(location, "each(…) names a multi-valued group key; it has no single value")
            }
        }
        let nodes = arguments.map { compile($0) }
        if let lambda {
            return lambdaCall(builtin, list: nodes[0], lambda: lambda, type: typed.type, label: label, location: location)
        }
        let thunks = nodes.map(\.evaluate)
        let type = typed.type
        return Node(type: type, label: label, location: location) { frame throws(Interrupt) in
            var values: [Value] = []
            values.reserveCapacity(thunks.count)
            for thunk in thunks { values.append(try thunk(frame)) }
            return try Located.run(location) { () throws(OperationError) in try Builtins.apply(builtin, values, type: type) }
        }
    }

    /// `on(param.NAME, date)`: the history's value in force on the date; an error before its first day.
    private mutating func on(_ arguments: [Typed], typed: Typed, label: String, location: SourceLocation) -> Node {
        guard case .field(let base, let field) = arguments[0].kind, case .variable(let variable) = base.kind,
              let history = histories[variable]?[field] else {
            return Node(type: typed.type, label: label, location: location) { _ throws(Interrupt) in
                throw Located.failure(location, "on has no dated history for '\(label)'")
            }
        }
        let date = compile(arguments[1]).evaluate
        let name = "\(variable).\(field)"
        return Node(type: typed.type, label: label, location: location) { frame throws(Interrupt) in
            guard case .date(let day) = try date(frame) else { throw Located.failure(location, "on needs a date") }
            guard let entry = history.value(on: day) else {
                throw Located.failure(location, "\(name) has no value on \(day)",
                                      hint: history.entries.first.map { "its history starts on \($0.from)" })
            }
            return entry.value
        }
    }

    /// all, any, count, filter, map and sum with a lambda bound in `lambda.slot`.
    private mutating func lambdaCall(
        _ builtin: Builtin, list: Node, lambda: Typed.Lambda, type: ValueType, label: String, location: SourceLocation
    ) -> Node {
        let body = compile(lambda.body)
        let slot = lambda.slot
        let listValue = list.evaluate
        let bodyValue = body.evaluate
        /// The list's elements; while tracing, the origin of each element too.
        let elements = { @Sendable (frame: Frame) throws(Interrupt) -> (ListValue, [Origin?]?) in
            guard case .list(let elements) = try listValue(frame) else {
                throw Located.failure(location, "'\(list.label)' is not a list at run time")
            }
            return (elements, frame.tracing ? list.originsOfElements(frame, elements) : nil)
        }
        let bind = { @Sendable (frame: Frame, index: Int, element: Value, origins: [Origin?]?) in
            frame.locals[slot] = element
            if let origins { frame.localOrigins[slot] = origins[index] }
        }
        let condition = { @Sendable (frame: Frame) throws(Interrupt) -> Bool in
            guard case .boolean(let value) = try bodyValue(frame) else {
                throw Located.failure(location, "the condition of \(builtin.rawValue) is not a boolean at run time")
            }
            return value
        }
        var node: Node
        switch builtin {
        case .all, .any:
            let isAll = builtin == .all
            node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let (list, origins) = try elements(frame)
                var pending: Interrupt?
                for (index, element) in list.elements.enumerated() {
                    bind(frame, index, element, origins)
                    do throws(Interrupt) {
                        // all: one false decides; any: one true decides (even when others are unknown).
                        if try condition(frame) != isAll { return .boolean(!isAll) }
                    } catch {
                        pending = pending.map { $0.merged(with: error) } ?? error
                    }
                }
                if let pending { throw pending }
                return .boolean(isAll)
            }
            node.explain = Explainer.quantifier(isAll: isAll, list: list, slot: slot, body: body, label: label,
                                                location: location)
        case .count:
            node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let (list, origins) = try elements(frame)
                var count = 0
                for (index, element) in list.elements.enumerated() {
                    bind(frame, index, element, origins)
                    if try condition(frame) { count += 1 }
                }
                return .integer(count)
            }
        case .filter:
            node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let (list, origins) = try elements(frame)
                var kept: [Value] = []
                var keptLocations: [SourceLocation?] = []
                for (index, element) in list.elements.enumerated() {
                    bind(frame, index, element, origins)
                    if try condition(frame) {
                        kept.append(element)
                        keptLocations.append(list.location(at: index))
                    }
                }
                return .list(ListValue(kept, locations: keptLocations))
            }
            node.elementOrigins = { frame in
                guard case .list(let source)? = try? listValue(frame) else { return nil }
                let origins = list.originsOfElements(frame, source)
                var kept: [Origin?] = []
                for (index, element) in source.elements.enumerated() {
                    bind(frame, index, element, origins)
                    if (try? condition(frame)) == true { kept.append(origins[index]) }
                }
                return kept
            }
        case .map:
            node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let (list, origins) = try elements(frame)
                var mapped: [Value] = []
                mapped.reserveCapacity(list.elements.count)
                for (index, element) in list.elements.enumerated() {
                    bind(frame, index, element, origins)
                    mapped.append(try bodyValue(frame))
                }
                return .list(ListValue(mapped))
            }
        default:
            node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let (list, origins) = try elements(frame)
                var terms: [Value] = []
                terms.reserveCapacity(list.elements.count)
                for (index, element) in list.elements.enumerated() {
                    bind(frame, index, element, origins)
                    terms.append(try bodyValue(frame))
                }
                return try Located.run(location) { () throws(OperationError) in try Builtins.sum(terms, type: type) }
            }
        }
        return node
    }
}

/// The built-in functions that take plain values.
enum Builtins {
    static func apply(_ builtin: Builtin, _ values: [Value], type: ValueType) throws(OperationError) -> Value {
        switch (builtin, values.count) {
        case (.count, 1), (.len, 1):
            if case .list(let list) = values[0] { return .integer(list.elements.count) }
            if case .string(let text) = values[0] { return .integer(text.count) }
        case (.sum, 1):
            if case .list(let list) = values[0] { return try sum(list.elements, type: type) }
        case (.min, 1), (.max, 1):
            guard case .list(let list) = values[0] else { break }
            guard var best = list.elements.first else {
                throw OperationError("\(builtin.rawValue) of an empty list", hint: "check count(list) > 0 first")
            }
            for element in list.elements.dropFirst() {
                let order = try ValueComparison.compare(element, best)
                if builtin == .min ? order < 0 : order > 0 { best = element }
            }
            return best
        case (.min, 2), (.max, 2):
            let order = try ValueComparison.compare(values[0], values[1])
            return (builtin == .min ? order <= 0 : order >= 0) ? values[0] : values[1]
        case (.abs, 1):
            let zero = try sum([], type: type)
            return try ValueComparison.compare(values[0], zero) < 0 ? ValueArithmetic.negate(values[0]) : values[0]
        case (.daysBetween, 2):
            if case .date(let from) = values[0], case .date(let to) = values[1] { return .integer(to.dayNumber - from.dayNumber) }
        case (.annualized, 1):
            if case .rate(let rate) = values[0] {
                guard let annual = rate.annualized else { throw OperationError(ExactNumber.ArithmeticError.overflow.message) }
                return .ratio(Ratio(annual))
            }
        case (.perDay, 1), (.perMonth, 1), (.perYear, 1):
            let period: RatePeriod = builtin == .perDay ? .day : builtin == .perMonth ? .month : .year
            if case .rate(let rate) = values[0] {
                guard let converted = rate.converted(to: period) else { throw OperationError(ExactNumber.ArithmeticError.overflow.message) }
                return .rate(converted)
            }
        default:
            break
        }
        throw OperationError("\(builtin.rawValue) cannot take " + values.map(\.kindName).joined(separator: ", "))
    }

    /// The sum of `terms`; an empty sum is the zero of `type`.
    static func sum(_ terms: [Value], type: ValueType) throws(OperationError) -> Value {
        guard var total = terms.first else {
            switch type {
            case .integer: return .integer(0)
            case .money: return .money(0)
            case .ratio: return .ratio(Ratio(0))
            case .rate: return .rate(Rate(Ratio(0), per: .year))
            case .duration: return .duration(.days(0))
            default: return .decimal(0)
            }
        }
        for term in terms.dropFirst() { total = try ValueArithmetic.add(total, term) }
        return total
    }
}
