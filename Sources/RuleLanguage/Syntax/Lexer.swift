import Diagnostics

/// Splits an expression into tokens. Literals with units (`20万`, `30%`, `0.05% per day`, `12 months`,
/// `2024-12-31`, `CN-GD`) are single tokens whose text is read by `UnitParser`, so rules and documents
/// accept the same spellings.
struct Lexer {
    private let source: ExpressionSource
    private var scanner: UnitScanner

    init(_ source: ExpressionSource) {
        self.source = source
        scanner = UnitScanner(source.text)
    }

    /// All tokens, ending with `.end`; the first lexical error is thrown.
    static func tokens(of source: ExpressionSource) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var position: Int {
        get { scanner.position }
        set { scanner.position = newValue }
    }

    private func peek(_ distance: Int = 0) -> Unicode.Scalar? { scanner.peek(distance) }

    private mutating func next() throws(Diagnostic) -> Token {
        scanner.skipSpaces()
        let start = position
        guard let scalar = scanner.current else { return Token(kind: .end, span: SourceSpan(start: start, end: start)) }
        if UnitScanner.isDigit(scalar) { return try number() }
        if scalar == "¥" || scalar == "￥" { return try currencyPrefixedMoney() }
        if scalar == "'" || scalar == "\"" { return try string(quote: scalar) }
        if let token = try chineseRate() { return token }
        if Self.isIdentifierStart(scalar) { return try identifierOrProvince() }
        return try symbol()
    }

    // MARK: Numbers and unit literals

    private mutating func number() throws(Diagnostic) -> Token {
        let start = position
        if let date = try date() { return date }
        while UnitScanner.isDigit(scanner.current) { position += 1 }
        var isDecimal = false
        if scanner.current == ".", UnitScanner.isDigit(peek(1)) {
            isDecimal = true
            position += 1
            while UnitScanner.isDigit(scanner.current) { position += 1 }
        }
        let numberEnd = position
        if scanner.consume(anyOf: ["万亿", "万", "亿"]) != nil {
            _ = scanner.consume("元")
            return try unitLiteral(from: start, parse: { text throws(UnitError) in .money(try UnitParser.money(text)) })
        }
        if scanner.consume("元") {
            return try unitLiteral(from: start, parse: { text throws(UnitError) in .money(try UnitParser.money(text)) })
        }
        if scanner.consume("%") || scanner.consume("％") {
            if consumeRatePeriod() {
                return try unitLiteral(from: start, parse: { text throws(UnitError) in .rate(try UnitParser.rate(text)) })
            }
            return try unitLiteral(from: start, parse: { text throws(UnitError) in .ratio(try UnitParser.percent(text)) })
        }
        if consumeDurationUnit() {
            return try unitLiteral(from: start, parse: { text throws(UnitError) in
                .duration(try UnitParser.duration(text))
            })
        }
        if let scalar = scanner.current, Self.isIdentifierPart(scalar) {
            var end = position
            while end < source.scalars.count, Self.isIdentifierPart(source.scalars[end]) { end += 1 }
            let suffix = scanner.text(from: position, to: end)
            throw source.error(
                "unknown unit '\(suffix)' after the number \(scanner.text(from: start, to: numberEnd))", at: position,
                hint: "units are 万, 亿, 元, %, days, months and years (e.g. 20万, 30%, 12 months)")
        }
        let digits = scanner.text(from: start, to: numberEnd)
        let span = SourceSpan(start: start, end: numberEnd)
        if !isDecimal, let integer = Int(digits) { return Token(kind: .number(.integer(integer)), span: span) }
        guard let value = ExactNumber.parse(digits) else {
            throw source.error("number has more than \(ExactNumber.maximumDigits) significant digits",
                               at: start, hint: "shorten the number (it is not rounded silently)")
        }
        return Token(kind: .number(.decimal(value)), span: span)
    }

    /// `2024-12-31` written without spaces is a date; `2024 - 12 - 31` is arithmetic.
    private mutating func date() throws(Diagnostic) -> Token? {
        let start = position
        let pattern: [Bool] = [true, true, true, true, false, true, true, false, true, true]
        for (distance, wantsDigit) in pattern.enumerated() {
            let scalar = peek(distance)
            if wantsDigit ? !UnitScanner.isDigit(scalar) : scalar != "-" { return nil }
        }
        if let after = peek(10), UnitScanner.isDigit(after) || Self.isIdentifierPart(after) { return nil }
        position += 10
        return try unitLiteral(from: start, parse: { text throws(UnitError) in .date(try UnitParser.date(text)) })
    }

