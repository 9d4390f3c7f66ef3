import Compliance
import Diagnostics
import FoundationEssentials
import LoanDomain
import RuleLanguage
import Testing

@Suite struct RegimeTests {
    private func findings(_ max: String, asOf: String, extra: String = "", allowNoRules: Bool = false) throws -> [Finding] {
        let rules = try TestRules(pack: Samples.pack)
        return try rules.audit([("bank.yaml", Samples.bank), ("p.yaml", Samples.product(max: max, extra: extra))], asOf: asOf,
                               allowNoRules: allowNoRules)
            .findings.filter { $0.rule == "T-CAP" }
    }

    @Test func beforeEffectiveNothingApplies() throws {
        #expect(try findings("30万", asOf: "2019-12-31", allowNoRules: true).isEmpty)
    }

    @Test func anAuditWithNoRuleInForceIsAnErrorUnlessAllowed() throws {
        let error = try #require(throws: DiagnosticList.self) { try findings("30万", asOf: "2019-12-31") }
        #expect(error.diagnostics.map(\.message) == ["no rule is in force on 2019-12-31: the audit would check nothing"])
        #expect(error.diagnostics.first?.hints == ["check --as-of (the earliest rule takes effect on 2020-01-01); pass --allow-no-rules to audit anyway"])
    }

    @Test func inTransitionAViolationIsAWarning() throws {
        let result = try findings("30万", asOf: "2020-01-01")
        #expect(result.map(\.severity) == [.warning])
        #expect(result.first?.regimeNote?.en == "transition until 2021-01-01")
    }

    @Test func fromEnforcedTheRuleSeverityApplies() throws {
        let result = try findings("30万", asOf: "2021-01-01")
        #expect(result.map(\.severity) == [.error])
        #expect(result.first?.regimeNote == nil)
    }

    @Test func parameterValueInForceAtTheAsOfDate() throws {
        #expect(try findings("15万", asOf: "2022-12-31").isEmpty)
        let result = try findings("15万", asOf: "2023-01-01")
        #expect(result.first?.evidence.parameters.map(\.text) == ["cap = ¥100,000 (from 2023-01-01, second)"])
        #expect(result.first?.evidence.actual == "¥150,000")
        #expect(result.first?.message.en == "credit line ¥150,000; required ≤ ¥100,000")
    }

    @Test func boundaryValuePasses() throws {
        #expect(try findings("10万", asOf: "2024-06-01").isEmpty)
        #expect(try findings("\"100,000.01\"", asOf: "2024-06-01").count == 1)
    }

    @Test func repealedRuleGivesNoFinding() throws {
        #expect(try findings("30万", asOf: "2024-12-31").count == 1)
        #expect(try findings("30万", asOf: "2025-01-01").isEmpty)
    }

    @Test func productClosedBeforeTheRuleTookEffectIsExempt() throws {
        #expect(try findings("30万", asOf: "2022-01-01", extra: "status: closed\nclosed_on: 2019-12-31").isEmpty)
        #expect(try findings("30万", asOf: "2022-01-01", extra: "status: closed\nclosed_on: 2020-01-01").count == 1)
    }

    @Test func findingPointsAtTheOffendingNode() throws {
        let finding = try #require(try findings("30万", asOf: "2022-01-01").first)
        #expect(finding.path == "credit_line.max")
        #expect(finding.location == SourceLocation(file: "p.yaml", line: 8, column: 30))
        #expect(finding.subject == SubjectReference(kind: "LoanProduct", id: "p-1"))
        #expect(finding.citation.verified == false)
    }

    @Test func draftPackFindingsAreAtMostWarnings() throws {
        let draft = Samples.pack.replacing("status: in-force", with: "status: draft")
        let rules = try TestRules(pack: draft)
        let report = try rules.audit([("bank.yaml", Samples.bank), ("p.yaml", Samples.product(max: "30万"))], asOf: "2022-01-01")
        let finding = try #require(report.findings.first { $0.rule == "T-CAP" })
        #expect(finding.severity == .warning)
        #expect(finding.regimeNote?.en == "draft, not in force")
    }
}

