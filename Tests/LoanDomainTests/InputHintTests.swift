import Diagnostics
import LoanDomain
import Testing
import YAML

/// Hints that never mislead: each mistake a new user makes gets one error, at the character that
/// causes it, whose hint names the cause (issue 20, item 8).
@Suite struct InputHintTests {
    typealias S = LoaderTestSupport

    /// The diagnostics of loading the bank and `product` (YAML errors or the loader's), as in `S.lines`.
    private func lines(_ product: String) throws -> [String] {
        do {
            return S.lines(try S.load([("bank.yaml", S.bank), ("p.yaml", product)]))
        } catch let error as DiagnosticList {
            return S.lines(error.diagnostics)
        }
    }

    @Test func aFractionWrittenAsARateShowsBothReadings() throws {
        // `0.18% per year` alone would be a rate 100 times too low that passes every APR cap.
        #expect(try lines(S.product().replacingFirst("rate: 18% per year", with: "rate: 0.18")) == [
            "p.yaml:12:13: error: a rate needs a % sign and a period | hint: write 18% per year for the fraction 0.18, "
                + "or 0.18% per year if you meant 0.18 percent (a rate may also be per month or per day)",
        ])
        #expect(try lines(S.product().replacingFirst("rate: 18% per year", with: "rate: 18")) == [
            "p.yaml:12:11: error: a rate needs a % sign and a period | hint: write 18% per year, 18% per month or 18% per day",
        ])
    }

    @Test func aFullWidthColonIsReportedWhereItIsNotOnTheNextLine() throws {
        let product = S.product().replacingFirst("repayment: equal-installment", with: "repayment：equal-installment")
        #expect(try lines(product) == [
            "p.yaml:10:10: error: full-width '：' where YAML expects ':' | hint: '：' is a full-width colon typed by a Chinese "
                + "input method; YAML needs the ASCII ':' followed by a space | note: p.yaml:11:1: YAML reports: could not find expected ':'",
        ])
    }

    @Test func aFullWidthCommaInAFlowMappingOrAList() throws {
        let mapping = S.product().replacingFirst("{min: 500, max: 20万}", with: "{min: 500，max: 20万}")
        #expect(try lines(mapping) == [
            "p.yaml:8:23: error: full-width '，' where YAML expects ',' | hint: '，' is a full-width comma typed by a Chinese "
                + "input method; YAML and loancheck read only the ASCII ',' (`[CN-GD, CN-GX]`) | note: p.yaml:8:27: YAML reports: "
                + "did not find expected ',' or '}'",
        ])
        let list = S.product().replacingFirst("regions: [CN-JS]", with: "regions: [CN-JS，CN-ZJ]")
        #expect(try lines(list) == [
            "p.yaml:13:11: error: unknown province 'CN-JS，CN-ZJ' | hint: '，' is a full-width comma typed by a Chinese input "
                + "method; YAML and loancheck read only the ASCII ',' (`[CN-GD, CN-GX]`) | hint: write an ISO 3166-2:CN code "
                + "such as CN-GD, or a name such as 广东",
        ])
    }

    @Test func aFullWidthColonInsideAFlowMappingIsOneError() throws {
        let product = S.product().replacingFirst("{min: 500, max: 20万}", with: "{min：500, max: 20万}")
        #expect(try lines(product) == [
            "p.yaml:8:15: error: unknown field 'min：500' in LoanProduct.credit_line | hint: '：' is a full-width colon typed by a "
                + "Chinese input method; YAML needs the ASCII ':' followed by a space | hint: fields of LoanProduct.credit_line: min, max",
        ])
    }

    @Test func fullWidthParenthesesAroundARemark() throws {
        let product = S.product().replacingFirst("repayment: equal-installment", with: "repayment: equal-installment（等额本息）")
            .replacingFirst("rate: 18% per year", with: "rate: 年化18%（单利）")
        let parenthesis = "'（' is a full-width parenthesis typed by a Chinese input method; a value takes no remark in "
            + "parentheses (write the remark as a comment after ' #')"
        #expect(try lines(product) == [
            "p.yaml:10:12: error: 'equal-installment（等额本息）' is not a valid value for 'repayment' | hint: \(parenthesis) "
                + "| hint: one of: equal-installment, equal-principal, interest-only, bullet",
            "p.yaml:12:14: error: unexpected '（单利）' after the rate | hint: \(parenthesis)",
        ])
        // Inside quotes or a comment, full-width punctuation is text, not a mistake.
        let quoted = S.product().replacingFirst("name: 产品", with: "name: \"产品（深圳）\"  # 备注：无")
        #expect(try lines(quoted) == [])
    }

    @Test func thousandsSeparatorsInAFlowMappingAreExplained() throws {
        let product = S.product().replacingFirst("{min: 500, max: 20万}", with: "{min: 1,000, max: 300,000}")
        #expect(try lines(product) == [
            "p.yaml:8:20: error: a comma separates entries in {…}: '1,000' was read as 1 and a key '000' "
                + "| hint: quote it (\"1,000\") or write it without commas (1000)",
            "p.yaml:8:32: error: a comma separates entries in {…}: '300,000' was read as 300 and a key '000' "
                + "| hint: quote it (\"300,000\") or write it without commas (300000), or 30万",
        ])
        let billions = S.product().replacingFirst("{min: 500, max: 20万}", with: "{min: 500, max: 300,000,000}")
        #expect(try lines(billions) == [
            "p.yaml:8:30: error: a comma separates entries in {…}: '300,000,000' was read as 300 and a key '000' "
                + "| hint: quote it (\"300,000,000\") or write it without commas (300000000), or 3亿",
        ])
        // Quoted, the amount is one value.
        #expect(try lines(S.product().replacingFirst("{min: 500, max: 20万}", with: "{min: \"1,000\", max: \"200,000\"}")) == [])
    }

    @Test func aMisspeltRequiredKeyIsOneErrorNotAMissingFieldFirst() throws {
        let product = S.product().replacingFirst("credit_line:", with: "credit_lin:")
        #expect(try lines(product) == [
            "p.yaml:8:1: error: unknown field 'credit_lin' in LoanProduct | hint: did you mean 'credit_line'?",
        ])
        // A field that is really missing is still reported.
        let missing = S.product().replacingFirst("credit_line: {min: 500, max: 20万}\n", with: "")
        #expect(try lines(missing) == [
            "p.yaml:1:1: error: missing required field 'credit_line' in LoanProduct | hint: add `credit_line: <range of money>`",
        ])
    }

    @Test func mergeKeysSayTheyAreNotSupported() throws {
        let bank = S.bank + "\ncapital: &shared {registered: 10亿}\napprovals: []\njoint_lending:\n  - <<: *shared\n    partner: bank-a\n"
        #expect(try lines(S.product()).isEmpty)
        let outcome: [String]
        do {
            outcome = S.lines(try S.load([("bank.yaml", bank)]))
        } catch let error as DiagnosticList {
            outcome = S.lines(error.diagnostics)
        }
        #expect(outcome == [
            "bank.yaml:10:5: error: merge keys ('<<') are not supported | hint: write the fields out in this mapping; an alias "
                + "can still stand for a whole value (`capital: *shared_capital`)",
        ])
    }
}
