import Diagnostics
extension UnitParser {
    /// A percentage: `30%`, `0.05%`, `29.99%`. A bare number is rejected (is `0.3` 30% or 0.3%?).
    public static func percent(_ text: String) throws(UnitError) -> Ratio {
        var scanner = UnitScanner(text)
        scanner.skipSpaces()
        let ratio = try scanPercent(&scanner, example: "30%")
        scanner.skipSpaces()
        if !scanner.isAtEnd { throw scanner.trailingError(after: "the percentage") }
        return ratio
    }

    /// A ratio: a percentage (`30%`) or a fraction of whole numbers (`1/3`), kept as written for display.
    public static func ratio(_ text: String) throws(UnitError) -> Ratio {
        var scanner = UnitScanner(text)
        scanner.skipSpaces()
        try rejectNegative(&scanner, what: "a ratio")
        let start = scanner.position
        if let numerator = try scanner.scanNumber(grouping: false) {
            var afterNumber = scanner
            afterNumber.skipSpaces()
            if afterNumber.consume("/") {
                afterNumber.skipSpaces()
                return try fraction(numerator, &afterNumber, text: text)
            }
        }
        scanner.position = start
        let ratio = try scanPercent(&scanner, example: "30% or 3/10")
        scanner.skipSpaces()
        if !scanner.isAtEnd { throw scanner.trailingError(after: "the ratio") }
        return ratio
    }

    private static func fraction(
        _ numerator: UnitScanner.Number, _ scanner: inout UnitScanner, text: String
    ) throws(UnitError) -> Ratio {
        guard let denominator = try scanner.scanNumber(grouping: false) else {
            throw UnitError("expected a whole number after '/'", hint: "write a fraction like 1/3", offset: scanner.position)
        }
        for part in [numerator, denominator] where part.hasFraction {
            throw UnitError("a fraction is written with whole numbers", hint: "write a fraction like 1/3 or a percentage like 33.3%",
                            offset: part.start)
        }
        let top = try scanner.value(of: numerator)
        let bottom = try scanner.value(of: denominator)
        if bottom.isZero {
            throw UnitError("the denominator of a fraction cannot be zero", offset: denominator.start)
        }
        scanner.skipSpaces()
        if !scanner.isAtEnd { throw scanner.trailingError(after: "the fraction") }
        guard let quotient = try? top.dividing(by: bottom) else {
            throw UnitError("the fraction is too close to zero to be held", offset: numerator.start)
        }
        return Ratio(quotient, fractionText: numerator.digits + "/" + denominator.digits)
    }

    /// `number %` at the cursor; a number without `%` gets a hint that echoes it.
    static func scanPercent(_ scanner: inout UnitScanner, example: String) throws(UnitError) -> Ratio {
        try rejectNegative(&scanner, what: "a percentage")
        guard let number = try scanner.scanNumber(grouping: false) else {
            throw UnitError(scanner.isAtEnd ? "expected a percentage" : "expected a percentage, found '\(scanner.rest.trimmingSpaces)'",
                            hint: "write it like \(example)", offset: scanner.position)
        }
        let value = try scanner.value(of: number)
        let afterNumber = scanner.position
        scanner.skipSpaces()
        guard scanner.consume(anyOf: UnitGrammar.percentSigns) != nil else {
            throw UnitError("a percentage needs a % sign", hint: bareNumberHint(number.digits, value), offset: afterNumber)
        }
        guard let fraction = try? value.shifted(by: -2) else {
            throw UnitError("\(number.digits)% is too close to zero to be held exactly", hint: "write 0% if nothing is meant",
                            offset: number.start)
        }
        return Ratio(fraction)
    }

    /// `write 30%`; for a number below 1 the author may have meant a fraction, so show both readings.
    static func bareNumberHint(_ digits: String, _ value: ExactNumber) -> String {
        if value > 0, value < 1 {
            let asPercent = value.shiftedOrSelf(by: 2).plainText
            return "write \(asPercent)% for the fraction \(digits), or \(digits)% if you meant \(digits) percent"
        }
        return "write \(digits)%"
    }

