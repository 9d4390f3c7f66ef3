import Diagnostics
/// Turns a type-checked expression into closures, folding constant sub-expressions.
///
/// Constant sub-expressions (no variable involved) are evaluated once here; an error among them
/// (`1 / 0`, an undecidable `1 year <= 365 days`) is a compile-time diagnostic.
struct Compiler {
    let source: ExpressionSource
    /// Root variable name → index in `Frame.roots`.
    private(set) var rootIndex: [String: Int] = [:]
    private(set) var rootNames: [String] = []
    let slotCount: Int
    /// The dated histories `on(variable.field, date)` reads.
    let histories: [String: [String: ValueHistory]]
    private(set) var diagnostics: [Diagnostic] = []

    init(source: ExpressionSource, slotCount: Int, histories: [String: [String: ValueHistory]] = [:]) {
        self.source = source
        self.slotCount = slotCount
        self.histories = histories
    }

    mutating func compile(_ typed: Typed) -> Node {
        let node = build(typed)
        guard typed.isConstant, node.constant == nil else { return node }
        return fold(node)
    }

    /// Evaluates a constant node now and replaces it with its value.
    private mutating func fold(_ node: Node) -> Node {
        let frame = Frame(roots: [], slots: slotCount)
        do {
            let value = try node.evaluate(frame)
            var folded = Node(type: node.type, label: node.label, location: node.location) { _ throws(Interrupt) in value }
            folded.constant = value
            folded.explain = node.explain
            return folded
        } catch {
            switch error {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .unknown: break
            }
            return node
        }
    }

    func location(_ typed: Typed) -> SourceLocation { source.location(typed.anchor) }
    func label(_ typed: Typed) -> String { source.text(of: typed.span) }

