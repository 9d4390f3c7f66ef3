@testable import Compliance
import RuleLanguage
import Foundation
import Testing

/// A baseline accepts a finding as it was: a worse actual value under the same key is `worsened` and
/// counts like a new finding (DESIGN §5 baselines; docs/ci.md).
@Suite struct BaselineWorsenedTests {
    /// T-CAP: `product.credit_line.max <= param.cap` (10万 from 2023); a partner-share rule with a lower bound.
    static let pack = Samples.pack + """

          - id: T-SHARE
            title: {zh: 份额, en: Share}
            subject: LoanProduct
            require: all(product.funding, f => f.share >= 30%)
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第三条, verified: true}
            message: {zh: "{actual}", en: "share {actual}; required {required}"}
        """

    static func files(max: String, share: String) -> [(String, String)] {
        let other = 100 - (Int(share.dropLast()) ?? 0)
        // The banks without joint lending: only the product's findings.
        let banks = Samples.bank.replacingOccurrences(of: "joint_lending:\n  - {partner: bank-b, balance: 30亿}\n", with: "")
        return [("bank.yaml", banks), ("p.yaml", Samples.product(max: max, extra: """
            funding:
              - {institution: bank-a, share: \(other)%}
              - {institution: bank-b, share: \(share)}
            """))]
    }

    private func compare(from before: (String, String), to after: (String, String)) throws -> AuditReport {
        let rules = try TestRules(pack: Self.pack)
        let old = try rules.audit(Self.files(max: before.0, share: before.1), asOf: "2024-06-01")
        let baseline = try Baseline.read(json: Data(try Baseline(findings: old.findings, asOf: "2024-06-01").json().utf8))
        return try rules.audit(Self.files(max: after.0, share: after.1), asOf: "2024-06-01", baseline: baseline)
    }

    @Test func theBaselineRecordsTheActualValue() throws {
        let rules = try TestRules(pack: Self.pack)
        let report = try rules.audit(Self.files(max: "30万", share: "25%"), asOf: "2024-06-01")
        let baseline = Baseline(findings: report.findings, asOf: "2024-06-01")
        #expect(baseline.entries.map { "\($0.key) \($0.actual ?? "-")" }
            == ["T-CAP|LoanProduct/p-1|credit_line.max ¥300,000", "T-SHARE|LoanProduct/p-1|funding[1].share 25%"])
        #expect(try baseline.json().contains("\"actual\" : \"¥300,000\""))
    }

    /// A credit line raised from 30万 to 40万 (a `<=` bound) and a share cut from 25% to 20% (a `>=` bound).
    @Test func aWorseValueIsWorsenedAndFails() throws {
        let report = try compare(from: ("30万", "25%"), to: ("40万", "20%"))
        let baseline = try #require(report.baseline)
        #expect(report.findings.map { baseline.state(of: $0) } == ["worsened", "worsened"])
        #expect(report.findings.map { baseline.acceptedActual(of: $0) } == ["¥300,000", "25%"])
        #expect(report.findings.map(\.evidence.actual) == ["¥400,000", "20%"])
        #expect(baseline.newKeys.isEmpty && baseline.persistingKeys.isEmpty && baseline.worsenedKeys.count == 2)
        #expect(report.failing(at: .error).count == 2 && report.fails(at: .error))
    }

    /// A better value, or the same, is accepted: `updated` (reported with both values) or `persisting`.
    @Test func aBetterOrTheSameValueIsAccepted() throws {
        let better = try compare(from: ("40万", "20%"), to: ("30万", "25%"))
        #expect(better.findings.map { better.baseline?.state(of: $0) } == ["updated", "updated"])
        #expect(better.findings.map { better.baseline?.acceptedActual(of: $0) } == ["¥400,000", "20%"])
        #expect(!better.fails(at: .error))
        let same = try compare(from: ("30万", "25%"), to: ("30万", "25%"))
        #expect(same.findings.map { same.baseline?.state(of: $0) } == ["persisting", "persisting"])
        #expect(same.findings.map { same.baseline?.acceptedActual(of: $0) } == [nil, nil])
        #expect(!same.fails(at: .error))
    }

    /// A baseline written before values were recorded accepts any value (as it did).
    @Test func anOldBaselineWithoutValuesIsStillRead() throws {
        let rules = try TestRules(pack: Self.pack)
        let old = """
            {"asOf": "2024-06-01", "format": "loancheck-baseline", "version": 1, "entries": [
              {"rule": "T-CAP", "subject": "LoanProduct/p-1", "path": "credit_line.max", "file": "p.yaml", "severity": "error",
               "cannotEvaluate": false}]}
            """
        let baseline = try Baseline.read(json: Data(old.utf8))
        #expect(baseline.entries.first?.actual == nil)
        let report = try rules.audit(Self.files(max: "40万", share: "30%"), asOf: "2024-06-01", baseline: baseline)
        #expect(report.findings.map { report.baseline?.state(of: $0) } == ["persisting"])
        #expect(!report.fails(at: .error))
    }

    /// Worse follows the bound's direction; values that are not one number with the same unit, or a bound
    /// that is not an inequality, are not comparable: a change is `updated`, never `worsened`.
    @Test func comparingDisplayedValues() throws {
        #expect(BaselineValueChangeProbe.change("¥300,000", "¥400,000", required: "≤ ¥200,000") == "worse")
        #expect(BaselineValueChangeProbe.change("¥400,000", "¥300,000", required: "≤ ¥200,000") == "changed")
        #expect(BaselineValueChangeProbe.change("25%", "20%", required: "≥ 30%") == "worse")
        #expect(BaselineValueChangeProbe.change("29.99%", "29.98%", required: "≥ 30%") == "worse")
        #expect(BaselineValueChangeProbe.change("24.01%", "24.010%", required: "≤ 24%") == "same")
        #expect(BaselineValueChangeProbe.change("25%", "¥20", required: "≥ 30%") == "changed")
        #expect(BaselineValueChangeProbe.change("[CN-GD, CN-GX]", "[CN-GD, CN-GX, CN-HN]", required: "⊆ [CN-GD]") == "changed")
        #expect(BaselineValueChangeProbe.change("18 months", "24 months", required: "≤ 12 months") == "worse")
    }
}

/// `BaselineValueChange` on bare values, as a word.
enum BaselineValueChangeProbe {
    static func change(_ accepted: String, _ actual: String, required: String) -> String {
        let finding = Finding(rule: "T", severity: .error, packId: "p", packStatus: .inForce, subject: SubjectReference(kind: "LoanProduct", id: "p"),
                              path: "x", location: nil, message: LocalizedText(zh: "", en: ""),
                              evidence: FindingEvidence(actual: actual, required: required, detail: "", parameters: []),
                              citation: Citation(regulation: LocalizedText(zh: "", en: ""), article: "", verified: true, url: nil, also: []),
                              effective: CivilDate(year: 2020, month: 1, day: 1) ?? CivilDate(dayNumber: 0), regimeNote: nil,
                              cannotEvaluate: false)
        switch BaselineValueChange(accepted: accepted, finding: finding) {
        case .same: return "same"
        case .worse: return "worse"
        case .changed: return "changed"
        }
    }
}
