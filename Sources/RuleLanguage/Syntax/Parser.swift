import Diagnostics

/// Recursive-descent parser for the grammar in `docs/rule-language.md`.
///
/// Precedence, loosest first: conditional (`if … then … else …`, `c ? a : b`), `or`, `and`, `not`,
/// comparison and membership (not chainable), `+ -`, `* /`, unary `-`, postfix (`.field`, `[index]`).
struct Parser {
    /// The deepest nesting accepted, counted both as nested sub-expressions while parsing (brackets,
    /// calls, `-`, `not`, `if`) and as the height of the finished tree (a chain `a + b + … ` of n terms
    /// is n levels deep). Every later stage recurses over the tree, so without a bound a hostile rule
    /// (`------…1`, `((((…`, `1+1+…+1`) would overflow the stack. Real rules nest about ten levels.
    static let maxNesting = 100

    private let source: ExpressionSource
    private let tokens: [Token]
    private var index = 0
    /// Nested sub-expressions being parsed right now.
    private var nesting = 0

    private init(source: ExpressionSource, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// The syntax tree of a whole expression; the first syntax error is thrown.
    static func parse(_ source: ExpressionSource) throws(Diagnostic) -> Syntax {
        var parser = Parser(source: source, tokens: try Lexer.tokens(of: source))
        let expression = try parser.conditional()
        guard parser.current.kind == .end else {
            throw parser.error("unexpected \(parser.current.kind.description) after the end of the expression",
                               hint: parser.trailingHint())
        }
        return expression
    }

    private var current: Token { tokens[index] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func accept(_ kind: Token.Kind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws(Diagnostic) -> Token {
        if let token = accept(kind) { return token }
        throw error("expected \(what), found \(current.kind.description)")
    }

    private func error(_ message: String, hint: String? = nil) -> Diagnostic {
        source.error(message, at: current.span.start, hint: hint)
    }

    private func trailingHint() -> String? {
        switch current.kind {
        case .symbol(.leftParen): "only built-in functions can be called, e.g. count(list)"
        case .identifier, .number, .unitLiteral, .string: "an operator is missing before it"
        default: nil
        }
    }

    // MARK: Levels, loosest first

    /// Counts one level of nesting around `body`; throws past `maxNesting`.
    private mutating func nested(_ body: (inout Parser) throws(Diagnostic) -> Syntax) throws(Diagnostic) -> Syntax {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maxNesting else { throw tooDeep(at: current.span.start) }
        return try body(&self)
    }

    private func tooDeep(at offset: Int) -> Diagnostic {
        source.error("the expression nests more than \(Self.maxNesting) levels deep", at: offset,
                     hint: "split it into simpler conditions (rules combine them with and/or)")
    }

    /// A node of the tree; throws when it makes the tree deeper than `maxNesting`.
    private func node(_ kind: Syntax.Kind, _ span: SourceSpan) throws(Diagnostic) -> Syntax {
        let syntax = Syntax(kind: kind, span: span)
        guard syntax.height <= Self.maxNesting else { throw tooDeep(at: span.start) }
        return syntax
    }

    private mutating func conditional() throws(Diagnostic) -> Syntax {
        try nested { parser throws(Diagnostic) in try parser.conditionalLevel() }
    }

    private mutating func conditionalLevel() throws(Diagnostic) -> Syntax {
        if let start = accept(.keyword(.if)) {
            let condition = try conditional()
            _ = try expect(.keyword(.then), "'then'")
            let whenTrue = try conditional()
            _ = try expect(.keyword(.else), "'else' (an if needs both branches)")
            let whenFalse = try conditional()
            return try node(.conditional(condition, then: whenTrue, else: whenFalse), start.span.to(whenFalse.span))
        }
        let condition = try or()
        guard accept(.symbol(.question)) != nil else { return condition }
        let whenTrue = try conditional()
        _ = try expect(.symbol(.colon), "':' in 'condition ? a : b'")
        let whenFalse = try conditional()
        return try node(.conditional(condition, then: whenTrue, else: whenFalse), condition.span.to(whenFalse.span))
    }

    private mutating func or() throws(Diagnostic) -> Syntax {
        var left = try and()
        while let token = accept(.keyword(.or)) ?? accept(.symbol(.orOr)) {
            let right = try and()
            left = try node(.binary(.or, left, right, operatorSpan: token.span), left.span.to(right.span))
        }
        return left
    }

    private mutating func and() throws(Diagnostic) -> Syntax {
        var left = try not()
        while let token = accept(.keyword(.and)) ?? accept(.symbol(.andAnd)) {
            let right = try not()
            left = try node(.binary(.and, left, right, operatorSpan: token.span), left.span.to(right.span))
        }
        return left
    }

    private mutating func not() throws(Diagnostic) -> Syntax {
        if let token = accept(.keyword(.not)) ?? accept(.symbol(.bang)) {
            let operand = try nested { parser throws(Diagnostic) in try parser.not() }
            return try node(.not(operand), token.span.to(operand.span))
        }
        return try comparison()
    }

    private mutating func comparison() throws(Diagnostic) -> Syntax {
        let left = try additive()
        guard let (op, span) = comparisonOperator() else { return left }
        let right = try additive()
        if comparisonOperator() != nil {
            index -= 1
            throw error("comparison operators cannot be chained",
                        hint: "compare two values at a time, e.g. a < b and b < c")
        }
        return try node(.binary(op, left, right, operatorSpan: span), left.span.to(right.span))
    }

    /// Consumes a comparison or membership operator (`not in` is two tokens).
    private mutating func comparisonOperator() -> (BinaryOperator, SourceSpan)? {
        let token = current
        let op: BinaryOperator? = switch token.kind {
        case .symbol(.equal): .equal
        case .symbol(.notEqual): .notEqual
        case .symbol(.less): .less
        case .symbol(.lessEqual): .lessEqual
        case .symbol(.greater): .greater
        case .symbol(.greaterEqual): .greaterEqual
        case .keyword(.in), .symbol(.elementOf): .in
        case .symbol(.notElementOf): .notIn
        case .keyword(.subset), .symbol(.subsetOf): .subset
        default: nil
        }
        if let op {
            _ = advance()
            return (op, token.span)
        }
        if token.kind == .keyword(.not), index + 1 < tokens.count, tokens[index + 1].kind == .keyword(.in) {
            _ = advance()
            let inToken = advance()
            return (.notIn, token.span.to(inToken.span))
        }
        return nil
    }

    private mutating func additive() throws(Diagnostic) -> Syntax {
        var left = try multiplicative()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.plus): op = .add
            case .symbol(.minus): op = .subtract
            default: return left
            }
            let token = advance()
            let right = try multiplicative()
            left = try node(.binary(op, left, right, operatorSpan: token.span), left.span.to(right.span))
        }
    }

