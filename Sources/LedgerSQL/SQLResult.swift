import LedgerTape
import RuleLanguage

/// The rows of a compiled script's result query, read back from an engine's CSV output.
struct SQLResult: Sendable {
    /// One result row: the columns of `SQLScript.resultColumns` (nil for SQL NULL).
    struct Row: Sendable {
        let cells: [String?]

        var section: String { cells[0] ?? "" }
        var rule: String? { cells[1] }
        var key: String? { cells[2] }
        var severity: String? { cells[3] }
        var status: String? { cells[4] }
        var a: String? { cells[5] }
        var b: String? { cells[6] }
        var c: String? { cells[7] }
        var d: String? { cells[8] }
        var e: String? { cells[9] }
    }

    /// A result that is not what the script prints: an error, never a report.
    struct Malformed: Error, Sendable {
        let message: String
    }

    /// What engines print for SQL NULL (a character no tape cell holds: text cells refuse control
    /// characters).
    static let null = "\u{1E}"

    let rows: [Row]

    /// Parses CSV with a header line `section,rule,k,…`; anything the client printed before it (notices
    /// of statements) is skipped.
    init(csv bytes: [UInt8]) throws(Malformed) {
        var rows: [Row] = []
        var headerSeen = false
        var failure: Malformed?
        bytes.withUnsafeBytes { raw in
            // Skip to the header line.
            let header = Array(SQLScript.resultColumns.joined(separator: ",").utf8)
            var start = 0
            while start < raw.count {
                var end = start
                while end < raw.count, raw[end] != UInt8(ascii: "\n") { end += 1 }
                var line = Array(raw[start..<end])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if line == header {
                    headerSeen = true
                    start = end + 1
                    break
                }
                start = end + 1
            }
            guard headerSeen else { return }
            var scanner = CSVScanner(raw, range: min(start, raw.count)..<raw.count)
            var fields = CSVFields()
            do {
                while try scanner.next(into: &fields) {
                    if fields.count == 1, fields[0].start == fields[0].end { continue }  // a blank line
                    guard fields.count == SQLScript.resultColumns.count else {
                        failure = Malformed(message: "a result row has \(fields.count) fields, not \(SQLScript.resultColumns.count)")
                        return
                    }
                    let cells = fields.fields.map { field -> String? in
                        let text = field.text(in: raw)
                        return text == Self.null ? nil : text
                    }
                    rows.append(Row(cells: cells))
                }
            } catch let error as CSVSyntaxError {
                failure = Malformed(message: "the engine's output is not CSV: \(error.message)")
            } catch {
                failure = Malformed(message: "the engine's output is not CSV")
            }
        }
        if let failure { throw failure }
        guard headerSeen else { throw Malformed(message: "the engine printed no result (no line '\(SQLScript.resultColumns.joined(separator: ","))')") }
        self.rows = rows
    }

    func rows(_ section: String) -> [Row] { rows.filter { $0.section == section } }
}

/// Numbers as engines print decimals: `200000.010000000000`, `-3`, `1.5E+5`, `0E-12`.
enum SQLNumber {
    /// The exact value (at most 12 decimals after trailing zeros are dropped), or nil.
    static func fixedPoint(_ text: String) -> FixedPoint? {
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...].replacing("+", with: "")) else { return nil }
            exponent = value
            mantissa = String(text[..<e])
        }
        var negative = false
        if mantissa.hasPrefix("-") {
            negative = true
            mantissa.removeFirst()
        } else if mantissa.hasPrefix("+") {
            mantissa.removeFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !(whole.isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        var digits = String(whole) + (parts.count == 2 ? String(parts[1]) : "")
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // value = digits × 10^(exponent − fraction digits); as units of 10^-12.
        var shift = FixedPoint.scale + exponent - (parts.count == 2 ? parts[1].count : 0)
        while shift < 0 {
            guard digits.last == "0" else { return nil }
            digits.removeLast()
            shift += 1
        }
        guard var units = Int128(digits) else { return nil }
        for _ in 0..<shift {
            let (times, overflow) = units.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            units = times
        }
        return FixedPoint(units: negative ? -units : units)
    }
}