@Suite struct CannotEvaluateTests {
    @Test func missingValueIsAnErrorFindingNeverAPass() throws {
        let rules = try TestRules(pack: Samples.pack)
        let bank = Samples.bank.replacing("financials: {tier1_capital_net: 100亿}\n", with: "")
        let report = try rules.audit([("bank.yaml", bank)], asOf: "2022-01-01")
        let finding = try #require(report.findings.first { $0.rule == "T-TIER1" })
        #expect(finding.cannotEvaluate)
        #expect(finding.severity == .error)
        #expect(finding.message.en == "cannot evaluate: missing institution.financials")
        let check = try #require(report.checks.first { $0.rule == "T-TIER1" && $0.subject.id == "bank-a" })
        #expect(check.status == .cannotEvaluate)
    }

    @Test func institutionRuleOverDerivedTotals() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit([("bank.yaml", Samples.bank)], asOf: "2022-01-01")
        let finding = try #require(report.findings.first { $0.rule == "T-TIER1" })
        #expect(finding.evidence.actual == "¥3,000,000,000")
        #expect(finding.evidence.required == "≤ ¥2,500,000,000")
        #expect(report.checks.first { $0.rule == "T-TIER1" && $0.subject.id == "bank-b" }?.status == .notApplicable)
        #expect(report.checks.first { $0.rule == "T-TIER1" && $0.subject.id == "bank-a" }?.status == .failed)
    }
}

@Suite struct WaiverAndBaselineTests {
    private let files = [("bank.yaml", Samples.bank), ("p.yaml", Samples.product(max: "30万"))]