    private mutating func multiplicative() throws(Diagnostic) -> Syntax {
        var left = try unary()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.times): op = .multiply
            case .symbol(.divide): op = .divide
            default: return left
            }
            let token = advance()
            let right = try unary()
            left = try node(.binary(op, left, right, operatorSpan: token.span), left.span.to(right.span))
        }
    }

    private mutating func unary() throws(Diagnostic) -> Syntax {
        if let token = accept(.symbol(.minus)) {
            let operand = try nested { parser throws(Diagnostic) in try parser.unary() }
            return try node(.negate(operand), token.span.to(operand.span))
        }
        if let token = accept(.keyword(.not)) ?? accept(.symbol(.bang)) {
            let operand = try nested { parser throws(Diagnostic) in try parser.unary() }
            return try node(.not(operand), token.span.to(operand.span))
        }
        return try postfix()
    }

    private mutating func postfix() throws(Diagnostic) -> Syntax {
        var expression = try primary()
        while true {
            if accept(.symbol(.dot)) != nil {
                let token = current
                guard case .identifier(let name) = token.kind else {
                    throw error("expected a field name after '.', found \(token.kind.description)")
                }
                _ = advance()
                expression = try node(.field(expression, name: name, nameSpan: token.span), expression.span.to(token.span))
            } else if accept(.symbol(.leftBracket)) != nil {
                let subscriptExpression = try conditional()
                let close = try expect(.symbol(.rightBracket), "']'")
                expression = try node(.index(expression, subscriptExpression), expression.span.to(close.span))
            } else if current.kind == .symbol(.leftParen) {
                throw error("only built-in functions can be called",
                            hint: "write functions before their arguments, e.g. count(product.funding)")
            } else {
                return expression
            }
        }
    }

    private mutating func primary() throws(Diagnostic) -> Syntax {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return try node(.literal(value, bare: true), token.span)
        case .unitLiteral(let value):
            _ = advance()
            return try node(.literal(value, bare: false), token.span)
        case .string(let text):
            _ = advance()
            return try node(.literal(.string(text), bare: false), token.span)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return try node(.literal(.boolean(token.kind == .keyword(.true)), bare: false), token.span)
        case .keyword(.if):
            return try conditional()
        case .identifier(let name):
            _ = advance()
            if accept(.symbol(.leftParen)) != nil { return try call(name, nameSpan: token.span) }
            return try node(.name(name), token.span)
        case .symbol(.leftParen):
            _ = advance()
            let inner = try conditional()
            let close = try expect(.symbol(.rightParen), "')'")
            return try node(inner.kind, token.span.to(close.span))
        case .symbol(.leftBracket):
            _ = advance()
            var elements: [Syntax] = []
            if current.kind != .symbol(.rightBracket) {
                repeat { elements.append(try conditional()) } while accept(.symbol(.comma)) != nil
            }
            let close = try expect(.symbol(.rightBracket), "',' or ']' in the list")
            return try node(.list(elements), token.span.to(close.span))
        default:
            throw error("expected an expression, found \(token.kind.description)")
        }
    }

    private mutating func call(_ name: String, nameSpan: SourceSpan) throws(Diagnostic) -> Syntax {
        var arguments: [Syntax.Argument] = []
        if current.kind != .symbol(.rightParen) {
            repeat { arguments.append(try argument()) } while accept(.symbol(.comma)) != nil
        }
        let close = try expect(.symbol(.rightParen), "',' or ')' after the arguments of \(name)")
        return try node(.call(name: name, nameSpan: nameSpan, arguments: arguments), nameSpan.to(close.span))
    }

    private mutating func argument() throws(Diagnostic) -> Syntax.Argument {
        if case .identifier(let parameter) = current.kind, index + 1 < tokens.count,
           tokens[index + 1].kind == .symbol(.arrow) {
            let parameterSpan = advance().span
            _ = advance()
            return .lambda(parameter: parameter, parameterSpan: parameterSpan, body: try conditional())
        }
        return .expression(try conditional())
    }
}
