/// Amounts the way Chinese readers write them — `8亿元`, `20万元`, `12345.6789万元` — beside the exact
/// figure the reports print (`¥800,000,000（8亿元）`). The reading is exact: the figure's digits with the
/// decimal point moved, in 亿 when that needs at most four decimals, else in 万; amounts under 1万 are
/// left as they are.
enum ChineseAmounts {
    /// `800000000` → `8亿元`; `300000` → `30万元`; `5000` → nil. `figure`: yuan as digits, an optional
    /// fraction after `.`, `,` separators allowed.
    static func reading(_ figure: String) -> String? {
        let plain = figure.filter { $0 != "," }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let integerPart = parts.first, !integerPart.isEmpty,
              plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        let integer = String(integerPart.drop { $0 == "0" })
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard integer.count >= 5 else { return nil }
        if integer.count >= 9, let yi = shifted(integer, fraction, by: 8), (yi.split(separator: ".").dropFirst().first?.count ?? 0) <= 4 {
            return yi + "亿元"
        }
        return shifted(integer, fraction, by: 4).map { $0 + "万元" }
    }

    /// The decimal `integer.fraction` divided by 10^`places`, trailing zeros dropped.
    private static func shifted(_ integer: String, _ fraction: String, by places: Int) -> String? {
        guard integer.count > places else { return nil }
        let split = integer.index(integer.endIndex, offsetBy: -places)
        var decimals = String(integer[split...]) + fraction
        while decimals.last == "0" { decimals.removeLast() }
        return String(integer[..<split]) + (decimals.isEmpty ? "" : "." + decimals)
    }

    /// `text` with each `¥figure` of at least 1万 followed by its reading: `¥800,000,000（8亿元）`. A
    /// figure already followed by its reading is left alone, so annotating twice changes nothing.
    static func annotate(_ text: String) -> String {
        guard text.contains("¥") else { return text }
        var out = ""
        var rest = text[...]
        while let sign = rest.firstIndex(of: "¥") {
            out += rest[...sign]
            rest = rest[rest.index(after: sign)...]
            let figure = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
            // A sentence may end right after the figure: `¥200,000.` is not a fraction.
            let trimmed = figure.hasSuffix(".") || figure.hasSuffix(",") ? figure.dropLast() : figure
            out += trimmed
            rest = rest[trimmed.endIndex...]
            if let reading = reading(String(trimmed)), !rest.hasPrefix("（\(reading)）") { out += "（\(reading)）" }
        }
        return out + rest
    }
}