    private mutating func build(_ typed: Typed) -> Node {
        let location = location(typed)
        let label = label(typed)
        let type = typed.type
        switch typed.kind {
        case .constant(let value):
            var node = Node(type: type, label: label, location: location) { _ throws(Interrupt) in value }
            node.constant = value
            return node
        case .variable(let name):
            let index = rootSlot(name)
            return Node(type: type, label: label, location: location, origin: { frame in
                var location: SourceLocation?
                if case .record(let record) = frame.roots[index] { location = record.location }
                return Origin(path: name, location: location)
            }) { frame throws(Interrupt) in frame.roots[index] }
        case .local(let slot, _):
            return Node(type: type, label: label, location: location, origin: { frame in frame.localOrigins[slot] }) {
                frame throws(Interrupt) in frame.locals[slot]
            }
        case .field(let base, let name):
            return field(compile(base), name, type: type, label: label, location: location)
        case .index(let base, let position):
            return index(compile(base), compile(position), type: type, label: label, location: location)
        case .negate(let operand):
            let value = compile(operand).evaluate
            return Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let operand = try value(frame)
                return try Located.run(location) { () throws(OperationError) in try ValueArithmetic.negate(operand) }
            }
        case .not(let operand):
            let inner = compile(operand)
            var node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                guard case .boolean(let value) = try inner.evaluate(frame) else {
                    throw Located.failure(location, "'not' needs a boolean")
                }
                return .boolean(!value)
            }
            node.explain = { frame, wanted in Explainer.explain(inner, frame, wanted: !wanted) }
            if case .call(.has, _, _) = operand.kind { node.isPresenceGuard = true }
            return node
        case .arithmetic(let op, let left, let right):
            return arithmetic(op, compile(left), compile(right), type: type, label: label, location: location)
        case .comparison(let op, let left, let right):
            return comparison(op, compile(left), compile(right), label: label, location: location)
        case .logical(let op, let left, let right):
            return logical(op, compile(left), compile(right), label: label, location: location)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return conditional(compile(condition), compile(whenTrue), compile(whenFalse), type: type, label: label,
                               location: location)
        case .call(let builtin, let arguments, let lambda):
            return call(builtin, arguments, lambda, typed: typed)
        case .list(let elements):
            let nodes = elements.map { compile($0) }
            let thunks = nodes.map(\.evaluate)
            var node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                var values: [Value] = []
                values.reserveCapacity(thunks.count)
                for thunk in thunks { values.append(try thunk(frame)) }
                return .list(ListValue(values))
            }
            node.elementOrigins = { frame in nodes.map { $0.origin?(frame) } }
            return node
        case .convert(let inner):
            let value = compile(inner).evaluate
            return Node(type: type, label: label, location: location) { frame throws(Interrupt) in
                let operand = try value(frame)
                switch (type, operand) {
                case (.money, .integer(let amount)): return .money(ExactNumber(amount))
                case (.money, .decimal(let amount)): return .money(amount)
                case (.decimal, .integer(let number)): return .decimal(ExactNumber(number))
                default: return operand
                }
            }
        }
    }

    private mutating func rootSlot(_ name: String) -> Int {
        if let index = rootIndex[name] { return index }
        rootIndex[name] = rootNames.count
        rootNames.append(name)
        return rootNames.count - 1
    }

    // MARK: Paths

    private func field(_ base: Node, _ name: String, type: ValueType, label: String, location: SourceLocation) -> Node {
        let baseValue = base.evaluate
        let baseOrigin = base.origin
        let lookup = FieldLookup(name)
        return Node(type: type, label: label, location: location, origin: { frame in
            guard let origin = baseOrigin?(frame), case .record(let record)? = try? baseValue(frame) else { return nil }
            return origin.field(name, location: record.location(of: name))
        }) { frame throws(Interrupt) in
            guard case .record(let record) = try baseValue(frame) else {
                throw Located.failure(location, "'\(base.label)' is not a record at run time (bound value of the wrong kind)")
            }
            if let value = lookup.value(in: record) { return value }
            if frame.tracing, let origin = baseOrigin?(frame) {
                throw .unknown([MissingField(path: origin.path + "." + name, location: record.location ?? origin.location)])
            }
            throw .unknown([MissingField(path: label, location: record.location)])
        }
    }

    private func index(_ base: Node, _ position: Node, type: ValueType, label: String, location: SourceLocation) -> Node {
        let baseValue = base.evaluate
        let positionValue = position.evaluate
        let baseOrigin = base.origin
        return Node(type: type, label: label, location: location, origin: { frame in
            guard let origin = baseOrigin?(frame), case .list(let list)? = try? baseValue(frame),
                  case .integer(let index)? = try? positionValue(frame) else { return nil }
            return origin.element(index, location: list.location(at: index))
        }) { frame throws(Interrupt) in
            guard case .list(let list) = try baseValue(frame), case .integer(let index) = try positionValue(frame) else {
                throw Located.failure(location, "'\(base.label)' is not a list at run time")
            }
            guard list.elements.indices.contains(index) else {
                throw Located.failure(location, "index \(index) is out of range for '\(base.label)' (\(list.elements.count) elements)")
            }
            return list.elements[index]
        }
    }

    // MARK: Operators

    private func arithmetic(
        _ op: BinaryOperator, _ left: Node, _ right: Node, type: ValueType, label: String, location: SourceLocation
    ) -> Node {
        let operation: @Sendable (Value, Value) throws(OperationError) -> Value = switch op {
        case .add: ValueArithmetic.add
        case .subtract: ValueArithmetic.subtract
        case .multiply: ValueArithmetic.multiply
        default: ValueArithmetic.divide
        }
        let (a, b) = (left.evaluate, right.evaluate)
        return Node(type: type, label: label, location: location) { frame throws(Interrupt) in
            let x = try a(frame)
            let y = try b(frame)
            return try Located.run(location) { () throws(OperationError) in try operation(x, y) }
        }
    }

    private func comparison(
        _ op: BinaryOperator, _ left: Node, _ right: Node, label: String, location: SourceLocation
    ) -> Node {
        let (a, b) = (left.evaluate, right.evaluate)
        var node = Node(type: .boolean, label: label, location: location) { frame throws(Interrupt) in
            let x = try a(frame)
            let y = try b(frame)
            return try Located.run(location) { () throws(OperationError) in .boolean(try ValueComparison.holds(op, x, y)) }
        }
        node.explain = op == .subset
            ? Explainer.subset(left, right, location: location)
            : Explainer.comparison(op, left, right, location: location)
        return node
    }

    /// CEL semantics: a side that decides the result wins over an unknown or failed other side.
    private func logical(_ op: BinaryOperator, _ left: Node, _ right: Node, label: String, location: SourceLocation) -> Node {
        let deciding = op == .or
        let (a, b) = (left.evaluate, right.evaluate)
        var node = Node(type: .boolean, label: label, location: location) { frame throws(Interrupt) in
            var pending: Interrupt?
            do throws(Interrupt) {
                guard case .boolean(let value) = try a(frame) else { throw Located.failure(location, "'\(op.rawValue)' needs booleans") }
                if value == deciding { return .boolean(deciding) }
            } catch {
                pending = error
            }
            do throws(Interrupt) {
                guard case .boolean(let value) = try b(frame) else { throw Located.failure(location, "'\(op.rawValue)' needs booleans") }
                if value == deciding || pending == nil { return .boolean(value) }
            } catch {
                pending = pending.map { $0.merged(with: error) } ?? error
            }
            throw pending ?? Located.failure(location, "internal: logical operator without result")
        }
        node.explain = { frame, wanted in
            let sides = [left, right].filter { side in
                guard case .boolean(let value)? = try? side.evaluate(frame) else { return false }
                return value != wanted
            }
            // In `not has(x) or p(x)` that is false, x is present and p(x) is what failed.
            let informative = sides.count == 2 ? sides.filter { !$0.isPresenceGuard } : sides
            return informative.flatMap { Explainer.explain($0, frame, wanted: wanted) }
        }
        return node
    }

    private func conditional(
        _ condition: Node, _ whenTrue: Node, _ whenFalse: Node, type: ValueType, label: String, location: SourceLocation
    ) -> Node {
        let (test, first, second) = (condition.evaluate, whenTrue.evaluate, whenFalse.evaluate)
        var node = Node(type: type, label: label, location: location) { frame throws(Interrupt) in
            guard case .boolean(let value) = try test(frame) else { throw Located.failure(location, "'if' needs a boolean") }
            return try value ? first(frame) : second(frame)
        }
        node.explain = { frame, wanted in
            guard case .boolean(let value)? = try? test(frame) else { return [] }
            return Explainer.explain(value ? whenTrue : whenFalse, frame, wanted: wanted)
        }
        return node
    }
}
