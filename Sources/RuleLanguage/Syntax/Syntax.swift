/// The untyped syntax tree of an expression, as parsed.
struct Syntax: Sendable {
    indirect enum Kind: Sendable {
        /// A literal; `bare` marks a number written without unit (it may stand for yuan, never for a percentage).
        case literal(Value, bare: Bool)
        case name(String)
        case field(Syntax, name: String, nameSpan: SourceSpan)
        case index(Syntax, Syntax)
        case negate(Syntax)
        case not(Syntax)
        case binary(BinaryOperator, Syntax, Syntax, operatorSpan: SourceSpan)
        case conditional(Syntax, then: Syntax, else: Syntax)
        case call(name: String, nameSpan: SourceSpan, arguments: [Argument])
        case list([Syntax])
    }

    /// A function argument: an expression or a lambda `x => body`.
    enum Argument: Sendable {
        case expression(Syntax)
        case lambda(parameter: String, parameterSpan: SourceSpan, body: Syntax)

        var span: SourceSpan {
            switch self {
            case .expression(let syntax): syntax.span
            case .lambda(_, let parameterSpan, let body): parameterSpan.to(body.span)
            }
        }
    }

    let kind: Kind
    let span: SourceSpan
    /// Levels from this node down to its deepest leaf (1 for a leaf). The parser bounds it, so the
    /// type checker, compiler and evaluator, which recurse over the tree, cannot overflow the stack.
    let height: Int

    init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        let children: Int = switch kind {
        case .literal, .name: 0
        case .field(let base, _, _): base.height
        case .index(let base, let subscriptExpression): max(base.height, subscriptExpression.height)
        case .negate(let operand), .not(let operand): operand.height
        case .binary(_, let left, let right, _): max(left.height, right.height)
        case .conditional(let condition, let whenTrue, let whenFalse): max(condition.height, whenTrue.height, whenFalse.height)
        case .call(_, _, let arguments): arguments.map { argument in
            switch argument {
            case .expression(let syntax): syntax.height
            case .lambda(_, _, let body): body.height
            }
        }.max() ?? 0
        case .list(let elements): elements.map(\.height).max() ?? 0
        }
        height = children + 1
    }

    /// A number literal without unit, possibly negated.
    var isBareNumber: Bool {
        switch kind {
        case .literal(_, let bare): bare
        case .negate(let inner): inner.isBareNumber
        default: false
        }
    }

    /// An integer literal written without unit (`1` and `3` in the ratio literal `1/3`).
    var integerLiteral: Int? {
        if case .literal(.integer(let value), true) = kind { return value }
        return nil
    }
}

public enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case and
    case or
    case `in`
    case notIn = "not in"
    case subset

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }

    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide: true
        default: false
        }
    }

    /// The comparison that holds exactly when this one does not (`<` ↔ `>=`).
    var negated: BinaryOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterEqual
        case .lessEqual: .greater
        case .greater: .lessEqual
        case .greaterEqual: .less
        case .in: .notIn
        case .notIn: .in
        default: self
        }
    }

    /// The comparison with its operands swapped (`a < b` ⇔ `b > a`).
    var mirrored: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        default: self
        }
    }

    /// The mathematical sign used in evidence: `≥ 30%`.
    var mathSymbol: String {
        switch self {
        case .equal: "="
        case .notEqual: "≠"
        case .less: "<"
        case .lessEqual: "≤"
        case .greater: ">"
        case .greaterEqual: "≥"
        case .in: "∈"
        case .notIn: "∉"
        case .subset: "⊆"
        default: rawValue
        }
    }
}
