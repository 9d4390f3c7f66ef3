#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A lexical token of the rule language.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A number without unit: an integer or an exact decimal.
        case number(Value)
        /// A literal with a unit: money, percentage, rate, duration, date or province.
        case unitLiteral(Value)
        case string(String)
        case identifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    let kind: Kind
    let span: SourceSpan
}

enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `in`, subset, `if`, then, `else`, `true`, `false`
}

enum Symbol: String, Sendable {
    case plus = "+"
    case minus = "-"
    case times = "*"
    case divide = "/"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case andAnd = "&&"
    case orOr = "||"
    case bang = "!"
    case question = "?"
    case colon = ":"
    case comma = ","
    case dot = "."
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case arrow = "=>"
    case subsetOf = "⊆"
    case elementOf = "∈"
    case notElementOf = "∉"
}

extension Token.Kind {
    /// How the token is named in "expected …, found …" messages.
    var description: String {
        switch self {
        case .number(let value), .unitLiteral(let value): "'\(value.displayText)'"
        case .string: "a string"
        case .identifier(let name): "'\(name)'"
        case .keyword(let keyword): "'\(keyword.rawValue)'"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .end: "the end of the expression"
        }
    }
}