    @Test func waiverInForceHidesTheFindingAndKeepsItListed() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit(files + [("w.yaml", Samples.waiver(expires: "2022-12-31"))], asOf: "2022-06-01", warnExpiring: 30)
        let finding = try #require(report.findings.first { $0.rule == "T-CAP" && $0.severity != .info })
        #expect(finding.isWaived)
        #expect(finding.waiver?.approvedBy == "合规部")
        #expect(report.summary.waived == 1)
        #expect(report.failing(at: .error).filter { $0.rule == "T-CAP" }.isEmpty)
    }

    @Test func waiverAppliesToItsSubjectOnlyAmongMany() throws {
        let rules = try TestRules(pack: Samples.pack)
        let products = (1...3).map { index in
            ("p\(index).yaml", Samples.product(max: "30万").replacing("id: p-1\n", with: "id: p-\(index)\n"))
        }
        let waiver = Samples.waiver(expires: "2022-12-31").replacing("subject: p-1\n", with: "subject: p-2\n")
        let report = try rules.audit([("bank.yaml", Samples.bank)] + products + [("w.yaml", waiver)], asOf: "2022-06-01")
        let capFindings = report.findings.filter { $0.rule == "T-CAP" && $0.severity != .info }
        #expect(capFindings.map(\.subject.id) == ["p-1", "p-2", "p-3"])
        #expect(capFindings.map(\.isWaived) == [false, true, false])
        #expect(report.waivers.map(\.matched) == [1])
    }

    @Test func expiredWaiverNoLongerHidesTheFinding() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit(files + [("w.yaml", Samples.waiver(expires: "2022-05-31"))], asOf: "2022-06-01")
        let finding = try #require(report.findings.first { $0.rule == "T-CAP" })
        #expect(!finding.isWaived)
        #expect(finding.waiver?.expired == true)
        #expect(report.waivers.first?.inForce == false)
    }

    @Test func waiverOnItsExpiryDayStillApplies() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit(files + [("w.yaml", Samples.waiver(expires: "2022-06-01"))], asOf: "2022-06-01")
        #expect(report.findings.first { $0.rule == "T-CAP" && $0.severity != .info }?.isWaived == true)
    }

    @Test func aWarningThatBecomesAnErrorIsNewAgainstTheBaseline() throws {
        let rules = try TestRules(pack: Samples.pack)
        // In the transition (until 2021-01-01) T-CAP is a warning; the baseline accepts that warning.
        let before = try rules.audit(files, asOf: "2020-06-01")
        let baseline = Baseline(findings: before.findings, asOf: "2020-06-01")
        #expect(baseline.entries.first { $0.rule == "T-CAP" }?.severity == "warning")
        let during = try rules.audit(files, asOf: "2020-12-31", baseline: baseline)
        #expect(during.baseline?.persistingKeys.contains("T-CAP|LoanProduct/p-1|credit_line.max") == true)
        let after = try rules.audit(files, asOf: "2021-01-01", baseline: baseline)
        #expect(after.baseline?.newKeys == ["T-CAP|LoanProduct/p-1|credit_line.max"])
        #expect(after.failing(at: .error).map(\.rule) == ["T-CAP"])
    }

    @Test func anErrorAcceptedInTheBaselineStillPersistsAsAWarning() throws {
        let rules = try TestRules(pack: Samples.pack)
        let baseline = Baseline(findings: try rules.audit(files, asOf: "2022-06-01").findings, asOf: "2022-06-01")
        let earlier = try rules.audit(files, asOf: "2020-06-01", baseline: baseline)
        #expect(earlier.baseline?.persistingKeys.contains("T-CAP|LoanProduct/p-1|credit_line.max") == true)
        #expect(earlier.baseline?.newKeys.isEmpty == true)
    }

    @Test func theWaiverInForceGovernsWhateverTheOrder() throws {
        let rules = try TestRules(pack: Samples.pack)
        let expired = ("a.yaml", Samples.waiver(expires: "2022-01-31"))
        let renewed = ("b.yaml", Samples.waiver(expires: "2023-12-31"))
        for order in [[expired, renewed], [renewed, expired]] {
            let report = try rules.audit(files + order, asOf: "2022-06-01")
            #expect(report.findings.first { $0.rule == "T-CAP" && $0.severity != .info }?.isWaived == true)
            let byFile = Dictionary(uniqueKeysWithValues: report.waivers.map { ($0.location.file, $0) })
            #expect(byFile["a.yaml"]?.status == .expired && byFile["a.yaml"]?.supersededBy?.file == "b.yaml")
            #expect(byFile["b.yaml"]?.status == .applied && byFile["b.yaml"]?.matched == 1)
            #expect(report.findings.filter { $0.severity == .info }.isEmpty)
        }
    }

    @Test func twoWaiversInForceTheLongerGovernsAndTheOtherIsSuperseded() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit(files + [("a.yaml", Samples.waiver(expires: "2023-12-31")), ("b.yaml", Samples.waiver(expires: "2022-12-31"))],
                                     asOf: "2022-06-01")
        #expect(report.waivers.map(\.status) == [.applied, .superseded])
        #expect(report.waivers.last?.supersededBy?.file == "a.yaml")
        #expect(report.findings.first { $0.rule == "T-CAP" && $0.severity != .info }?.waiver?.expires.description == "2023-12-31")
    }

    @Test func aWaiverThatLastsForeverIsFlagged() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit(files + [("w.yaml", Samples.waiver(expires: "9999-12-31"))], asOf: "2022-06-01")
        let notice = try #require(report.findings.first { $0.severity == .warning && $0.waiver == nil && $0.rule == "T-CAP" })
        #expect(notice.message.en == "the waiver lasts until 9999-12-31, more than 5 years after the as-of date: it is effectively permanent; review it and set a real expiry")
        #expect(notice.location == SourceLocation(file: "w.yaml", line: 7, column: 10))
    }

    @Test func aWaiverWithoutApproverOrReasonIsAnInputError() throws {
        let rules = try TestRules(pack: Samples.pack)
        let blank = "kind: Waiver\nrule: T-CAP\nsubject: p-1\nreason: \"  \"\napproved_by: \"\"\nexpires: 2022-12-31\n"
        #expect {
            _ = try rules.audit(files + [("w.yaml", blank)], asOf: "2022-06-01")
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.description) == [
                "w.yaml:5:14: error: a waiver's 'approved_by' must not be empty", "w.yaml:4:9: error: a waiver's 'reason' must not be empty",
            ]
        }
    }

    @Test func aWaiverForASubjectThatIsNotLoadedIsAnErrorWithAHint() throws {
        let rules = try TestRules(pack: Samples.pack)
        let waiver = Samples.waiver(expires: "2022-12-31").replacing("subject: p-1\n", with: "subject: p-2\n")
        #expect {
            _ = try rules.audit(files + [("w.yaml", waiver)], asOf: "2022-06-01")
        } throws: { error in
            let diagnostics = (error as? DiagnosticList)?.diagnostics ?? []
            return diagnostics.map(\.description) == ["w.yaml:3:10: error: waiver names 'p-2', which is not a loaded LoanProduct (rule T-CAP checks them)"]
                && diagnostics.first?.hints == ["did you mean 'p-1'?"]
        }
    }

    @Test func waiverAboutToExpireAddsAnInfoNotice() throws {
        let rules = try TestRules(pack: Samples.pack)
        let report = try rules.audit(files + [("w.yaml", Samples.waiver(expires: "2022-06-20"))], asOf: "2022-06-01", warnExpiring: 30)
        let notice = try #require(report.findings.first { $0.severity == .info })
        #expect(notice.message.en == "the waiver expires on 2022-06-20 (in 19 days)")
        #expect(notice.location == SourceLocation(file: "w.yaml", line: 7, column: 10))
    }

    @Test func waiverForAnUnknownRuleIsAnInputError() throws {
        let rules = try TestRules(pack: Samples.pack)
        #expect {
            _ = try rules.audit(files + [("w.yaml", Samples.waiver(expires: "2030-01-01", rule: "T-CAPP"))], asOf: "2022-06-01")
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.description) == ["w.yaml:2:7: error: waiver names unknown rule 'T-CAPP'"]
                && (error as? DiagnosticList)?.diagnostics.first?.hints == ["did you mean 'T-CAP'?"]
        }
    }

    @Test func baselineSeparatesNewPersistingAndFixed() throws {
        let rules = try TestRules(pack: Samples.pack)
        let before = try rules.audit(files, asOf: "2022-06-01")
        let baseline = Baseline(findings: before.findings, asOf: "2022-06-01")
        #expect(baseline.entries.map(\.key) == ["T-CAP|LoanProduct/p-1|credit_line.max", "T-TIER1|Institution/bank-a|joint_lending_total"])
        // The credit line is fixed; the bank's finding persists even though lines moved.
        let shifted = "# a new comment line\n" + Samples.bank
        let after = try rules.audit([("bank.yaml", shifted), ("p.yaml", Samples.product(max: "5万"))], asOf: "2022-06-01",
                                    baseline: baseline)
        let comparison = try #require(after.baseline)
        #expect(comparison.fixed.map(\.rule) == ["T-CAP"])
        #expect(comparison.persistingKeys == ["T-TIER1|Institution/bank-a|joint_lending_total"])
        #expect(after.failing(at: .error).isEmpty)
        let json = try baseline.json()
        #expect(try Baseline.read(json: Data(json.utf8)) == baseline)
        #expect(!json.contains("\"line\""))
    }
}

