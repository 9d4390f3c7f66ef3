import FoundationEssentials
import RuleLanguage

/// Why a cell could not be read: the message, a hint, and the offset (in characters) into the cell.
public struct CellError: Error, Sendable, Hashable {
    public let message: String
    public let hint: String?
    public let offset: Int

    public init(_ message: String, hint: String? = nil, offset: Int = 0) {
        self.message = message
        self.hint = hint
        self.offset = offset
    }

    init(_ error: UnitError) { self.init(error.message, hint: error.hint, offset: error.offset) }
}

/// Strict parsers from a cell's bytes to the fixed-width values the ledger engines compute with.
///
/// Each common spelling has a byte-level fast path (a tape holds millions of `200000.00`, `23.5%`,
/// `2024-06-30`); anything else goes through the same `UnitParser` as YAML documents, so a cell is
/// spelled like a document value and a bad one gets the same message. Nothing is rounded: an amount
/// with fractions of a fen, or a percentage with more than 8 decimals, is an error.
public enum CellParser {
    /// Units of a share or an APR: 10^-10 of the fraction (30% = 3,000,000,000).
    public static let ratioUnitsPerOne: Int64 = 10_000_000_000

    /// Money in yuan (`200000.00`, `20万`, `¥200,000`) or, with `fen`, a whole number of fen; as fen.
    public static func money(_ cell: UnsafeRawBufferPointer, inFen: Bool = false) throws(CellError) -> Int64 {
        if inFen {
            guard let value = wholeNumber(cell) else {
                throw CellError("expected a whole number of fen, found '\(text(cell))'",
                                hint: "the column's format is fen: write 20000000 for ¥200,000.00")
            }
            return value
        }
        if let fen = plainYuan(cell) { return fen }
        let written = text(cell)
        let value: ExactNumber
        do {
            value = try UnitParser.money(written)
        } catch {
            throw CellError(error)
        }
        guard let fen = value.scaledInteger(scale: 2), let result = Int64(exactly: fen) else {
            throw CellError("'\(written)' has fractions of a fen", hint: "amounts on a tape are in yuan with at most 2 decimals")
        }
        return result
    }

    /// A percentage (`23.5%`) or, with `fraction`, a decimal fraction (`0.235`); in units of 10^-10.
    public static func ratio(_ cell: UnsafeRawBufferPointer, asFraction: Bool = false) throws(CellError) -> Int64 {
        if asFraction {
            guard let units = decimalUnits(cell, shift: 10, maximumDecimals: 10) else {
                throw CellError("expected a fraction such as 0.235, found '\(text(cell))'",
                                hint: "the column's format is fraction (23.5% is 0.235); at most 10 decimals")
            }
            return units
        }
        if cell.count > 1, cell[cell.count - 1] == UInt8(ascii: "%"),
           let units = decimalUnits(UnsafeRawBufferPointer(rebasing: cell[0..<(cell.count - 1)]), shift: 8, maximumDecimals: 8) {
            return units
        }
        let written = text(cell)
        let ratio: Ratio
        do {
            ratio = try UnitParser.percent(written)
        } catch {
            if (try? UnitParser.ratio("\(written)%")) != nil, !written.contains("%") {
                throw CellError("a percentage needs a % sign", hint: "write \(written)%, or set `format: fraction` for 0.235-style cells")
            }
            throw CellError(error)
        }
        guard let units = ratio.value.scaledInteger(scale: 10), let result = Int64(exactly: units) else {
            throw CellError("'\(written)' has more than 8 decimals", hint: "write the percentage with at most 8 decimals")
        }
        return result
    }

