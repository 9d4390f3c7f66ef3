import Compliance
import Diagnostics
import FoundationEssentials
import LoanDomain
import Testing

/// A ledger rule the engines cannot run is rejected when its pack is read, at the rule's own line,
/// with what to write instead — never run some other way.
@Suite struct LedgerLoweringTests {
    static let repositoryRules: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Rules"
    }()

    /// The diagnostics of a pack holding one rule with these lines (`subject`, `require`, …).
    private func problems(_ ruleLines: String) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.path + "/loancheck-lowering-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/schema", withIntermediateDirectories: true)
        let schema = try String(contentsOfFile: Self.repositoryRules + "/schema/documents.yaml", encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: directory + "/schema/documents.yaml", contents: Data(schema.utf8)))
        let pack = """
            kind: RulePack
            id: lowering
            version: "1"
            status: in-force
            title: {zh: t, en: t}
            authority: {zh: a, en: a}
            instrument: x
            parameters:
              cap: {type: money, history: [{from: 2020-01-01, value: 20万}]}
            rules:
              - id: T-LEDGER
                title: {zh: t, en: t}
                severity: error
                effective: 2020-01-01
                citation: {regulation: {zh: r, en: r}, article: 一, verified: false}
                message: {zh: m, en: m}
            \(ruleLines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

            """
        #expect(FileManager.default.createFile(atPath: directory + "/pack.yaml", contents: Data(pack.utf8)))
        do {
            _ = try PackLoader().load(shipped: directory, extra: [])
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message) | \($0.hints.joined())" }
        }
    }

    @Test func aSupportedLoanRuleCompiles() throws {
        let got = try problems("subject: Loan\nrequire: loan.balance <= param.cap and all(loan.fundings, f => f.share >= 30%)")
        #expect(got == [])
    }

    @Test func divisionIsRejectedWithTheExactAlternative() throws {
        let got = try problems("subject: Loan\nrequire: loan.balance / 2 <= param.cap")
        #expect(got == [
            "18:27 the ledger engines cannot run '/' in a Loan rule: 'loan.balance / 2' | the ledger engines compute exactly with + - *: multiply by a ratio instead of dividing",
        ])
    }

    @Test func aListOtherThanTheFundingsIsRejected() throws {
        let got = try problems("subject: Loan\nrequire: any(lender.approvals, a => a.scope == 'cross-province')")
        #expect(got == [
            "18:25 the ledger engines cannot run a quantifier over this list in a Loan rule: 'lender.approvals' | all(…) and any(…) range over loan.fundings",
        ])
    }

    @Test func aGroupRuleNeedsAnAggregateAgainstABound() throws {
        let rule = "subject: LoanGroup\ngroup_by: {borrower: loan.borrower_id}\nrequire: count(loans) >= 1 and true"
        let got = try problems(rule)
        #expect(got == [
            "19:32 a LoanGroup rule requires one comparison of an aggregate with a bound | write e.g. sum(loans, p => p.funded) <= param.cap * key.funder.financials.net_assets",
        ])
    }

    @Test func anUnsupportedGroupKeyIsRejectedAtTheKey() throws {
        let rule = "subject: LoanGroup\ngroup_by: {region: loan.region}\nrequire: sum(loans, p => p.funded) <= param.cap"
        let got = try problems(rule)
        #expect(got == [
            "18:29 the ledger engines cannot group by 'loan.region' | a key part is position.funder, loan.lender, loan.borrower_id, loan.borrower_group or each(position.partner_groups)",
        ])
    }

    @Test func bindsIsOnlyForLoanRules() throws {
        let got = try problems("subject: LoanProduct\nbinds: disbursed_on\nrequire: true")
        #expect(got == [
            "18:12 'binds' is only for Loan rules | ",
        ])
    }
}