@Suite struct PackReaderTests {
    @Test func typeErrorInARuleFailsAtLoadWithItsPosition() throws {
        let broken = Samples.pack.replacing("require: product.credit_line.max <= param.cap", with: "require: product.credit_line.max <= 30%")
        #expect {
            _ = try TestRules(pack: broken)
        } throws: { error in
            guard let list = error as? DiagnosticList, let first = list.diagnostics.first else { return false }
            return first.location?.line == 18 && first.location?.file.hasSuffix("/pack.yaml") == true
                && first.message.contains("money") && first.message.contains("ratio")
        }
    }

    @Test func unknownFieldInARuleSuggests() throws {
        let broken = Samples.pack.replacing("    severity: error\n    effective: 2020-01-01\n    enforced", with: "    severty: error\n    effective: 2020-01-01\n    enforced")
        #expect {
            _ = try TestRules(pack: broken)
        } throws: { error in
            let descriptions = (error as? DiagnosticList)?.diagnostics.map(\.message) ?? []
            return descriptions.contains("unknown key 'severty' in a rule") && descriptions.contains("a rule is missing 'severity'")
        }
    }

    @Test func unknownParameterIsATypeError() throws {
        let broken = Samples.pack.replacing("<= param.cap", with: "<= param.caps")
        #expect(throws: DiagnosticList.self) { _ = try TestRules(pack: broken) }
    }

    @Test func parametersPickTheValueInForce() throws {
        let rules = try TestRules(pack: Samples.pack)
        let parameter = try #require(rules.rules.packs.first?.parameter("cap"))
        #expect(parameter.value(at: try UnitParser.date("2022-12-31"))?.value == .money(200_000))
        #expect(parameter.value(at: try UnitParser.date("2023-01-01"))?.value == .money(100_000))
        #expect(parameter.value(at: try UnitParser.date("2019-12-31")) == nil)
    }

    @Test func sha256MatchesTheStandardVector() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // Two blocks, and many blocks (FIPS 180-2 appendix B.2 and B.3).
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The padding takes one extra block or two depending on how much of the last block is used; the
    /// lengths around 56 and 64 bytes are where an off-by-one would show (values from Python's hashlib).
    @Test(arguments: [
        (55, "f34d5a0f80c0cbf84c8c0b90218c22637abd199965249da736a20143c8c9c9d9"),
        (56, "83aa034bda83e458a0dc9cbce0d4e354716aa0ff770ed37ac0ed2b292052e4af"),
        (63, "074f6e9ac301d5d1b6df6f1dfb8c6f89c187ea945d352ce6a29279a9c630680b"),
        (64, "9674d9e078535b7cec43284387a6ee39956188e735a85452b0050b55341cda56"),
        (65, "52774b57c10e45040a61c14d35c1c8ebefe880082313aa0a21ebb077734cd067"),
        (119, "d0cb70d05ff14123f114c0cca360c62077379cf1ac90e1bfafa9e9e4d827596a"),
        (120, "08642f0525963875af954100280fe3009293fa7e19c273444f31464c9b089243"),
        (128, "916e19992e7f9b1e8d9267c3324616dac8f4199419c6e4ebf68fda985f4b64ea"),
    ])
    func sha256PadsEveryTailLength(length: Int, expected: String) {
        let text = String(String(repeating: "0123456789", count: 20).prefix(length))
        #expect(SHA256.hex(text) == expected)
        // The same bytes from a collection without contiguous storage, and from an array.
        #expect(SHA256.hex(text.utf8.lazy.map { $0 }) == expected)
        #expect(SHA256.hex(Array(text.utf8)) == expected)
    }

    @Test func sha256HashesUTF8Text() {
        #expect(SHA256.hex("贷款年化利率") == "3b0b6e3608bd03f83765c537cf7efa46249270690996e845416b38f2d4f0a46f")
    }
}

@Suite struct DeterminismTests {
    @Test func parallelEvaluationGivesTheSameOrderEveryTime() throws {
        let rules = try TestRules(pack: Samples.pack)
        var files = [("bank.yaml", Samples.bank)]
        for index in 0..<40 {
            files.append(("p\(index).yaml", Samples.product(max: "30万").replacing("id: p-1", with: "id: p-\(index + 10)")))
        }
        let first = try rules.audit(files, asOf: "2022-06-01").findings.map { "\($0.rule)|\($0.subject.id)" }
        for _ in 0..<5 {
            #expect(try rules.audit(files, asOf: "2022-06-01").findings.map { "\($0.rule)|\($0.subject.id)" } == first)
        }
        #expect(first.count == 41)
    }
}
