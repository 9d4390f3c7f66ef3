import LedgerAudit
@testable import LedgerStream
import RuleLanguage
import Testing

/// The largest contributors a group finding lists are members of the group: a position that the
/// rule's `count(loans, p => …)` leaves out is neither counted nor listed (as in the SQL engines'
/// `lc_gp`), whether the contributors come from the main pass or from the second pass over the tape.
@Suite struct ContributorScanTests {
    /// Three loans of one borrower; the largest is a business loan, which the count filter leaves out.
    static let loans = StreamEngineFixture.header + """
        L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,5000.00,5000.00,20%,CN-GD
        L2,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,3000.00,3000.00,20%,CN-GD
        L3,oml-a,B1,individual,business,2025-01-10,2025-01-10,9000.00,9000.00,20%,CN-GD

        """

    /// Keyed by a borrower (contributors found by the second pass) and by the lender only (kept by the
    /// main pass).
    @Test(arguments: ["{lender: loan.lender, borrower: loan.borrower_id}", "{lender: loan.lender}"])
    func aLoanTheCountFilterLeavesOutIsNotAContributor(groupBy: String) throws {
        let rule = "subject: LoanGroup\ngroup_by: \(groupBy)\nrequire: count(loans, p => p.loan.purpose == 'consumption') <= 1"
        let fixture = try StreamEngineFixture(rule: rule, loans: [Self.loans])
        defer { fixture.remove() }
        let run = try StreamEngine(parts: 2).run(fixture.request)
        let items = try #require(run.outcomes.first).items
        try #require(items.count == 1)
        guard case .group(let group) = items[0] else {
            Issue.record("not a group finding: \(items[0])")
            return
        }
        #expect(group.count == 2)
        #expect(group.actual == FixedPoint(2))
        #expect(group.largest.map { "\($0.loanId) \($0.amount) \($0.location.line):\($0.location.column)" }
                    == ["L1 5000 2:1", "L2 3000 3:1"])
    }
}
