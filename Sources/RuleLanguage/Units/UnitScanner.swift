/// A cursor over the Unicode scalars of a unit text; positions are scalar offsets for `UnitError`.
struct UnitScanner {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var isAtEnd: Bool { position >= scalars.count }
    var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    /// The rest of the text from the cursor.
    var rest: String { text(from: position, to: scalars.count) }

    func text(from start: Int, to end: Int) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
        return String(result)
    }

    mutating func skipSpaces() {
        while let scalar = current, Self.isWhitespace(scalar) { position += 1 }
    }

    /// Unicode White_Space; ASCII answered without the property tables (every number and unit is scanned
    /// past spaces, and the table lookup cost more than the rest of the scan).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// Consumes `word` if the text continues with it (case-sensitive).
    mutating func consume(_ word: String) -> Bool {
        var end = position
        for wordScalar in word.unicodeScalars {
            guard end < scalars.count, scalars[end] == wordScalar else { return false }
            end += 1
        }
        position = end
        return true
    }

    /// Consumes the first of `words` that the text continues with (list longer words first).
    mutating func consume(anyOf words: [String]) -> String? {
        words.first { consume($0) }
    }

    /// Consumes an ASCII word (letters only) and returns it, or nil when no letter is next.
    mutating func consumeLetters() -> String? {
        let start = position
        var letters = String.UnicodeScalarView()
        while let scalar = current, (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") {
            letters.append(scalar)
            position += 1
        }
        return position > start ? String(letters) : nil
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value >= 48 && scalar.value <= 57
    }

    /// A scanned unsigned number: its digits without separators, where it starts and whether it has a point.
    struct Number {
        let digits: String
        let start: Int
        let hasFraction: Bool
    }

    /// Scans `digits[.digits]`; with `grouping`, `,` thousands separators in the integer part are accepted
    /// when placed correctly. Returns nil (cursor unmoved) when no digit is next.
    mutating func scanNumber(grouping: Bool) throws(UnitError) -> Number? {
        let start = position
        guard Self.isDigit(current) else { return nil }
        // Significant digits counted as they come (leading zeros are not). Built as a `String`: one of up
        // to 15 ASCII digits is held inline, where an array of bytes was an allocation per number.
        var digits = String.UnicodeScalarView()
        var significant = 0
        func append(_ scalar: Unicode.Scalar) {
            if significant > 0 || scalar != "0" { significant += 1 }
            digits.append(scalar)
        }
        var groupStart = position
        var commaCount = 0
        var lastComma = 0
        while let scalar = current {
            if Self.isDigit(scalar) {
                append(scalar)
            } else if scalar == ",", grouping, Self.isDigit(peek(1)) {
                commaCount += 1
                lastComma = position
                if commaCount == 1 {
                    guard position - groupStart <= 3 else { throw groupingError(at: position) }
                } else {
                    guard position - groupStart == 3 else { throw groupingError(at: position) }
                }
                groupStart = position + 1
            } else {
                break
            }
            position += 1
        }
        if commaCount > 0, position - groupStart != 3 { throw groupingError(at: lastComma) }
        var hasFraction = false
        if current == ".", Self.isDigit(peek(1)) {
            hasFraction = true
            digits.append(".")
            position += 1
            while let scalar = current, Self.isDigit(scalar) {
                append(scalar)
                position += 1
            }
        }
        // `1e400`, `2.5E-3%`: exponent notation is not part of any unit syntax. Without this check the
        // `e` would be read as a unit (`unknown unit 'e400'`) or, for a percentage, as a missing `%`.
        if current == "e" || current == "E",
           Self.isDigit(peek(1)) || ((peek(1) == "-" || peek(1) == "+") && Self.isDigit(peek(2))) {
            var end = position + 2
            while Self.isDigit(end < scalars.count ? scalars[end] : nil) { end += 1 }
            throw UnitError("numbers with an exponent (\(text(from: start, to: end))) are not accepted",
                            hint: "write the number out in full, e.g. 200000, 20万 or 0.05%", offset: position)
        }
        if significant > ExactNumber.maximumDigits {
            throw UnitError(
                "number has \(significant) significant digits; at most \(ExactNumber.maximumDigits) are exact",
                hint: "shorten the number (it is not rounded silently)", offset: start)
        }
        return Number(digits: String(digits), start: start, hasFraction: hasFraction)
    }

    func peek(_ distance: Int) -> Unicode.Scalar? {
        position + distance < scalars.count ? scalars[position + distance] : nil
    }

    private func groupingError(at offset: Int) -> UnitError {
        UnitError("misplaced thousands separator ','", hint: "group digits in threes, e.g. 200,000", offset: offset)
    }

    /// The decimal value of scanned digits. They are validated already (at most 38 significant digits),
    /// so parsing fails only for a number below 10^-128.
    func value(of number: Number) throws(UnitError) -> ExactNumber {
        guard let value = ExactNumber.parse(number.digits) else {
            throw UnitError("\(number.digits) is too close to zero to be held exactly", hint: "write 0 if nothing is meant",
                            offset: number.start)
        }
        return value
    }

    /// An error for unexpected trailing text, naming it.
    func trailingError(after what: String, hint: String? = nil) -> UnitError {
        UnitError("unexpected '\(rest.trimmingSpaces)' after \(what)", hint: hint, offset: position)
    }
}

extension String {
    /// The text without leading and trailing white space.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !UnitScanner.isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !UnitScanner.isWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
