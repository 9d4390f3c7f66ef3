import Compliance
import Diagnostics
import FoundationEssentials
import Testing

/// Quoted provisions: a citation's `quote`, `source` and `note`, and `loancheck test`'s refusal of a
/// verified citation that does not show the words it verified.
@Suite struct CitationTests {
    static func pack(citation: String) -> String {
        """
        kind: RulePack
        id: cite-pack
        version: "1"
        status: in-force
        title: {zh: 测试, en: Test}
        authority: {zh: 测试机关, en: Test authority}
        instrument: T-1
        rules:
          - id: T-QUOTED
            title: {zh: 额度, en: Credit line cap}
            subject: LoanProduct
            require: product.credit_line.max <= 20万
            severity: error
            effective: 2020-01-01
            citation:
        \(citation)
            message: {zh: "额度 {actual}", en: "credit line {actual}"}
        """
    }

    @Test func quoteSourceAndNoteAreReadAsWritten() throws {
        let rules = try TestRules(pack: Self.pack(citation: """
                  regulation: {zh: 测试办法, en: Test measures}
                  article: 第六条
                  verified: true
                  quote: |-
                    二、加強出資比例管理。單筆貸款中合作方出資比例不得低于30%。
                    六、本通知第二條、第五條自2022年1月1日起執行,存量業務自然結清。
                  source: shared/regulations/release.md (the regulator's release, reprinted)
                  note: The release, not the signed notice.
            """))
        let citation = try #require(rules.rules.packs.first?.rules.first?.citation)
        #expect(citation.quote == "二、加強出資比例管理。單筆貸款中合作方出資比例不得低于30%。\n六、本通知第二條、第五條自2022年1月1日起執行,存量業務自然結清。")
        #expect(citation.source == "shared/regulations/release.md (the regulator's release, reprinted)")
        #expect(citation.note == "The release, not the signed notice.")
        #expect(citation.verificationProblems.isEmpty)
        #expect(PackTestRunner(rules: rules.rules).citationProblems().isEmpty)
    }

    @Test func aVerifiedCitationWithoutItsQuoteFailsAtItsVerifiedLine() throws {
        let rules = try TestRules(pack: Self.pack(citation: """
                  regulation: {zh: 测试办法, en: Test measures}
                  article: 第六条
                  verified: true
            """))
        let problems = PackTestRunner(rules: rules.rules).citationProblems()
        #expect(problems.map(\.message) == [
            "a verified citation needs `quote:` (the provision's words, exactly as in the source)",
            "a verified citation needs `source:` (where the quoted text was read)",
        ])
        #expect(problems.allSatisfy { $0.rule == "T-QUOTED" && $0.packId == "cite-pack" })
        #expect(problems.first?.location == SourceLocation(file: rules.directory + "/pack.yaml", line: 18, column: 17))
    }

    @Test func aQuoteWithoutItsSourceIsNotEnoughToVerify() throws {
        let rules = try TestRules(pack: Self.pack(citation: """
                  regulation: {zh: 测试办法, en: Test measures}
                  article: 第六条
                  verified: true
                  quote: 单户授信额度不超过20万元。
            """))
        #expect(PackTestRunner(rules: rules.rules).citationProblems().map(\.message)
            == ["a verified citation needs `source:` (where the quoted text was read)"])
    }

    @Test func anUnverifiedCitationNeedsNoQuote() throws {
        let rules = try TestRules(pack: Self.pack(citation: """
                  regulation: {zh: 测试办法, en: Test measures}
                  article: 第六条
                  verified: false
                  note: Read in a news report only.
            """))
        #expect(PackTestRunner(rules: rules.rules).citationProblems().isEmpty)
    }

    @Test func anUnknownCitationKeySuggestsTheRightOne() throws {
        #expect {
            _ = try TestRules(pack: Self.pack(citation: """
                      regulation: {zh: 测试办法, en: Test measures}
                      article: 第六条
                      verified: false
                      qoute: 单户授信额度不超过20万元。
                """))
        } throws: { error in
            let diagnostics = (error as? DiagnosticList)?.diagnostics ?? []
            return diagnostics.map(\.message) == ["unknown key 'qoute' in a citation"]
                && diagnostics.first?.hints.contains { $0.contains("quote") } == true
        }
    }

    /// Every shipped citation is either verified with the words it verified and where they were read,
    /// or unverified with the reason in the pack.
    @Test func everyShippedCitationIsQuotedAndSourcedOrSaysWhyNot() throws {
        let rules = try PackLoader().load(shipped: TestRules.repositoryRules, extra: [])
        #expect(PackTestRunner(rules: rules).citationProblems().isEmpty)
        for pack in rules.packs {
            for rule in pack.rules {
                if rule.citation.verified {
                    #expect(rule.citation.quote != nil && rule.citation.source != nil, "\(rule.id)")
                } else {
                    #expect(rule.citation.note?.isEmpty == false, "\(rule.id) is unverified without a reason")
                }
            }
        }
        let verified = Set(rules.packs.flatMap(\.rules).filter(\.citation.verified).map(\.id))
        #expect(verified == [
            "CN-BANK-PARTNER-SHARE", "CN-BANK-LOAN-PARTNER-SHARE", "CN-BANK-PARTNER-CONCENTRATION",
            "CN-BANK-PARTNER-CONCENTRATION-LOANS", "CN-BANK-JOINT-TOTAL", "CN-BANK-JOINT-TOTAL-LOANS", "CN-BANK-LOCAL-REGION",
            "CN-BANK-LOAN-REGION", "CN-RATE-PRIVATE-LPR4", "CN-RATE-LOAN-PRIVATE-LPR4", "CN-RATE-PRIVATE-OVERDUE-LPR4",
            "CN-RATE-PRIVATE-CHARGES-LPR4", "CN-RATE-APR-DISCLOSURE", "CN-CIVIL-UPFRONT-INTEREST", "CN-CIVIL-UPFRONT-DEDUCTION",
        ])
    }
}
