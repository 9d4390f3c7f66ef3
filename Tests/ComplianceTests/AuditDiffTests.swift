import Compliance
import Diagnostics
import RuleLanguage
import Testing

/// `AuditDiff` and `RegimeCalendar` on the sample pack: T-CAP takes effect 2020-01-01, is enforced from
/// 2021-01-01, reads `cap` (20万, then 10万 from 2023-01-01) and is repealed from 2025-01-01.
@Suite struct AuditDiffTests {
    private func diff(_ max: String, from: String, to: String) throws -> AuditDiff {
        let rules = try TestRules(pack: Samples.pack)
        let files = [("bank.yaml", Samples.bank), ("p.yaml", Samples.product(max: max))]
        return AuditDiff(from: try rules.audit(files, asOf: from, allowNoRules: true), to: try rules.audit(files, asOf: to),
                         packs: rules.rules.packs)
    }

    private func summary(_ diff: AuditDiff) -> [String] {
        diff.changes.filter { $0.finding.rule == "T-CAP" }.map { change in
            "\(change.change.rawValue) \(change.before?.severity.rawValue ?? "-")→\(change.after?.severity.rawValue ?? "-") "
                + change.causes.map { cause -> String in
                    switch cause {
                    case .regime(let rule, let event): "\(rule) \(event.kind.name) \(event.date)"
                    case .waiver(let waiver): "waiver \(waiver.outcome.rawValue)"
                    case .inputDependent(let rule): "input-dependent \(rule)"
                    }
                }.joined(separator: ", ")
        }
    }

    @Test func aRuleTakingEffectIsTheCauseOfWhatAppears() throws {
        let result = try diff("30万", from: "2019-12-31", to: "2020-01-01")
        // The parameter's first value, from the same day, is part of the rule taking effect.
        #expect(summary(result) == ["appeared -→warning T-CAP takes-effect 2020-01-01"])
        #expect(result.newOrWorse.map { "\($0.rule) \($0.severity.rawValue)" } == ["T-TIER1 error", "T-CAP warning"])
        #expect(result.timeline.map(\.kind.name) == ["takes-effect", "parameter-change"])
    }

    @Test func theEndOfATransitionRaisesTheSeverity() throws {
        let result = try diff("30万", from: "2020-12-31", to: "2021-01-01")
        #expect(summary(result) == ["changed warning→error T-CAP transition-ends 2021-01-01"])
        #expect(result.changes.first?.isNewOrWorse == true)
        #expect(result.fails(at: .error))
    }

    @Test func aParameterChangeMakesAFindingAppearOrChangeItsBound() throws {
        let appears = try diff("15万", from: "2022-12-31", to: "2023-01-01")
        #expect(summary(appears) == ["appeared -→error T-CAP parameter-change 2023-01-01"])
        let event = try #require(appears.timeline.first)
        #expect(event.kind == .parameterChange(name: "cap", previous: "¥200,000", value: "¥100,000", source: "second"))
        #expect(event.rules == ["T-CAP"])
        let changes = try diff("30万", from: "2022-12-31", to: "2023-01-01")
        #expect(summary(changes) == ["changed error→error T-CAP parameter-change 2023-01-01"])
        #expect(changes.changes.first?.valueChanged == true)
        #expect(changes.changes.first?.isNewOrWorse == false)
        #expect(!changes.fails(at: .info))
    }

    @Test func aRepealMakesAFindingDisappear() throws {
        let result = try diff("30万", from: "2024-12-31", to: "2025-01-01")
        #expect(summary(result) == ["disappeared error→- T-CAP repealed 2025-01-01"])
        #expect(result.newOrWorse.isEmpty)
        #expect(!result.fails(at: .info))
    }

    @Test func nothingChangesWithoutARegimeDateOrInputDate() throws {
        let result = try diff("30万", from: "2022-01-01", to: "2022-12-31")
        #expect(result.changes.isEmpty)
        #expect(result.timeline.isEmpty)
    }

    @Test func theCalendarWindowIncludesBothEnds() throws {
        let rules = try TestRules(pack: Samples.pack)
        let events = RegimeCalendar(packs: rules.rules.packs).events(from: try UnitParser.date("2021-01-01"),
                                                                     through: try UnitParser.date("2025-01-01"))
        #expect(events.map { "\($0.date) \($0.kind.name) \($0.rules.joined(separator: ","))" }
            == ["2021-01-01 transition-ends T-CAP", "2023-01-01 parameter-change T-CAP", "2025-01-01 repealed T-CAP"])
        #expect(events.last?.checkedOn == (try UnitParser.date("2024-12-31")))
    }

    @Test func keepingNarrowsTheReportToTheNewFindings() throws {
        let result = try diff("30万", from: "2020-12-31", to: "2021-01-01")
        let narrowed = result.to.keeping(result.newOrWorse)
        #expect(narrowed.findings.map(\.rule) == ["T-CAP"])
        #expect(narrowed.summary.error == 1)
        #expect(narrowed.checks.flatMap(\.findings).count == 1)
        #expect(result.to.keeping([]).findings.isEmpty)
    }
}
