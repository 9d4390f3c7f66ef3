import Diagnostics
import LoanDomain
import RuleLanguage
import Testing
import FoundationEssentials

@Suite struct DocumentLoaderDefectTests {
    typealias S = LoaderTestSupport

    @Test func validSetLoadsWithoutDiagnostics() throws {
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", S.product())])
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.documents.products.map(\.id) == ["p-1"])
        #expect(outcome.documents.institutions.map(\.id) == ["bank-a"])
    }

    @Test func anApprovalMayExpireOnTheDayItIsGrantedButNotBefore() throws {
        func bank(expires: String) -> String {
            S.bank + "\napprovals:\n  - {scope: cross-province, authority: NFRA, granted: 2024-01-01, expires: \(expires)}\n"
        }
        #expect(try S.load([("bank.yaml", bank(expires: "2024-01-01"))]).diagnostics.isEmpty)
        #expect(S.lines(try S.load([("bank.yaml", bank(expires: "2023-12-31"))])) == [
            "bank.yaml:8:76: error: approval expires (2023-12-31) before it is granted (2024-01-01) | hint: expires is the last day the approval covers (inclusive)",
        ])
    }

    @Test func aGuarantorCannotFundALoan() throws {
        let guarantor = "kind: Institution\nid: guar\nname: G\ntype: guarantor\nregistered_in: CN-JS\n"
        let funding = "funding:\n  - {institution: bank-a, share: 70%}\n  - {institution: guar, share: 30%}\n"
        let outcome = try S.load([("bank.yaml", S.bank), ("g.yaml", guarantor), ("p.yaml", S.product(funding: funding))])
        #expect(S.lines(outcome) == [
            "p.yaml:16:19: error: 'funding[1].institution' must name an institution of type national-bank, local-bank, foreign-bank-branch, "
                + "consumer-finance, auto-finance, trust, microlender, online-microlender, private-lender, but 'guar' is a guarantor | hint: a funder lends its share of each loan; "
                + "a platform (助贷平台) or a guarantor funds nothing - list only the institutions that fund | note: g.yaml:4:7: 'guar' is declared here",
        ])
    }

    @Test func unknownFieldSuggestsTheClosestName() throws {
        let text = S.product("credit_lin: 5\n")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:14:1: error: unknown field 'credit_lin' in LoanProduct | hint: did you mean 'credit_line'?"])
    }

    @Test func wrongTypeAndYAML11Booleans() throws {
        let text = S.product().replacingFirst("secured: false", with: "secured: yes")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:7:10: error: expected true or false for 'secured', found 'yes' | hint: write true or false (YAML 1.1 spellings are not accepted)"])
    }

    @Test func bareNumberForAPercentSaysToWriteThePercentSign() throws {
        let funding = "funding:\n  - {institution: bank-a, share: 30}\n  - {institution: bank-b, share: 70%}\n"
        let bankB = S.bank.replacingFirst("id: bank-a", with: "id: bank-b")
        let outcome = try S.load([("bank.yaml", S.bank), ("b.yaml", bankB), ("p.yaml", S.product(funding: funding))])
        #expect(S.lines(outcome) == ["p.yaml:15:36: error: a percentage needs a % sign | hint: write 30%"])
    }

    @Test func bareNumberForARateNamesThePeriods() throws {
        let text = S.product().replacingFirst("rate: 18% per year", with: "rate: 18")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:12:11: error: a rate needs a % sign and a period | hint: write 18% per year, 18% per month or 18% per day"])
    }

    @Test func unknownProvinceAndNegativeMoney() throws {
        let bank = S.bank.replacingFirst("CN-JS", with: "CN-XX").replacingFirst("100亿", with: "-100亿")
        let outcome = try S.load([("bank.yaml", bank)])
        #expect(S.lines(outcome) == [
            "bank.yaml:5:16: error: unknown province 'CN-XX' | hint: did you mean 'CN-SX' (山西)?",
            "bank.yaml:6:33: error: an amount of money cannot be negative | hint: write it without a minus sign",
        ])
    }

    @Test func missingRequiredFieldPointsAtTheDocument() throws {
        let text = S.product().replacingFirst("repayment: equal-installment\n", with: "")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:1:1: error: missing required field 'repayment' in LoanProduct | hint: add `repayment: <enum repayment>`"])
    }

    @Test func duplicateIdNamesBothPlaces() throws {
        let outcome = try S.load([("a.yaml", S.bank), ("b.yaml", S.bank)])
        #expect(S.lines(outcome) == [
            "b.yaml:2:5: error: duplicate id 'bank-a': already used by the Institution in a.yaml | hint: ids must be unique across all loaded files | note: a.yaml:2:5: first defined here",
        ])
    }

    @Test func referenceToAnIdThatIsNotLoaded() throws {
        let text = S.product().replacingFirst("lender: bank-a", with: "lender: bank-b")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:4:9: error: unknown reference in 'lender': no Institution with id 'bank-b' is loaded | hint: did you mean 'bank-a'?"])
    }

    @Test func referenceToADocumentOfAnotherKind() throws {
        let text = S.product().replacingFirst("lender: bank-a", with: "lender: p-1")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:4:9: error: 'lender' must name an Institution, but 'p-1' is a LoanProduct"])
    }

    @Test func fundingSharesMustAddUpToExactlyOneHundredPercent() throws {
        let funding = "funding:\n  - {institution: bank-a, share: 70%}\n  - {institution: bank-b, share: 29.99%}\n"
        let bankB = S.bank.replacingFirst("id: bank-a", with: "id: bank-b")
        let outcome = try S.load([("bank.yaml", S.bank), ("b.yaml", bankB), ("p.yaml", S.product(funding: funding))])
        #expect(S.lines(outcome) == ["p.yaml:15:3: error: funding shares add up to 99.99%, not 100% | hint: the shares of one loan must add up to exactly 100%"])
    }

    @Test func minAboveMaxIsAnError() throws {
        let text = S.product().replacingFirst("{min: 500, max: 20万}", with: "{min: 30万, max: 20万}")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == ["p.yaml:8:30: error: 'credit_line.min' (¥300,000) is above 'credit_line.max' (¥200,000) | hint: min must not exceed max"])
    }

    @Test func allBesideOtherRegionsIsAnError() throws {
        // `all` is the whole list (the JSON Schema says the same); `[all, all]` is not two lists.
        let text = S.product().replacingFirst("regions: [CN-JS]", with: "regions: [CN-JS, all]")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == [
            "p.yaml:13:18: error: 'all' stands for every mainland province and is only accepted as a whole region list | hint: write regions: [all], or list the provinces",
        ])
    }

    @Test func feeNeedsExactlyOneOfPeriodicAndOneOff() throws {
        let fees = "  fees:\n    - {kind: service, periodic: 1% per month, one_off: 2%, collected: at-disbursement}\n    - {kind: other}\n"
        let text = S.product().replacingFirst("  rate: 18% per year\n", with: "  rate: 18% per year\n" + fees)
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(S.lines(outcome) == [
            "p.yaml:14:7: error: pricing.fees[0] has both 'periodic' and 'one_off' | hint: a fee is either charged every period (`periodic: 0.6% per month`) or once (`one_off: 2%`)",
            "p.yaml:15:7: error: pricing.fees[1] has neither 'periodic' nor 'one_off' | hint: a fee is either charged every period (`periodic: 0.6% per month`) or once (`one_off: 2%`)",
        ])
    }

    @Test func waiverWithoutExpires() throws {
        // The subject is checked against the rule's subjects when waivers are applied (a document of
        // the rule's kind, or a loan or group of the tape); see WaiverAndBaselineTests.
        let waiver = "kind: Waiver\nrule: CN-BANK-LOCAL-REGION\nsubject: p-2\nreason: 存量\napproved_by: 合规部\n"
        let outcome = try S.load([("bank.yaml", S.bank), ("w.yaml", waiver)])
        #expect(S.lines(outcome) == [
            "w.yaml:1:1: error: missing required field 'expires' in Waiver | hint: add `expires: <date>`",
        ])
    }

    @Test func unknownKindAndEmptyDocument() throws {
        let outcome = try S.load([("k.yaml", "kind: LoanProdct\nid: x\n"), ("e.yaml", "---\n...\n")])
        #expect(S.lines(outcome) == [
            "k.yaml:1:7: error: unknown document kind 'LoanProdct' | hint: did you mean 'LoanProduct'?",
            "e.yaml:2:1: error: empty document | hint: start the document with `kind: LoanProduct`, `kind: Institution` or `kind: Waiver`",
        ])
    }

    @Test func allDefectsOfAFileAreReportedInOneRun() throws {
        let text = S.product("credit_lin: 5\n").replacingFirst("secured: false", with: "secured: 1")
            .replacingFirst("regions: [CN-JS]", with: "regions: [CN-ZZ]")
        let outcome = try S.load([("bank.yaml", S.bank), ("p.yaml", text)])
        #expect(outcome.diagnostics.count == 3)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
