import Diagnostics
import FoundationEssentials
import LoanDomain
import RuleLanguage
import Testing

/// The institution types that apply the bank rules by reference (24号 第八条), the capital their
/// concentration limit reads, and the assisted-lending fields (金规〔2025〕9号).
@Suite struct ByReferenceFieldsTests {
    typealias S = LoaderTestSupport

    private func institution(_ id: String, type: String, financials: String) -> String {
        "kind: Institution\nid: \(id)\nname: \(id)\ntype: \(type)\nregistered_in: CN-SH\nfinancials: {\(financials)}\n"
    }

    @Test func capitalBaseIsEachTypesOwnCapital() throws {
        let outcome = try S.load([
            ("bank.yaml", S.bank),
            ("tc.yaml", institution("tc", type: "trust", financials: "net_capital: 60亿, tier1_capital_net: 1亿")),
            ("fbb.yaml", institution("fbb", type: "foreign-bank-branch", financials: "operating_capital: 20亿, total_loans: 200亿")),
            ("cfc.yaml", institution("cfc", type: "consumer-finance", financials: "tier1_capital_net: 25亿, net_capital: 1亿")),
            ("afc.yaml", institution("afc", type: "auto-finance", financials: "tier1_capital_net: 40亿")),
            ("mlc.yaml", institution("mlc", type: "microlender", financials: "net_assets: 10亿, tier1_capital_net: 1亿")),
            ("tc2.yaml", institution("tc2", type: "trust", financials: "tier1_capital_net: 5亿")),
        ])
        #expect(outcome.diagnostics.isEmpty)
        func base(_ id: String) throws -> Value? { try #require(outcome.documents.document(id: id))["capital_base"] }
        #expect(try base("bank-a") == .money(10_000_000_000))
        #expect(try base("tc") == .money(6_000_000_000))
        #expect(try base("fbb") == .money(2_000_000_000))
        #expect(try base("cfc") == .money(2_500_000_000))
        #expect(try base("afc") == .money(4_000_000_000))
        // A microlender has no concentration capital; a trust company's tier-1 figure is not its base.
        #expect(try base("mlc") == nil)
        #expect(try base("tc2") == nil)
        // The base is located at the figure it copies (where a finding on it points).
        let record = try #require(outcome.documents.document(id: "tc")).record
        #expect(record.location(of: "capital_base") == SourceLocation(file: "tc.yaml", line: 6, column: 27))
    }

    @Test func theNewTypesLendAndAPlatformStillDoesNot() throws {
        let trust = institution("tc", type: "trust", financials: "net_capital: 60亿")
        let lent = try S.load([("tc.yaml", trust), ("p.yaml", S.product().replacingFirst("lender: bank-a", with: "lender: tc"))])
        #expect(S.lines(lent).isEmpty)
        let insurer = "kind: Institution\nid: ins\nname: 保险\ntype: insurer\nregistered_in: CN-SH\n"
        let refused = try S.load([("ins.yaml", insurer), ("p.yaml", S.product().replacingFirst("lender: bank-a", with: "lender: ins"))])
        // An insurer (a credit enhancer) does not lend; the message says "an insurer", not "a insurer".
        #expect(S.lines(refused).first?.hasPrefix("p.yaml:4:9: error: 'lender' must name an institution of type national-bank, local-bank, "
            + "foreign-bank-branch, consumer-finance, auto-finance, trust, microlender, online-microlender, private-lender, but 'ins' is an insurer") == true)
    }

    @Test func aFeesProviderTypeIsJoinedAtTheProvider() throws {
        let platform = "kind: Institution\nid: plat\nname: 平台\ntype: platform\nregistered_in: CN-GD\n"
        let fees = """
            pricing:
              rate: 12% per year
              fees:
                - {kind: service, one_off: 1%, collected: at-disbursement, provider: plat}
                - {kind: management, one_off: 50, collected: with-first-installment}
            """
        let text = S.product().replacingFirst("pricing:\n  rate: 18% per year\n", with: fees + "\n") + "platform: plat\n"
        let outcome = try S.load([("bank.yaml", S.bank), ("plat.yaml", platform), ("p.yaml", text)])
        #expect(S.lines(outcome).isEmpty)
        let product = try #require(outcome.documents.document(id: "p-1"))
        #expect(product["platform"] == .string("plat"))
        guard case .record(let pricing)? = product["pricing"], case .list(let list)? = pricing["fees"],
              case .record(let paid)? = list.elements.first, case .record(let unpaid)? = list.elements.last else {
            Issue.record("no fees"); return
        }
        guard case .enumeration(let type)? = paid["payee_type"] else { Issue.record("no payee_type"); return }
        #expect(type.caseName == "platform")
        #expect(paid.location(of: "payee_type") == SourceLocation(file: "p.yaml", line: 14, column: 74))
        #expect(unpaid["payee_type"] == nil)
    }

    @Test func cooperationListShareholdersAndOverdueTermsLoad() throws {
        let platform = "kind: Institution\nid: plat\nname: 平台\ntype: platform\nregistered_in: CN-GD\n"
        let bank = S.bank + """

            shareholders:
              - {name: 甲, stake: 51%}
            cooperation_list:
              published_at: https://bank.example.cn/partners
              entries:
                - {institution: plat, role: platform, listed: 2025-09-01, expires: 2026-06-30}
            """
        let overdue = "\n  overdue:\n    rate: 0.05% per day\n    charges:\n      - {kind: penalty, periodic: 0.01% per day}\n"
        let product = S.product().replacingFirst("  rate: 18% per year\n", with: "  rate: 18% per year" + overdue)
        let outcome = try S.load([("bank.yaml", bank), ("plat.yaml", platform), ("p.yaml", product)])
        #expect(S.lines(outcome).isEmpty)
        let unknown = try S.load([("bank.yaml", bank.replacingFirst("role: platform", with: "role: enhancer")), ("plat.yaml", platform)])
        #expect(S.lines(unknown).first?.contains("'enhancer'") == true)
        let dangling = try S.load([("bank.yaml", bank)])
        #expect(S.lines(dangling) == [
            "bank.yaml:12:21: error: unknown reference in 'cooperation_list.entries[0].institution': no Institution with id 'plat' is loaded"
                + " | hint: load the file that defines 'plat' too (pass its directory), or fix the id",
        ])
    }
}
