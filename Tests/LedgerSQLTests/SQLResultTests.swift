@testable import LedgerSQL
import Testing

/// The engine's CSV output read back: what a client prints before the header is skipped, NULL is the
/// sentinel character, and anything that is not the result's shape is an error — never a report.
@Suite struct SQLResultTests {
    static let header = "section,rule,k,severity,status,a,b,c,d,e\n"
    static let null = "\u{1E}"

    private func read(_ text: String) throws(SQLResult.Malformed) -> SQLResult { try SQLResult(csv: Array(text.utf8)) }

    private func message(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func linesBeforeTheHeaderAreSkipped() throws {
        // psql prints notices and command tags, DuckDB nothing; neither is a result row.
        let text = "SET\nCREATE TABLE\nNOTICE:  table \"lc_src1\" does not exist, skipping\n" + Self.header
            + "rows,\(Self.null),\(Self.null),\(Self.null),\(Self.null),19,8,2,\(Self.null),\(Self.null)\n"
        let result = try read(text)
        #expect(result.rows.count == 1)
        let row = try #require(result.rows.first)
        #expect(row.section == "rows")
        #expect(row.cells == ["rows", nil, nil, nil, nil, "19", "8", "2", nil, nil] as [String?])
    }

    @Test func theNullSentinelIsNilAndAnEmptyFieldIsEmptyText() throws {
        let result = try read(Self.header + "total,R-1,\(Self.null),error,fail,3,,\"\",\"\(Self.null)\",x\n")
        let row = try #require(result.rows.first)
        #expect(row.rule == "R-1")
        #expect(row.key == nil)
        #expect(row.severity == "error")
        #expect(row.status == "fail")
        #expect(row.a == "3")
        #expect(row.b == "")
        #expect(row.c == "")
        #expect(row.d == nil)
        #expect(row.e == "x")
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = Self.header + "loan,R-1,\"L,1\",error,fail,\"say \"\"hi\"\"\",\"two\nlines\",\"a\u{1F}b\",,\n"
            + "loan,R-1,L2,error,cannot,,,,,\r\n"
        let result = try read(text)
        #expect(result.rows.count == 2)
        #expect(result.rows[0].key == "L,1")
        #expect(result.rows[0].a == "say \"hi\"")
        #expect(result.rows[0].b == "two\nlines")
        #expect(result.rows[0].c == "a\u{1F}b")
        #expect(result.rows[1].key == "L2")
        #expect(result.rows[1].status == "cannot")
        #expect(result.rows("loan").count == 2)
        #expect(result.rows("total").isEmpty)
    }

    @Test func aHeaderWithACarriageReturnAndBlankLinesAreRead() throws {
        let text = "section,rule,k,severity,status,a,b,c,d,e\r\n\r\nrows,,,,,1,0,0,,\r\n\n"
        let result = try read(text)
        #expect(result.rows.map(\.section) == ["rows"])
        #expect(result.rows[0].a == "1")
    }

    @Test func aHeaderAloneIsAnEmptyResult() throws {
        #expect(try read(Self.header).rows.isEmpty)
        #expect(try read("section,rule,k,severity,status,a,b,c,d,e").rows.isEmpty)
    }

    @Test func aRowOfAnotherWidthIsAnError() {
        #expect(message(Self.header + "rows,,,,,1,0,0,,\ntotal,R-1,x\n") == "a result row has 3 fields, not 10")
        #expect(message(Self.header + "rows,,,,,1,0,0,,,extra\n") == "a result row has 11 fields, not 10")
    }

    @Test func noHeaderIsAnError() {
        let expected = "the engine printed no result (no line 'section,rule,k,severity,status,a,b,c,d,e')"
        #expect(message("") == expected)
        #expect(message("ERROR:  relation \"lc_loan\" does not exist\n") == expected)
        // A header of other columns, or the right ones in another order or case, is not the result's.
        #expect(message("section,rule,k,severity,status,a,b,c,d\nrows,,,,,1,0,0,\n") == expected)
        #expect(message("SECTION,RULE,K,SEVERITY,STATUS,A,B,C,D,E\n") == expected)
        #expect(message("\"section\",rule,k,severity,status,a,b,c,d,e\n") == expected)
    }

    @Test func outputThatIsNotCSVIsAnError() {
        #expect(message(Self.header + "rows,\"open,,,,1,0,0,,\n") == "the engine's output is not CSV: a quoted field is not closed")
        #expect(message(Self.header + "rows,\"x\"y,,,,1,0,0,,\n") == "the engine's output is not CSV: unexpected text after a closing quote")
        #expect(message(Self.header + "rows,x\"y,,,,1,0,0,,\n") == "the engine's output is not CSV: a quote inside an unquoted field")
    }
}