    /// After a percentage: `/day`, `/日`, or ` per day`. Leaves the cursor unmoved when none follows.
    private mutating func consumeRatePeriod() -> Bool {
        let save = position
        if scanner.consume("/") {
            if scanner.consume(anyOf: ["日", "天", "月", "年"]) != nil { return true }
            if let word = scanner.consumeLetters(), ["day", "month", "year"].contains(word), !isIdentifierContinuing {
                return true
            }
            position = save
            return false
        }
        scanner.skipSpaces()
        if scanner.consumeLetters() == "per", !isIdentifierContinuing {
            // Whatever follows `per` belongs to the rate; UnitParser reports a bad period precisely.
            scanner.skipSpaces()
            _ = scanner.consumeLetters()
            return true
        }
        position = save
        return false
    }

    /// `天`, `个月`, `年` directly, or ` days`, ` months`, ` year` after spaces.
    private mutating func consumeDurationUnit() -> Bool {
        if scanner.consume(anyOf: ["个月", "天", "日", "月", "年"]) != nil { return true }
        let save = position
        scanner.skipSpaces()
        if let word = scanner.consumeLetters(), Self.durationWords.contains(word), !isIdentifierContinuing {
            return true
        }
        position = save
        return false
    }

    private static let durationWords: Set<String> = ["day", "days", "month", "months", "year", "years"]

    private var isIdentifierContinuing: Bool {
        guard let scalar = scanner.current else { return false }
        return Self.isIdentifierPart(scalar)
    }

    private mutating func currencyPrefixedMoney() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        while UnitScanner.isDigit(scanner.current) || (scanner.current == "." && UnitScanner.isDigit(peek(1))) {
            position += 1
        }
        _ = scanner.consume(anyOf: ["万亿", "万", "亿"])
        return try unitLiteral(from: start, parse: { text throws(UnitError) in .money(try UnitParser.money(text)) })
    }

    /// `日息0.05%`, `年化18%`, `月息1.5%` (the prefixes `UnitParser.rate` knows).
    private mutating func chineseRate() throws(Diagnostic) -> Token? {
        let start = position
        guard scanner.consume(anyOf: ["年化利率", "日利率", "月利率", "年利率", "日息", "月息", "年息", "年化"]) != nil else {
            return nil
        }
        while let scalar = scanner.current, UnitScanner.isDigit(scalar) || scalar == "." || scalar == " " { position += 1 }
        _ = scanner.consume("%") || scanner.consume("％")
        return try unitLiteral(from: start, parse: { text throws(UnitError) in .rate(try UnitParser.rate(text)) })
    }

    private func unitLiteral(
        from start: Int, parse: (String) throws(UnitError) -> Value
    ) throws(Diagnostic) -> Token {
        let text = scanner.text(from: start, to: position)
        do {
            return Token(kind: .unitLiteral(try parse(text)), span: SourceSpan(start: start, end: position))
        } catch {
            throw source.error(error.message, at: start + error.offset, hint: error.hint)
        }
    }

    // MARK: Strings

    private mutating func string(quote: Unicode.Scalar) throws(Diagnostic) -> Token {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while let scalar = scanner.current {
            position += 1
            if scalar == quote { return Token(kind: .string(String(text)), span: SourceSpan(start: start, end: position)) }
            guard scalar == "\\" else {
                text.append(scalar)
                continue
            }
            guard let escaped = scanner.current else { break }
            position += 1
            switch escaped {
            case "n": text.append("\n")
            case "t": text.append("\t")
            case "\\", "'", "\"": text.append(escaped)
            default:
                throw source.error("unknown escape '\\\(Character(escaped))' in a string", at: position - 2,
                                   hint: "escapes are \\\\, \\', \\\", \\n and \\t")
            }
        }
        throw source.error("unterminated string", at: start, hint: "close it with \(Character(quote))")
    }

    // MARK: Names

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.isASCII && scalar.properties.isAlphabetic)
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || UnitScanner.isDigit(scalar)
    }

    private mutating func identifierOrProvince() throws(Diagnostic) -> Token {
        let start = position
        if scanner.consume("CN-"), let first = scanner.current, let second = peek(1),
           Self.isUppercase(first), Self.isUppercase(second),
           !(peek(2).map(Self.isIdentifierPart) ?? false) {
            position += 2
            return try unitLiteral(from: start, parse: { text throws(UnitError) in .province(try UnitParser.province(text)) })
        }
        position = start
        while let scalar = scanner.current, Self.isIdentifierPart(scalar) { position += 1 }
        let name = scanner.text(from: start, to: position)
        let span = SourceSpan(start: start, end: position)
        if let keyword = Keyword(rawValue: name) { return Token(kind: .keyword(keyword), span: span) }
        return Token(kind: .identifier(name), span: span)
    }

    // Helpers for the operator table in Lexer+Symbols.swift.
    var scannerPosition: Int { scanner.position }
    mutating func consumeText(_ text: String) -> Bool { scanner.consume(text) }
    var currentCharacter: String { scanner.current.map { String(Character($0)) } ?? "" }
    func errorHere(_ message: String, hint: String?) -> Diagnostic {
        source.error(message, at: scanner.position, hint: hint)
    }

    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 65 && scalar.value <= 90 }
}