    /// `write 18% per year …`; a number below 1 may be a fraction (0.18 = 18%) or a percent (0.18%), and
    /// the two readings differ a hundredfold — suggesting only `0.18% per year` would turn an 18% loan
    /// into one that passes every APR cap — so both are shown.
    static func bareRateHint(_ digits: String, _ value: ExactNumber) -> String {
        if value > 0, value < 1 {
            let asPercent = value.shiftedOrSelf(by: 2).plainText
            return "write \(asPercent)% per year for the fraction \(digits), or \(digits)% per year if you meant \(digits) percent "
                + "(a rate may also be per month or per day)"
        }
        return "write \(digits)% per year, \(digits)% per month or \(digits)% per day"
    }

    /// A rate: `0.05% per day`, `18% per year`, `1.5% per month`, `18% per annum`, `0.05%/day`,
    /// `0.05%/日`, `日息0.05%`, `日利率0.05%`, `月息1.5%`, `月利率1.5%`, `年化18%`, `年息18%`, `年利率18%`.
    public static func rate(_ text: String) throws(UnitError) -> Rate {
        var scanner = UnitScanner(text)
        scanner.skipSpaces()
        if let (_, period) = UnitGrammar.ratePrefixes.first(where: { scanner.consume($0.word) }) {
            scanner.skipSpaces()
            let ratio = try scanPercent(&scanner, example: "日息0.05%")
            scanner.skipSpaces()
            if !scanner.isAtEnd {
                // Only a period written again is what the hint is about (`日息0.05% per day`).
                var probe = scanner
                let repeatsPeriod = probe.consume(anyOf: UnitGrammar.rateSlashes) != nil || probe.consumeLetters() != nil
                throw scanner.trailingError(after: "the rate", hint: repeatsPeriod ? "the period is already given by the prefix" : nil)
            }
            return Rate(ratio, per: period)
        }
        let ratio: Ratio
        do {
            ratio = try scanPercent(&scanner, example: "0.05% per day")
        } catch {
            // A bare number: the rate needs both its % sign and its period.
            let digits = text.trimmingSpaces
            if error.message == "a percentage needs a % sign", let value = ExactNumber.parse(digits) {
                throw UnitError("a rate needs a % sign and a period", hint: bareRateHint(digits, value), offset: error.offset)
            }
            throw error
        }
        let afterPercent = scanner.position
        scanner.skipSpaces()
        let period = try scanRatePeriod(&scanner, missingAt: afterPercent, percent: { NumberFormat.ratio(ratio) })
        scanner.skipSpaces()
        if !scanner.isAtEnd { throw scanner.trailingError(after: "the rate") }
        return Rate(ratio, per: period)
    }

    /// `per day`, `/day`, `/日` … after a percentage.
    static func scanRatePeriod(
        _ scanner: inout UnitScanner, missingAt: Int, percent: () -> String
    ) throws(UnitError) -> RatePeriod {
        // Built only when thrown: formatting the percentage for the hint cost more than the whole scan.
        var missing: UnitError {
            let percent = percent()
            return UnitError("a rate needs a period", hint: "write \(percent) per day, \(percent) per month or \(percent) per year",
                             offset: missingAt)
        }
        if scanner.consume(anyOf: UnitGrammar.rateSlashes) != nil {
            scanner.skipSpaces()
            if let chinese = UnitGrammar.rateSlashPeriods.first(where: { scanner.consume($0.word) }) {
                return chinese.period
            }
        } else {
            let wordStart = scanner.position
            guard let word = scanner.consumeLetters() else { throw missing }
            guard word == UnitGrammar.ratePer else {
                throw UnitError("unexpected '\(word)' after the percentage", hint: missing.hint, offset: wordStart)
            }
            scanner.skipSpaces()
        }
        let wordStart = scanner.position
        guard let word = scanner.consumeLetters() else { throw missing }
        if let known = UnitGrammar.ratePeriodWords.first(where: { $0.word == word }) { return known.period }
        let suggestion = Suggestions.closest(to: word, in: ["day", "month", "year", "annum"])
        throw UnitError("unknown rate period '\(word)'",
                        hint: suggestion.map { "did you mean '\($0)'? a rate is per day, per month or per year" }
                            ?? "a rate is per day, per month or per year",
                        offset: wordStart)
    }
}
