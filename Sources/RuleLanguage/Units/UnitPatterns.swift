import Foundation

/// Regular expressions (ECMAScript, as JSON Schema's `pattern` reads them) that match exactly the texts
/// `UnitParser` accepts, generated from `UnitGrammar` and the province table: the JSON Schema for
/// editors accepts every spelling loancheck accepts and rejects what it rejects.
///
/// What a pattern cannot see is left to loancheck and listed in `docs/documents.md`: a number closer
/// to zero than `ExactNumber` holds (below about 1e-120), and YAML numbers, which reach a schema as values,
/// not as the text written.
public enum UnitPatterns {
    /// An amount of yuan (`UnitParser.money`).
    public static let money: String = {
        let number = Self.number(grouping: true)
        let scale = alternatives(UnitGrammar.moneyScales.map(\.word)) + "?"
        let prefix = alternatives(UnitGrammar.moneyPrefixes)
        let suffix = alternatives(UnitGrammar.moneySuffixes)
        return anchored("(?:\(prefix)\(space)*\(number)\(scale)|\(number)\(scale)(?:\(space)*\(suffix))?)")
    }()

    /// A percentage (`UnitParser.percent`).
    public static let percent: String = anchored(percentBody)

    /// A percentage or a fraction of whole numbers (`UnitParser.ratio`).
    public static let ratio: String = {
        let whole = significantDigitsBound + "[0-9]+"
        let nonZero = significantDigitsBound + "0*[1-9][0-9]*"
        return anchored("(?:\(whole)\(space)*/\(space)*\(nonZero)|\(percentBody))")
    }()

    /// A rate with its period (`UnitParser.rate`).
    public static let rate: String = {
        let prefix = alternatives(UnitGrammar.ratePrefixes.map(\.word))
        let word = alternatives(UnitGrammar.ratePeriodWords.map(\.word)) + "(?![A-Za-z])"
        let slash = alternatives(UnitGrammar.rateSlashes) + "\(space)*(?:" + alternatives(UnitGrammar.rateSlashPeriods.map(\.word)) + "|\(word))"
        let per = "\(escaped(UnitGrammar.ratePer))(?![A-Za-z])\(space)*\(word)"
        return anchored("(?:\(prefix)\(space)*\(percentBody)|\(percentBody)\(space)*(?:\(slash)|\(per)))")
    }()

    /// A duration in whole days, months or years (`UnitParser.duration`): the count of each unit up to
    /// `UnitGrammar.maximumDurationCount`.
    public static let duration: String = {
        let units = UnitGrammar.durationChineseUnits + UnitGrammar.durationWords
        let multipliers = Set(units.map(\.multiplier)).sorted()
        let byMultiplier = multipliers.map { multiplier in
            let chinese = UnitGrammar.durationChineseUnits.filter { $0.multiplier == multiplier }.map(\.word)
            let words = UnitGrammar.durationWords.filter { $0.multiplier == multiplier }.map(\.word)
            let count = atMost(UnitGrammar.maximumDurationCount(multiplier: multiplier))
            return "\(count)\(space)*(?:\(alternatives(chinese))|\(alternatives(words))(?![A-Za-z]))"
        }
        return anchored("(?:" + byMultiplier.joined(separator: "|") + ")")
    }()

    /// A calendar date `YYYY-MM-DD` that exists (Gregorian leap years; no year 0000).
    public static let date: String = {
        let thirtyOne = "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
        let thirty = "(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        let february = "02-(?:0[1-9]|1[0-9]|2[0-8])"
        let leapYear = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
        return anchored("(?!0000)(?:[0-9]{4}-(?:\(thirtyOne)|\(thirty)|\(february))|\(leapYear)-02-29)")
    }()

    /// One province in any accepted spelling (`UnitParser.province`): codes and English names in any
    /// letter case, Chinese names as written.
    public static let province: String = anchored("(?:" + provinceSpellings.joined(separator: "|") + ")")

    /// `all`, in any letter case, with white space around it (a region list's only entry).
    public static let allProvinces: String = anchored(caseInsensitive(UnitGrammar.allProvinces))

    /// `all` written as the whole value of a region list (no white space: the scalar is compared as is).
    public static let allProvincesScalar: String = "^" + caseInsensitive(UnitGrammar.allProvinces) + "$"

    // MARK: - Pieces

