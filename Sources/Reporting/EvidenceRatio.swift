/// How far a group's aggregate is from its upper bound, from the evidence strings the report already
/// holds (`¥200,000.01` against `≤ ¥200,000`; `35%` against `≤ 30%`), in exact integers: the report has
/// no other numbers, and the chart must not drift from what the text says.
enum EvidenceRatio {
    /// actual / bound in hundredths of a percent, rounded **up** (so an aggregate over its bound never
    /// reads as 100.00%), or nil when the bound is not an upper bound (`≤`, `<`), when either value is
    /// not a plain amount, percent or count, when their units differ, or when the bound is not positive.
    static func basisPoints(actual: String, required: String) -> Int? {
        var bound = Substring(required)
        guard let first = bound.first, first == "≤" || first == "<" else { return nil }
        bound = bound.dropFirst().drop { $0 == " " }
        guard let (value, unit) = number(Substring(actual)), let (limit, limitUnit) = number(bound), unit == limitUnit,
              limit.mantissa > 0, value.mantissa >= 0 else { return nil }
        // Same scale, then ceil(actual × 10000 / bound), with 128-bit intermediates (no overflow, no Double).
        let scale = max(value.scale, limit.scale)
        guard let numerator = scaled(value, to: scale), let denominator = scaled(limit, to: scale) else { return nil }
        let product = UInt(numerator).multipliedFullWidth(by: 10_000)
        guard product.high < UInt(denominator) else { return nil }
        let (quotient, remainder) = UInt(denominator).dividingFullWidth(product)
        guard quotient < UInt(Int.max) else { return nil }
        return Int(quotient) + (remainder > 0 ? 1 : 0)
    }

    /// The bound of an upper-bound evidence without its comparison: `¥200,000` for `≤ ¥200,000`.
    static func boundText(_ required: String) -> String {
        guard let first = required.first, first == "≤" || first == "<" else { return required }
        return String(required.dropFirst().drop { $0 == " " })
    }

    /// `100.01%` for 10001 basis points.
    static func percent(_ basisPoints: Int) -> String {
        let fraction = basisPoints % 100
        return "\(basisPoints / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    private struct Decimal {
        let mantissa: Int
        let scale: Int
    }

    /// `¥1,200,000.50` → (120000050, 2, "¥"); `30%` → (30, 0, "%"); `3` → (3, 0, "").
    private static func number(_ text: Substring) -> (Decimal, String)? {
        var rest = text
        var unit = ""
        if rest.hasPrefix("¥") {
            unit = "¥"
            rest = rest.dropFirst()
        } else if rest.hasSuffix("%") {
            unit = "%"
            rest = rest.dropLast()
        }
        var mantissa = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for character in rest {
            if character == "," && !seenPoint { continue }
            if character == "." && !seenPoint { seenPoint = true; continue }
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            digits += 1
            // 18 digits always fit an Int.
            guard digits <= 18 else { return nil }
            mantissa = mantissa * 10 + digit
            if seenPoint { scale += 1 }
        }
        return digits == 0 ? nil : (Decimal(mantissa: mantissa, scale: scale), unit)
    }

    private static func scaled(_ value: Decimal, to scale: Int) -> Int? {
        var result = value.mantissa
        for _ in value.scale..<scale {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = next
        }
        return result
    }
}
