import Compliance
import LedgerAudit
@testable import LedgerSQL
import Testing

/// A Loan rule's regime in SQL: which loans it binds and the severity of a finding on each, by the loan's
/// own day, read off `LedgerRegime` at every date the rule names.
@Suite struct SQLRegimeTests {
    /// A pack of Loan rules with these regimes (`binds:` and dates), each `loan.balance <= param.cap`.
    static func pack(status: String = "in-force", rules: [(id: String, lines: String)]) -> String {
        var text = """
            kind: RulePack
            id: regime-test
            version: "1"
            status: \(status)
            title: {zh: t, en: t}
            authority: {zh: a, en: a}
            instrument: x
            parameters:
              cap: {type: money, history: [{from: 2020-01-01, value: 20万}]}
            rules:

            """
        for rule in rules {
            text += """
                  - id: \(rule.id)
                    title: {zh: t, en: t}
                    subject: Loan
                    require: loan.balance <= param.cap
                    citation: {regulation: {zh: r, en: r}, article: 一, verified: false}
                    message: {zh: m, en: m}
                \(rule.lines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

                """
        }
        return text
    }

    private func entries(_ pack: String) throws -> [String: LedgerRequest.RuleEntry] {
        let scratch = try ScratchDirectory([:])
        defer { scratch.remove() }
        let rules = try SQLTestRequests.rules(pack: pack, in: scratch.path)
        var entries: [String: LedgerRequest.RuleEntry] = [:]
        for pack in rules.packs {
            for rule in pack.rules { entries[rule.id] = LedgerRequest.RuleEntry(pack: pack, rule: rule) }
        }
        return entries
    }

    // Day numbers: 2020-01-01 is 18262, 2021-01-01 18628, 2022-01-01 18993, 2025-01-01 20089.

    @Test func aTransitionIsAWarningBeforeEnforcedAndTheRuleSeverityFrom() throws {
        let entries = try entries(Self.pack(rules: [("T-TRANSITION", "severity: error\neffective: 2020-01-01\nenforced: 2021-01-01")]))
        let entry = try #require(entries["T-TRANSITION"])
        #expect(SQLRegime.severity(entry, day: "l.disbursed_on", escalated: false, dialect: .duckdb)
                == "CASE WHEN l.disbursed_on < 18628 THEN 'warning' ELSE 'error' END")
        #expect(SQLRegime.binds(entry.rule, day: "l.disbursed_on") == "(l.disbursed_on >= 18262)")
    }

    @Test func aRuleWithOneSeverityOnEveryDayIsALiteral() throws {
        let entries = try entries(Self.pack(rules: [
            ("T-PLAIN", "severity: error\neffective: 2020-01-01"),
            ("T-WARN", "severity: warning\neffective: 2020-01-01\nenforced: 2021-01-01"),
        ]))
        #expect(SQLRegime.severity(try #require(entries["T-PLAIN"]), day: "l.disbursed_on", escalated: false, dialect: .postgres)
                == "'error'")
        // A warning stays a warning through its transition: the neighbours merge.
        #expect(SQLRegime.severity(try #require(entries["T-WARN"]), day: "l.disbursed_on", escalated: false, dialect: .spark)
                == "'warning'")
    }

    @Test func anEscalationIsLoweredInTheTransitionToo() throws {
        let lines = """
            binds: contract_date
            escalate: {require: loan.balance <= param.cap, severity: error}
            severity: warning
            effective: 2020-01-01
            new_business_from: 2022-01-01
            enforced: 2021-01-01
            repealed: 2025-01-01
            """
        let entry = try #require(try entries(Self.pack(rules: [("T-ESCALATE", lines)]))["T-ESCALATE"])
        #expect(SQLRegime.severity(entry, day: "l.contract_date", escalated: true, dialect: .trino)
                == "CASE WHEN l.contract_date < 18628 THEN 'warning' ELSE 'error' END")
        #expect(SQLRegime.severity(entry, day: "l.contract_date", escalated: false, dialect: .trino) == "'warning'")
        // Bound from new_business_from (not effective) until the day before repealed.
        #expect(SQLRegime.binds(entry.rule, day: "l.contract_date") == "(l.contract_date >= 18993 AND l.contract_date < 20089)")
    }

    @Test func aDraftPackIsAtMostAWarningOnEveryDay() throws {
        let entries = try entries(Self.pack(status: "draft", rules: [("T-DRAFT", "severity: error\neffective: 2020-01-01\nenforced: 2021-01-01")]))
        #expect(SQLRegime.severity(try #require(entries["T-DRAFT"]), day: "l.disbursed_on", escalated: false, dialect: .duckdb)
                == "'warning'")
    }
}