    /// Unicode White_Space, which the parsers skip around values and between their parts. A scalar that
    /// normalisation changes (U+2000 is canonically U+2002) is listed alone, never a range's bound:
    /// regular-expression engines that compare characters canonically (Swift's `Regex`) refuse such bounds.
    public static let space: String = {
        var ranges: [ClosedRange<UInt32>] = []
        var previousIsStable = false
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), UnitScanner.isWhitespace(scalar) else { continue }
            let isStable = String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar])
            if isStable, previousIsStable, let last = ranges.last, last.upperBound + 1 == value {
                ranges[ranges.count - 1] = last.lowerBound...value
            } else {
                ranges.append(value...value)
            }
            previousIsStable = isStable
        }
        return "[" + ranges.map { range in
            range.count == 1 ? escape(range.lowerBound) : escape(range.lowerBound) + "-" + escape(range.upperBound)
        }.joined() + "]"
    }()

    /// At most `ExactNumber.maximumDigits` significant digits from here on (the digits after
    /// the first non-zero one, past `,` and `.`).
    public static let significantDigitsBound = "(?![0,.]*[1-9](?:[,.]?[0-9]){\(ExactNumber.maximumDigits)})"

    /// An unsigned number as `UnitScanner.scanNumber` reads it: digits, `,` grouping in threes when
    /// allowed, an optional fraction after `.`.
    static func number(grouping: Bool) -> String {
        let integer = grouping ? "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)" : "[0-9]+"
        return significantDigitsBound + integer + "(?:\\.[0-9]+)?"
    }

    /// Decimal digits (leading zeros allowed) whose value is at most `bound`: fewer significant digits, or
    /// as many and not greater digit by digit.
    static func atMost(_ bound: Int) -> String {
        let digits = Array(String(bound))
        var branches = digits.count > 1 ? ["[0-9]{1,\(digits.count - 1)}"] : []
        for (index, digit) in digits.enumerated() where digit != "0" {
            let below = "[0-\(Character(Unicode.Scalar(digit.asciiValue.map { $0 - 1 } ?? 48)))]"
            let rest = digits.count - index - 1
            branches.append(String(digits[..<index]) + below + (rest > 0 ? "[0-9]{\(rest)}" : ""))
        }
        branches.append(String(digits))
        return "0*(?:" + branches.joined(separator: "|") + ")"
    }

    private static var percentBody: String {
        number(grouping: false) + "\(space)*" + alternatives(UnitGrammar.percentSigns)
    }

    /// Every spelling of the province table, letters in any case.
    private static var provinceSpellings: [String] {
        Province.spellings.map(\.spelling).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }.map(caseInsensitive)
    }

    private static func anchored(_ body: String) -> String { "^\(space)*\(body)\(space)*$" }

    /// `(?:a|b|c)`, each word escaped.
    private static func alternatives(_ words: [String]) -> String {
        "(?:" + words.map(escaped).joined(separator: "|") + ")"
    }

    /// Regular-expression metacharacters escaped.
    private static func escaped(_ word: String) -> String {
        var out = ""
        for character in word {
            if "\\^$.|?*+()[]{}/".contains(character) { out += "\\" }
            out.append(character)
        }
        return out
    }

    /// Each ASCII letter as a class of every scalar that lowercases to it (`[Kk\u212A]`: the parsers
    /// compare lowercased text); everything else escaped.
    private static func caseInsensitive(_ word: String) -> String {
        var out = ""
        for character in word.lowercased() {
            guard character.isASCII, character.isLetter else {
                out += escaped(String(character))
                continue
            }
            var members = [String(character).uppercased(), String(character)]
            for (scalar, lower) in foldedToASCII where lower == character { members.append(escape(scalar.value)) }
            out += "[" + members.joined() + "]"
        }
        return out
    }

    /// Non-ASCII scalars whose lowercase form is one ASCII letter (the Kelvin sign lowercases to `k`).
    private static let foldedToASCII: [(Unicode.Scalar, Character)] = (UInt32(0x80)...0x24FF).compactMap { value in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let lower = String(scalar).lowercased()
        guard lower.count == 1, let character = lower.first, character.isASCII, character.isLetter else { return nil }
        return (scalar, character)
    }

    private static func escape(_ value: UInt32) -> String {
        if value >= 0x20 && value < 0x7F && value != 0x2D && value != 0x5C && value != 0x5D && value != 0x5E {
            return String(Character(Unicode.Scalar(value) ?? " "))
        }
        if value <= 0xFFFF {
            let hex = String(value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "\\u{" + String(value, radix: 16) + "}"
    }
}
