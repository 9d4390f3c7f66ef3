import FoundationEssentials
import RuleLanguage
import Testing

/// `ExactNumber` against Foundation `Decimal`, the number type it replaced: the same values, order and
/// results wherever `Decimal` is exact; an error where `Decimal` would have rounded.
@Suite struct ExactNumberTests {
    /// Reproducible random numbers (SplitMix64).
    struct Numbers: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A decimal literal of 1…`maxDigits` digits with the point anywhere (or nowhere), maybe negative.
        mutating func literal(maxDigits: Int = 38) -> String {
            let count = Int.random(in: 1...maxDigits, using: &self)
            var digits = (0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &self))) }
            if Bool.random(using: &self) { digits[0] = "0" }  // leading zeros
            var text = String(digits)
            let point = Int.random(in: 0...count, using: &self)
            if point > 0, point < count { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            return (Bool.random(using: &self) ? "-" : "") + text
        }
    }

    static func number(_ text: String) -> ExactNumber {
        guard let value = ExactNumber.parse(text) else { fatalError("not a number: \(text)") }
        return value
    }

    @Test func parsesOnlyCompleteDecimalLiterals() {
        #expect(ExactNumber.parse("200000.50")?.plainText == "200000.5")
        #expect(ExactNumber.parse("-0.5")?.plainText == "-0.5")
        #expect(ExactNumber.parse("+007.000") == 7)
        for bad in ["1.5亿", "1,000", "1e3", ".5", "5.", "", "+", "-", "1.2.3", " 1", "1 ", "٣"] {
            #expect(ExactNumber.parse(bad) == nil, "\(bad)")
        }
        #expect(ExactNumber.parse(String(repeating: "9", count: 38)) != nil)
        #expect(ExactNumber.parse(String(repeating: "9", count: 39)) == nil)
        #expect(ExactNumber.parse("1" + String(repeating: "0", count: 38)) == nil)  // 39 significant digits
        #expect(ExactNumber.parse("0.000" + String(repeating: "1", count: 38)) != nil)
        #expect(ExactNumber.parse("0." + String(repeating: "0", count: 127) + "1")?.exponent == -128)
        #expect(ExactNumber.parse("0." + String(repeating: "0", count: 128) + "1") == nil)
    }

    @Test func normalisesSoEqualNumbersHaveEqualFields() {
        let a = Self.number("1.50")
        let b = Self.number("1.5")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.significand == 15 && a.exponent == -1)
        #expect(Self.number("200000") == ExactNumber(200_000))
        #expect(ExactNumber(200_000).significand == 2 && ExactNumber(200_000).exponent == 5)
        #expect(Self.number("-0.000") == .zero && ExactNumber.zero.exponent == 0)
        #expect(ExactNumber(Int.min).plainText == String(Int.min))
    }

    @Test func holdsTheSameValuesAsDecimal() {
        var random = Numbers(state: 1)
        for _ in 0..<5_000 {
            let text = random.literal()
            let exact = ExactNumber.parse(text)
            #expect(exact?.decimal == ExactDecimal.parse(text), "\(text)")
            #expect(exact?.plainText == ExactDecimal.parse(text).map(ExactDecimal.plain), "\(text)")
            if let exact { #expect(ExactNumber(exactly: exact.decimal) == exact, "\(text)") }
        }
    }

    @Test func ordersAsDecimalDoes() {
        var random = Numbers(state: 2)
        for _ in 0..<5_000 {
            let (x, y) = (random.literal(), Bool.random(using: &random) ? random.literal() : random.literal(maxDigits: 4))
            let (a, b) = (Self.number(x), Self.number(y))
            let (p, q) = (a.decimal, b.decimal)
            #expect(ExactNumber.compare(a, b) == (p < q ? -1 : (p == q ? 0 : 1)), "\(x) vs \(y)")
        }
        #expect(Self.number("0.3") == Self.number("0.30"))
        #expect(Self.number("1" + String(repeating: "0", count: 37)) > Self.number("0." + String(repeating: "9", count: 38)))
    }

    @Test func addsAndMultipliesAsDecimalOrRefusesToRound() throws {
        var random = Numbers(state: 3)
        var refused = 0
        for _ in 0..<5_000 {
            let (x, y) = (random.literal(maxDigits: 20), random.literal(maxDigits: 20))
            let (a, b) = (Self.number(x), Self.number(y))
            let pairs: [(Result<ExactNumber, ExactNumber.ArithmeticError>, Decimal?)] = [
                (Result { () throws(ExactNumber.ArithmeticError) in try a.adding(b) }, a.decimal + b.decimal),
                (Result { () throws(ExactNumber.ArithmeticError) in try a.subtracting(b) }, a.decimal - b.decimal),
                (Result { () throws(ExactNumber.ArithmeticError) in try a.multiplied(by: b) }, ExactDecimal.product(a.decimal, b.decimal)),
            ]
            for (ours, theirs) in pairs {
                switch ours {
                case .success(let value): #expect(value.decimal == theirs, "\(x), \(y)")
                case .failure:
                    // Refused only where Decimal had to fill all its digits (and so may have rounded).
                    refused += 1
                    let digits = theirs.map { ExactDecimal.parts($0) == nil || String($0.significand.description).count >= 38 } ?? true
                    #expect(digits, "\(x), \(y)")
                }
            }
        }
        #expect(refused < 500)
    }

    @Test func refusesInsteadOfRounding() throws {
        let big = Self.number(String(repeating: "9", count: 38))
        #expect(throws: ExactNumber.ArithmeticError.overflow) { try big.adding(Self.number("0.1")) }
        #expect(throws: ExactNumber.ArithmeticError.overflow) { try big.multiplied(by: Self.number("1.1")) }
        #expect(throws: ExactNumber.ArithmeticError.overflow) { try big.adding(big) }
        let tiny = Self.number("0." + String(repeating: "0", count: 65) + "1")
        #expect(throws: ExactNumber.ArithmeticError.underflow) { try tiny.multiplied(by: tiny) }
        #expect(throws: ExactNumber.ArithmeticError.divisionByZero) { try big.dividing(by: .zero) }
        #expect(throws: ExactNumber.ArithmeticError.underflow) { try Self.number("0.1").shifted(by: -128) }
        #expect(throws: ExactNumber.ArithmeticError.overflow) { try Self.number("1").shifted(by: 128) }
        // The product of normalised factors may end in zeros: 2 × 5, and a full 38 digits × 10.
        #expect(try Self.number("2").multiplied(by: Self.number("5")) == 10)
        #expect(try Self.number("0.25").multiplied(by: Self.number("4")) == 1)
    }

    @Test func dividesToThirtyEightDigitsTruncated() throws {
        #expect(try ExactNumber(1).dividing(by: 4).plainText == "0.25")
        #expect(try ExactNumber(1).dividing(by: 3).plainText == "0." + String(repeating: "3", count: 38))
        #expect(try ExactNumber(2).dividing(by: 3).plainText == "0." + String(repeating: "6", count: 38))
        #expect(try ExactNumber(-2).dividing(by: 3).plainText == "-0." + String(repeating: "6", count: 38))
        #expect(try Self.number("300000").dividing(by: Self.number("1000000")) == Self.number("0.3"))
        var random = Numbers(state: 4)
        for _ in 0..<3_000 {
            let (x, y) = (random.literal(), random.literal())
            let (a, b) = (Self.number(x), Self.number(y))
            guard !b.isZero else { continue }
            #expect(try a.dividing(by: b) == Self.longDivision(a, b), "\(x) / \(y)")
        }
        // Foundation's Decimal quotient is not exact past about 20 digits for some operands (the exact
        // quotient is −9653983485602.77304827046214074945259497…): the one place the two differ.
        let (a, b) = (Self.number("-6745659399825119"), Self.number("698.7436232810103234017867134"))
        #expect(try a.dividing(by: b).plainText == "-9653983485602.7730482704621407494525949")
        #expect(ExactDecimal.plain(a.decimal / b.decimal).hasPrefix("-9653983485602.77304827166"))
    }

    /// `a ÷ b` truncated to 38 significant digits, one digit at a time (the schoolbook method, as an
    /// independent reference).
    static func longDivision(_ a: ExactNumber, _ b: ExactNumber) -> ExactNumber? {
        let divisor = b.significand.magnitude
        var digits = String(a.significand.magnitude / divisor)
        var remainder = a.significand.magnitude % divisor
        var fractionDigits = 0
        func significant() -> Int { digits.drop { $0 == "0" }.count }
        while remainder != 0, significant() < 38, fractionDigits < 300 {
            let (digit, rest) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: 10))
            digits += String(digit)
            remainder = rest
            fractionDigits += 1
        }
        guard let magnitude = Int128(digits) else { return nil }
        let negative = (a.signum < 0) != (b.signum < 0)
        return ExactNumber(significand: negative ? -magnitude : magnitude,
                           exponent: Int(a.exponent) - Int(b.exponent) - fractionDigits)
    }

    @Test func roundsAndFormatsAsBefore() {
        var random = Numbers(state: 5)
        for _ in 0..<3_000 {
            let text = random.literal(maxDigits: 30)
            let (ours, theirs) = (Self.number(text), ExactDecimal.parse(text) ?? .nan)
            for scale in [0, 2, 4, 6] {
                for rounding in [ExactNumber.Rounding.halfUp, .down, .up] {
                    #expect(ours.rounded(scale: scale, rounding).decimal == ExactDecimal.round(theirs, scale: scale, rounding), "\(text) \(scale)")
                }
                #expect(ours.formatted(fractionDigits: scale) == ExactDecimal.format(theirs, fractionDigits: scale), "\(text) \(scale)")
            }
        }
        #expect(Self.number("31.725").rounded(scale: 2) == Self.number("31.73"))
        #expect(Self.number("-0.005").formatted(fractionDigits: 2) == "-0.01")
        #expect(Self.number("99.995").formatted(fractionDigits: 2) == "100.00")
        #expect(Self.number("0.0001").rounded(scale: 2, .up) == Self.number("0.01"))
        #expect(Self.number("0." + String(repeating: "0", count: 60) + "1").rounded(scale: 2, .up) == Self.number("0.01"))
    }

    @Test func convertsToScaledIntegers() {
        #expect(Self.number("1234.56").scaledInteger(scale: 2) == 123_456)
        #expect(Self.number("1234.567").scaledInteger(scale: 2) == nil)
        #expect(Self.number("20").integerValue == 20)
        #expect(Self.number("2.5").integerValue == nil)
        #expect(ExactNumber.zero.scaledInteger(scale: 40) == 0)
    }
}
