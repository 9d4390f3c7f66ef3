import Foundation
import LoanCheckTestSupport
import Testing

/// Quoted provisions on the command line: `loancheck test` refuses a verified citation without its
/// quote, `explain` and `rules --format json` show the quote.
@Suite(.serialized) struct QuotedCitationTests {
    typealias L = LoanCheckBinary

    static let pack = """
        kind: RulePack
        id: quote-check
        version: "1"
        status: in-force
        title: {zh: 测试, en: Test}
        authority: {zh: 测试机关, en: Test authority}
        instrument: T-1
        rules:
          - id: T-LINE
            title: {zh: 额度, en: Credit line cap}
            subject: LoanProduct
            require: product.credit_line.max <= 20万
            severity: error
            effective: 2020-01-01
            citation:
              regulation: {zh: 测试办法, en: Test measures}
              article: 第六条
              verified: true
            message: {zh: "额度 {actual}", en: "credit line {actual}"}
            tests:
              - {name: 20万 passes, as_of: 2024-01-01, documents: [{use: national-bank}, {use: product}], expect: pass}
              - name: 30万 fails
                as_of: 2024-01-01
                documents: [{use: national-bank}, {use: product, with: {credit_line.max: 30万}}]
                expect: [{severity: error, path: credit_line.max}]

        """

    @Test func aVerifiedCitationWithoutItsQuoteFailsThePacksTestsAtItsLine() throws {
        let directory = try L.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.pack.write(toFile: directory + "/quote-check.yaml", atomically: true, encoding: .utf8)
        let result = try L.run(["test", "quote-check", "--rules", directory])
        #expect(result.status == 1)
        #expect(result.stdout == """

            pack quote-check
              FAIL T-LINE                         2/2 cases, 1 pass + 1 fail
                   ✗ citation (\(directory)/quote-check.yaml:18:17): a verified citation needs `quote:` (the provision's words, exactly as in the source)
                   ✗ citation (\(directory)/quote-check.yaml:18:17): a verified citation needs `source:` (where the quoted text was read)

            2 passed, 0 failed (1 rules, 0 without both a passing and a failing case, 1 with a verified citation lacking its quote or source)

            """)
        let quoted = Self.pack.replacingOccurrences(of: "      verified: true\n", with: """
                  verified: true
                  quote: 单户授信额度不超过20万元。
                  source: 测试来源

            """)
        try quoted.write(toFile: directory + "/quote-check.yaml", atomically: true, encoding: .utf8)
        let fixed = try L.run(["test", "quote-check", "--rules", directory])
        #expect(fixed.status == 0)
        #expect(fixed.stdout.hasSuffix("2 passed, 0 failed (1 rules, 0 without both a passing and a failing case)\n"))
    }

    @Test func explainShowsTheQuoteItsSourceAndTheNote() throws {
        let result = try L.run(["explain", "CN-RATE-PRIVATE-LPR4"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("""
            quote:       「第二十五条 出借人请求借款人按照合同约定利率支付利息的，人民法院应予支持，但是双方约定的利率超过合同成立时一年期贷款市场报价利率四倍的除外。」
            quoted from: shared/regulations/spc-private-lending-2020-12.md: GitHub LawRefBook/Laws,
            """))
        #expect(result.stdout.contains("note:        From 2020-08-20 to 2020-12-31 the same words were 第二十六条 of the August 2020 text."))
        let unquoted = try L.run(["explain", "CN-CFC-BALANCE"])
        #expect(unquoted.stdout.contains("quote:       (none: the provision's words are not in the pack)\n"))
        #expect(unquoted.stdout.contains("第二十一条 (article number not verified)\n"))
    }

    @Test func rulesAsJSONCarryTheQuote() throws {
        let result = try L.run(["rules", "--format", "json", "--as-of", "2025-10-01"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rules = try #require(object["rules"] as? [[String: Any]])
        let share = try #require(rules.first { $0["id"] as? String == "CN-BANK-PARTNER-SHARE" })
        let citation = try #require(share["citation"] as? [String: Any])
        #expect(citation["verified"] as? Bool == true)
        #expect((citation["quote"] as? String)?.hasPrefix("二、加強出資比例管理。") == true)
        #expect((citation["source"] as? String)?.hasPrefix("shared/regulations/cbirc-2021-24-internet-loan-notice-release.md") == true)
        let assisted = try #require(rules.first { $0["id"] as? String == "CN-ASSIST-PLATFORM-FEES" })
        let assistedCitation = try #require(assisted["citation"] as? [String: Any])
        #expect(assistedCitation["verified"] as? Bool == false)
        #expect(assistedCitation["url"] as? String == "https://www.gov.cn/zhengce/zhengceku/202504/content_7017135.htm")
        #expect(assisted["status"] as? String == "in-force")
        #expect(assisted["newBusinessFrom"] as? String == "2025-10-01")
    }
}
