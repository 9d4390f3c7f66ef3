import Compliance
import Diagnostics
@testable import Reporting
import Testing

@Suite struct BorrowerMaskTests {
    @Test func theShortHashIsTheFirstEightHexDigitsOfSHA256() {
        // printf 'B-1001' | sha256sum → 63f0af8c…
        #expect(BorrowerMask.hash("B-1001") == "borrower#63f0af8c")
        #expect(BorrowerMask.hash("客户-001").count == "borrower#".count + 8)
    }

    @Test func groupSubjectsMessagesWaiversAndBaselineEntries() throws {
        let report = try LedgerReportFixture.report()
        let mask = BorrowerMask(report: report)
        let group = try #require(report.findings.first { $0.subject.id == "nb/B-1001" })
        #expect(mask.id(of: group) == "nb/borrower#63f0af8c")
        #expect(mask.subject(of: group) == "LoanGroup nb/borrower#63f0af8c")
        #expect(mask.text("the balance of nb/B-1001 is ¥200,000.01", of: group) == "the balance of nb/borrower#63f0af8c is ¥200,000.01")
        let loan = try #require(report.findings.first { $0.subject.id == "L-0003" })
        #expect(mask.id(of: loan) == "L-0003")
        #expect(mask.borrowers(of: loan) == ["B-2001"] && mask.borrowers(of: group) == ["B-1001"])
        // Without a detail: the key of a listed group, else every part that is not an institution.
        #expect(mask.id(of: SubjectReference(kind: "LoanGroup", id: "nb/B-3003")) == "nb/borrower#bbbb6d0e")
        #expect(mask.waiverSubject("nb/B-9009", rule: .loanGroup) == "nb/\(BorrowerMask.hash("B-9009"))")
        #expect(mask.waiverSubject("nb/B-9009", rule: .loan) == "nb/B-9009")
        #expect(mask.waiverSubject("weili-consumer", rule: .loanProduct) == "weili-consumer")
        #expect(mask.baselineSubject("LoanGroup/unknown-bank/B-1") == "LoanGroup/\(BorrowerMask.hash("unknown-bank"))/\(BorrowerMask.hash("B-1"))")
        #expect(mask.baselineSubject("LoanProduct/weili-consumer") == "LoanProduct/weili-consumer")
    }

    @Test func aTapeRowWithItsBorrowerCellsMasked() {
        let hash = BorrowerMask.hash("B-1")
        // The caret after the cell moves by the difference in length; before it, it stays.
        let after = BorrowerMask.maskedRow("L1,nb,B-1,200.00", column: 11, borrowers: ["B-1"])
        #expect(after.text == "L1,nb,\(hash),200.00" && after.column == 11 + hash.count - 3)
        #expect(BorrowerMask.maskedRow("L1,nb,B-1,200.00", column: 4, borrowers: ["B-1"]).column == 4)
        // A caret inside the cell points at the start of its hash.
        #expect(BorrowerMask.maskedRow("L1,nb,B-1,200.00", column: 8, borrowers: ["B-1"]).column == 7)
        // Quoted cells are compared unquoted; other cells that contain the id are not cells equal to it.
        #expect(BorrowerMask.maskedRow(#"L1,"B-1","a ""B-1""",B-10,"#, column: 1, borrowers: ["B-1"]).text
            == #"L1,\#(hash),"a ""B-1""",B-10,"#)
        #expect(BorrowerMask.maskedRow("L1,B-1,B-1", column: 1, borrowers: ["B-1"]).text == "L1,\(hash),\(hash)")
        #expect(BorrowerMask.maskedRow("L1,nb", column: 1, borrowers: []).text == "L1,nb")
    }
}

@Suite struct EvidenceRatioTests {
    @Test func upperBoundsInHundredthsOfAPercentRoundedUp() {
        #expect(EvidenceRatio.basisPoints(actual: "¥200,000.01", required: "≤ ¥200,000") == 10_001)
        #expect(EvidenceRatio.basisPoints(actual: "¥200,000", required: "≤ ¥200,000") == 10_000)
        #expect(EvidenceRatio.basisPoints(actual: "¥300,000", required: "≤ ¥200,000") == 15_000)
        #expect(EvidenceRatio.basisPoints(actual: "¥1,300,000,000", required: "≤ ¥1,200,000,000") == 10_834)
        #expect(EvidenceRatio.basisPoints(actual: "35%", required: "≤ 30%") == 11_667)
        #expect(EvidenceRatio.basisPoints(actual: "12", required: "< 10") == 12_000)
        #expect(EvidenceRatio.percent(10_001) == "100.01%" && EvidenceRatio.percent(15_000) == "150.00%")
        #expect(EvidenceRatio.boundText("≤ ¥200,000") == "¥200,000")
    }

    @Test func otherEvidenceHasNoRatio() {
        #expect(EvidenceRatio.basisPoints(actual: "25%", required: "≥ 30%") == nil)
        #expect(EvidenceRatio.basisPoints(actual: "¥5", required: "≤ 30%") == nil)
        #expect(EvidenceRatio.basisPoints(actual: "¥5", required: "≤ ¥0") == nil)
        #expect(EvidenceRatio.basisPoints(actual: "missing", required: "≤ ¥200,000") == nil)
        #expect(EvidenceRatio.basisPoints(actual: "≈27.49%", required: "≤ 24%") == nil)
        #expect(EvidenceRatio.basisPoints(actual: "¥1234567890123456789", required: "≤ ¥1") == nil)
    }
}
