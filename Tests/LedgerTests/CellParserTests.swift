import LedgerTape
import RuleLanguage
import Testing

/// Cells are read with the same unit rules as YAML, into fixed-point integers, and nothing is rounded.
@Suite struct CellParserTests {
    private func cell<T>(_ text: String, _ parse: (UnsafeRawBufferPointer) throws(CellError) -> T) throws(CellError) -> T {
        let bytes = Array(text.utf8)
        var result: Result<T, CellError>!
        bytes.withUnsafeBytes { buffer in result = Result { () throws(CellError) in try parse(buffer) } }
        return try result.get()
    }

    @Test func moneyInYuanBecomesFen() throws {
        #expect(try cell("200000.00") { b throws(CellError) in try CellParser.money(b) } == 20_000_000)
        #expect(try cell("200000.5") { b throws(CellError) in try CellParser.money(b) } == 20_000_050)
        #expect(try cell("20万") { b throws(CellError) in try CellParser.money(b) } == 20_000_000)
        #expect(try cell("¥200,000.01") { b throws(CellError) in try CellParser.money(b) } == 20_000_001)
        #expect(try cell("20000001") { b throws(CellError) in try CellParser.money(b, inFen: true) } == 20_000_001)
    }

    @Test func fractionsOfAFenAndNegativeAmountsAreErrors() {
        #expect(throws: CellError("'0.001' has fractions of a fen", hint: "amounts on a tape are in yuan with at most 2 decimals")) {
            _ = try cell("0.001") { b throws(CellError) in try CellParser.money(b) }
        }
        #expect(throws: CellError("an amount of money cannot be negative", hint: "write it without a minus sign", offset: 0)) {
            _ = try cell("-5") { b throws(CellError) in try CellParser.money(b) }
        }
        #expect(throws: CellError("expected a whole number of fen, found '12.5'",
                                  hint: "the column's format is fen: write 20000000 for ¥200,000.00")) {
            _ = try cell("12.5") { b throws(CellError) in try CellParser.money(b, inFen: true) }
        }
    }

    @Test func percentagesAndFractionsAreTenThousandthsOfAMillionth() throws {
        #expect(try cell("23.5%") { b throws(CellError) in try CellParser.ratio(b) } == 2_350_000_000)
        #expect(try cell("30%") { b throws(CellError) in try CellParser.ratio(b) } == 3_000_000_000)
        #expect(try cell("29.99999999%") { b throws(CellError) in try CellParser.ratio(b) } == 2_999_999_999)
        #expect(try cell("0.235") { b throws(CellError) in try CellParser.ratio(b, asFraction: true) } == 2_350_000_000)
        #expect(throws: CellError("a percentage needs a % sign", hint: "write 23.5%, or set `format: fraction` for 0.235-style cells")) {
            _ = try cell("23.5") { b throws(CellError) in try CellParser.ratio(b) }
        }
    }

    @Test func datesInBothFormatsAndTheCalendarChecked() throws {
        let day = CivilDate(year: 2024, month: 6, day: 30)?.dayNumber ?? 0
        #expect(try cell("2024-06-30") { b throws(CellError) in try CellParser.date(b) } == Int32(day))
        #expect(try cell("20240630") { b throws(CellError) in try CellParser.date(b, compact: true) } == Int32(day))
        #expect(throws: CellError("'2023-02-29' is not a date of the calendar", hint: "check the month and the day")) {
            _ = try cell("2023-02-29") { b throws(CellError) in try CellParser.date(b) }
        }
        #expect(throws: CellError("expected a date as yyyy-MM-dd, found '2024/06/30'", hint: "write 2024-06-30")) {
            _ = try cell("2024/06/30") { b throws(CellError) in try CellParser.date(b) }
        }
    }

    @Test func provincesInAnySpelling() throws {
        let guangdong = Province(code: "CN-GD")?.tableIndex
        for spelling in ["CN-GD", "GD", "广东", "广东省", "Guangdong"] {
            #expect(try cell(spelling) { b throws(CellError) in try CellParser.province(b) } == guangdong)
        }
    }
}