    /// A date as `yyyy-MM-dd` (or `yyyyMMdd` with `compact`), as its day number.
    public static func date(_ cell: UnsafeRawBufferPointer, compact: Bool = false) throws(CellError) -> Int32 {
        let digitsOnly = compact
        let expected = compact ? 8 : 10
        guard cell.count == expected else {
            throw CellError("expected a date as \(compact ? "yyyyMMdd" : "yyyy-MM-dd"), found '\(text(cell))'",
                            hint: compact ? "write 20240630" : "write 2024-06-30")
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = cell[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let parts: (Int?, Int?, Int?)
        if digitsOnly {
            parts = (number(0..<4), number(4..<6), number(6..<8))
        } else {
            guard cell[4] == UInt8(ascii: "-"), cell[7] == UInt8(ascii: "-") else {
                throw CellError("expected a date as yyyy-MM-dd, found '\(text(cell))'", hint: "write 2024-06-30")
            }
            parts = (number(0..<4), number(5..<7), number(8..<10))
        }
        guard let year = parts.0, let month = parts.1, let day = parts.2 else {
            throw CellError("expected a date as \(compact ? "yyyyMMdd" : "yyyy-MM-dd"), found '\(text(cell))'",
                            hint: compact ? "write 20240630" : "write 2024-06-30")
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw CellError("'\(text(cell))' is not a date of the calendar", hint: "check the month and the day")
        }
        return Int32(date.dayNumber)
    }

    /// A province in any §2 spelling, as its table index.
    public static func province(_ cell: UnsafeRawBufferPointer) throws(CellError) -> UInt8 {
        if cell.count == 5, cell[0] == UInt8(ascii: "C"), cell[1] == UInt8(ascii: "N"), cell[2] == UInt8(ascii: "-"),
           let index = ProvinceCodes.index(cell[3], cell[4]) {
            return index
        }
        do {
            return try UnitParser.province(text(cell)).tableIndex
        } catch {
            throw CellError(error)
        }
    }

    /// `digits` or `digits.d`/`digits.dd` in yuan, as fen; nil for any other spelling.
    static func plainYuan(_ cell: UnsafeRawBufferPointer) -> Int64? {
        guard let units = decimalUnits(cell, shift: 2, maximumDecimals: 2) else { return nil }
        return units
    }

    /// Digits with an optional point and at most `maximumDecimals` decimals, × 10^shift; nil otherwise
    /// (or on overflow).
    static func decimalUnits(_ cell: UnsafeRawBufferPointer, shift: Int, maximumDecimals: Int) -> Int64? {
        guard !cell.isEmpty else { return nil }
        var value: Int64 = 0
        var decimals = -1
        var digits = 0
        for byte in cell {
            if byte == UInt8(ascii: ".") {
                guard decimals < 0 else { return nil }
                decimals = 0
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            if decimals >= 0 {
                decimals += 1
                guard decimals <= maximumDecimals else { return nil }
            }
            digits += 1
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(Int64(byte - 48))
            guard !overflow1, !overflow2 else { return nil }
            value = plus
        }
        guard digits > 0, decimals != 0 else { return nil }
        var remaining = shift - max(decimals, 0)
        while remaining > 0 {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times
            remaining -= 1
        }
        return value
    }

    /// A whole number of digits; nil otherwise.
    static func wholeNumber(_ cell: UnsafeRawBufferPointer) -> Int64? {
        decimalUnits(cell, shift: 0, maximumDecimals: 0)
    }

    /// The cell as text, for messages.
    public static func text(_ cell: UnsafeRawBufferPointer) -> String { String(decoding: cell, as: UTF8.self) }
}

/// `CN-XX` → table index, by the two letters: a flat table of the 26 × 26 letter pairs (a dictionary
/// lookup per row hashed with SipHash).
enum ProvinceCodes {
    private static let none: UInt8 = 0xFF
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: none, count: 26 * 26)
        for province in Province.all {
            let letters = Array(province.code.utf8.dropFirst(3))
            if let slot = slot(letters[0], letters[1]) { table[slot] = province.tableIndex }
        }
        return table
    }()

    @inline(__always)
    private static func slot(_ first: UInt8, _ second: UInt8) -> Int? {
        let a = Int(first) - 65, b = Int(second) - 65
        guard a >= 0, a < 26, b >= 0, b < 26 else { return nil }
        return a * 26 + b
    }

    static func index(_ first: UInt8, _ second: UInt8) -> UInt8? {
        guard let slot = slot(first, second) else { return nil }
        let index = table[slot]
        return index == none ? nil : index
    }
}
