import Diagnostics

extension Lexer {
    /// Operators and punctuation, with their Unicode spellings (`≤ ≥ ≠ × ÷ ⊆ ∈ ∉ ∧ ∨ ¬`).
    mutating func symbol() throws(Diagnostic) -> Token {
        let start = scannerPosition
        let spellings: [(String, Token.Kind)] = [
            ("==", .symbol(.equal)), ("!=", .symbol(.notEqual)), ("<=", .symbol(.lessEqual)),
            (">=", .symbol(.greaterEqual)), ("&&", .symbol(.andAnd)), ("||", .symbol(.orOr)), ("=>", .symbol(.arrow)),
            ("+", .symbol(.plus)), ("-", .symbol(.minus)), ("−", .symbol(.minus)), ("*", .symbol(.times)),
            ("×", .symbol(.times)), ("/", .symbol(.divide)), ("÷", .symbol(.divide)), ("<", .symbol(.less)),
            (">", .symbol(.greater)), ("≤", .symbol(.lessEqual)), ("≥", .symbol(.greaterEqual)),
            ("≠", .symbol(.notEqual)), ("!", .symbol(.bang)), ("?", .symbol(.question)), (":", .symbol(.colon)),
            (",", .symbol(.comma)), (".", .symbol(.dot)), ("(", .symbol(.leftParen)), (")", .symbol(.rightParen)),
            ("[", .symbol(.leftBracket)), ("]", .symbol(.rightBracket)), ("⊆", .symbol(.subsetOf)),
            ("∈", .symbol(.elementOf)), ("∉", .symbol(.notElementOf)), ("∧", .keyword(.and)), ("∨", .keyword(.or)),
            ("¬", .keyword(.not)),
        ]
        for (spelling, kind) in spellings where consumeText(spelling) {
            return Token(kind: kind, span: SourceSpan(start: start, end: scannerPosition))
        }
        let character = currentCharacter
        let hint: String? = switch character {
        case "=": "use == to compare"
        case "&": "write && or and"
        case "|": "write || or or"
        case "（", "）": "use ASCII parentheses ( )"
        case "，": "use an ASCII comma ,"
        case "‘", "’", "“", "”": "quote strings with ' or \""
        case "%": "a percentage is written right after its number: 30%"
        default: nil
        }
        throw errorHere("unexpected character '\(character)'", hint: hint)
    }
}
