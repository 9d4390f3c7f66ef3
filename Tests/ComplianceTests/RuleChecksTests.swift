import Compliance
import Testing

/// The audit's checks are kept by column (`RuleChecks`); these read them back as `RuleCheck` values.
@Suite struct RuleChecksTests {
    private func report() throws -> AuditReport {
        let rules = try TestRules(pack: Samples.pack)
        return try rules.audit([("bank.yaml", Samples.bank), ("p.yaml", Samples.product(max: "30万"))], asOf: "2022-01-01")
    }

    @Test func everyCheckReadsBackWithItsRuleSubjectStatusAndFindings() throws {
        let report = try report()
        let listed = report.checks.map { "\($0.subject.id) \($0.rule) \($0.status.rawValue) \($0.findings.count)" }
        // Subjects in load order (the two banks, then the product), each subject's rules in pack order.
        #expect(listed.filter { $0.hasPrefix("p-1 ") } == ["p-1 T-CAP failed 1"])
        #expect(listed.contains("bank-a T-TIER1 failed 1"))
        #expect(listed.contains("bank-b T-TIER1 not-applicable 0"))
        #expect(report.checks.allFindings == report.checks.flatMap(\.findings))
        #expect(report.checks.allFindings.map(\.rule).sorted() == ["T-CAP", "T-TIER1"])
        for index in report.checks.indices { #expect(report.checks.status(at: index) == report.checks[index].status) }
    }

    @Test func countsCheckedSubjectsPerRule() throws {
        let counts = try report().checks.checkedCountByRule
        // bank-b is not applicable to T-TIER1: not counted as checked.
        #expect(counts.map(\.rule) == ["T-TIER1", "T-CAP"])
        #expect(counts.map(\.checked) == [1, 1])
    }

    @Test func findingsCanBeNarrowedAndAnEmptyListIsAPass() throws {
        let checks = try report().checks
        let narrowed = checks.filteringFindings { $0.rule == "T-CAP" }
        #expect(narrowed.allFindings.map(\.rule) == ["T-CAP"])
        #expect(narrowed.count == checks.count)
        let tier1 = try #require(narrowed.first { $0.rule == "T-TIER1" && $0.subject.id == "bank-a" })
        #expect(tier1.findings.isEmpty)
        #expect(tier1.status == .failed)  // the status is the check's; only its findings were narrowed
        #expect(RuleChecks().isEmpty && RuleChecks().allFindings.isEmpty)
    }
}
