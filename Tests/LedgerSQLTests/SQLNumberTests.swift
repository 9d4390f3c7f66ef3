@testable import LedgerSQL
import RuleLanguage
import Testing

/// Decimals as the engines print them, read back exactly (units of 10^-12) or not at all.
@Suite struct SQLNumberTests {
    private func units(_ text: String) -> Int128? { SQLNumber.fixedPoint(text)?.units }

    @Test func plainNumbers() {
        #expect(units("0") == 0)
        #expect(units("-3") == -3_000_000_000_000)
        #expect(units("+3") == 3_000_000_000_000)
        #expect(units("123.45") == 123_450_000_000_000)
        #expect(units("-0.01") == -10_000_000_000)
        #expect(units(".5") == 500_000_000_000)
        #expect(units("5.") == 5_000_000_000_000)
        #expect(units("0.000000000001") == 1)
    }

    @Test func trailingZerosBeyondTwelveDecimalsAreNoDecimals() {
        // DuckDB and PostgreSQL print DECIMAL(38, 12) with all its digits, Spark sometimes more.
        #expect(units("200000.010000000000") == 200_000_010_000_000_000)
        #expect(units("1.50000000000000000000") == 1_500_000_000_000)
        #expect(units("-7.000000000000000") == -7_000_000_000_000)
    }

    @Test func exponentForms() {
        #expect(units("1.5E+5") == 150_000_000_000_000_000)
        #expect(units("1.5e5") == 150_000_000_000_000_000)
        #expect(units("0E-12") == 0)
        #expect(units("0E-20") == 0)
        #expect(units("2.5E-3") == 2_500_000_000)
        #expect(units("1E-12") == 1)
        #expect(units("-4.2E+1") == -42_000_000_000_000)
        #expect(units("1000E-15") == 1)
    }

    @Test func moreThanTwelveDecimalsIsNoNumber() {
        #expect(units("0.0000000000001") == nil)
        #expect(units("1.0000000000001") == nil)
        #expect(units("1E-13") == nil)
        #expect(units("1.5E-12") == nil)
    }

    @Test func garbageIsNoNumber() {
        for text in ["", "-", "+", ".", "-.", "E5", "1E", "1E+", "1.2.3", "1,000", "12a", "0x10", " 1", "1 ", "١٢", "NaN", "Infinity",
                     "--1", "1e5e5", "1E+-5", "1E5+", "1E++5", "1E-+5", "\u{1E}"] {
            #expect(units(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func aNumberBeyondTheRangeIsNoNumber() {
        #expect(units("170141183460469231731.687303715884105727") == nil)
        #expect(units("1E+400") == nil)
        // 10^26 is 10^38 units, the last power of ten an Int128 holds.
        #expect(units("-1E+26") == -100_000_000_000_000_000_000_000_000_000_000_000_000)
        #expect(units("1E+27") == nil)
    }

    /// An imported result is a user's file: an exponent near Int.max once overflowed the shift (a
    /// crash), and a zero with a huge exponent multiplied 0 by 10 that many times (a hang).
    @Test func anExtremeExponentIsReadWithoutOverflowOrHang() {
        #expect(units("1E9223372036854775807") == nil)
        #expect(units("1.5E-9223372036854775808") == nil)
        #expect(units("1E99999999999999999999") == nil)
        #expect(units("0E999999999999") == 0)
        #expect(units("-0.0E9223372036854775807") == 0)
    }
}
