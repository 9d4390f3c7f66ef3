/// Strict parsers for values written with units, shared by the document loader and the rule language.
///
/// Each parser accepts exactly the forms documented in `docs/rule-language.md` (DESIGN §2), ignores
/// leading and trailing white space, and throws a `UnitError` with the offset of the offending character
/// and a hint showing how to write the value. Nothing is rounded or truncated silently.
public enum UnitParser {
    /// An amount of yuan: `200000`, `200000.50`, `200,000`, `20万`, `1.5亿`, `1.2万亿`, `10亿元`,
    /// `¥200,000`, `CNY 200000`, `200000 CNY`, `200000元`. Negative amounts are rejected.
    public static func money(_ text: String) throws(UnitError) -> ExactNumber {
        var scanner = UnitScanner(text)
        scanner.skipSpaces()
        if scanner.isAtEnd {
            throw UnitError("expected an amount of money", hint: "write e.g. 200000, 20万 or ¥200,000", offset: 0)
        }
        try rejectNegative(&scanner, what: "an amount of money")
        let prefix = scanner.consume(anyOf: UnitGrammar.moneyPrefixes)
        if prefix != nil { scanner.skipSpaces() }
        try rejectNegative(&scanner, what: "an amount of money")
        guard let number = try scanner.scanNumber(grouping: true) else {
            throw foreignCurrencyError(scanner) ?? UnitError(
                "expected an amount of money, found '\(scanner.rest.trimmingSpaces)'",
                hint: "write e.g. 200000, 20万 or ¥200,000", offset: scanner.position)
        }
        var value = try scanner.value(of: number)
        if let scale = UnitGrammar.moneyScales.first(where: { scanner.consume($0.word) }) {
            // 38 digits times 10^12 stays far inside the exponent range: the shift cannot fail.
            value = (try? value.shifted(by: scale.exponent)) ?? value
        }
        let suffixStart = scanner.position
        scanner.skipSpaces()
        if let suffix = scanner.consume(anyOf: UnitGrammar.moneySuffixes) {
            if let prefix {
                throw UnitError("currency written twice ('\(prefix)' and '\(suffix)')",
                                hint: "write either ¥200,000 or 200000元", offset: suffixStart)
            }
        }
        scanner.skipSpaces()
        if !scanner.isAtEnd {
            throw foreignCurrencyError(scanner) ?? moneySuffixError(scanner, number: number.digits)
        }
        return value
    }

    /// `-` is reported as a sign error rather than as an unexpected character.
    static func rejectNegative(_ scanner: inout UnitScanner, what: String) throws(UnitError) {
        if scanner.current == "-" || scanner.current == "−" {
            throw UnitError("\(what) cannot be negative", hint: "write it without a minus sign",
                            offset: scanner.position)
        }
    }

    private static func foreignCurrencyError(_ scanner: UnitScanner) -> UnitError? {
        let rest = scanner.rest.trimmingSpaces
        for currency in ["$", "US$", "USD", "HKD", "HK$", "EUR", "€", "美元", "港元", "港币"] where rest.hasPrefix(currency) {
            return UnitError("'\(currency)' is not yuan; amounts are in CNY", hint: "convert the amount to yuan",
                             offset: scanner.position)
        }
        return nil
    }

    private static func moneySuffixError(_ scanner: UnitScanner, number: String) -> UnitError {
        let rest = scanner.rest.trimmingSpaces
        if rest.hasPrefix("，") || rest.hasPrefix("、") {
            return UnitError("unexpected '\(rest.prefix(1))' in an amount", hint: "use ',' to group digits: 200,000",
                             offset: scanner.position)
        }
        if rest.hasPrefix(",") {
            return UnitError("misplaced thousands separator ','", hint: "group digits in threes, e.g. 200,000",
                             offset: scanner.position)
        }
        let hint = switch rest {
        case "k", "K", "千": "write \(number)000 or \(number)千 as a plain number"
        case "m", "M", "mn": "write \(number)00万 (millions are not a unit here)"
        case "w", "W": "write \(number)万"
        default: "amounts are written like 200000, 20万, 1.5亿, 10亿元 or ¥200,000"
        }
        return UnitError("unknown unit '\(rest)' in an amount of money", hint: hint, offset: scanner.position)
    }
}
