import Compliance
import Foundation
import Reporting
import Testing

/// The parts of a SARIF log the tests look at.
struct SARIFShape: Decodable {
    struct Message: Decodable { let text: String }
    struct MultiformatMessage: Decodable { let text: String; let markdown: String? }
    struct Configuration: Decodable { let level: String }
    struct RuleProperties: Decodable { let pack: String; let verified: Bool; let effective: String; let requirement: String }
    struct Rule: Decodable {
        let id: String; let name: String; let shortDescription: Message; let fullDescription: Message
        let help: MultiformatMessage; let helpUri: String?; let defaultConfiguration: Configuration
        let properties: RuleProperties
    }
    struct Driver: Decodable { let name: String; let version: String; let informationUri: String?; let rules: [Rule] }
    struct Tool: Decodable { let driver: Driver }
    struct Invocation: Decodable { let executionSuccessful: Bool }
    struct BaseURI: Decodable { let uri: String }
    struct ArtifactLocation: Decodable { let uri: String; let uriBaseId: String?; let index: Int? }
    struct Region: Decodable { let startLine: Int; let startColumn: Int }
    struct PhysicalLocation: Decodable { let artifactLocation: ArtifactLocation; let region: Region? }
    struct LogicalLocation: Decodable { let name: String; let fullyQualifiedName: String; let kind: String }
    struct Location: Decodable { let physicalLocation: PhysicalLocation?; let logicalLocations: [LogicalLocation] }
    struct Suppression: Decodable { let kind: String; let status: String; let justification: String }
    struct Evidence: Decodable { let actual: String; let required: String }
    struct ResultProperties: Decodable {
        let severity: String; let evidence: Evidence; let cannotEvaluate: Bool; let regimeNote: String?; let products: [String]?
    }
    struct Result: Decodable {
        let ruleId: String; let ruleIndex: Int?; let kind: String?; let level: String; let message: Message; let locations: [Location]
        let partialFingerprints: [String: String]; let baselineState: String?; let suppressions: [Suppression]?
        let properties: ResultProperties
    }
    struct Hashes: Decodable {
        let sha256: String
        enum CodingKeys: String, CodingKey { case sha256 = "sha-256" }
    }
    struct Artifact: Decodable { let location: ArtifactLocation; let roles: [String]; let hashes: Hashes }
    struct Stamp: Decodable {
        let asOf: String; let packs: [JSONShape.Pack]; let inputs: [JSONShape.Input]; let waivers: [JSONShape.WaiverRecord]
        let summary: JSONShape.Summary; let baseline: JSONShape.BaselineShape?
    }
    struct Run: Decodable {
        let tool: Tool; let invocations: [Invocation]; let originalUriBaseIds: [String: BaseURI]; let artifacts: [Artifact]
        let results: [Result]; let language: String; let columnKind: String; let properties: Stamp
    }
    let version: String
    let schema: String
    let runs: [Run]

    enum CodingKeys: String, CodingKey {
        case version, runs
        case schema = "$schema"
    }

    static func decode(_ text: String) throws -> SARIFShape {
        try JSONDecoder().decode(SARIFShape.self, from: Data(text.utf8))
    }
}

@Suite struct SARIFReportTests {
    private func run(_ report: AuditReport, root: String = "/repo") throws -> SARIFShape.Run {
        let sarif = try SARIFShape.decode(ReportRenderer.render(report, format: .sarif, options: ReportOptions(sourceRoot: root)))
        #expect(sarif.version == "2.1.0")
        #expect(sarif.runs.count == 1)
        return try #require(sarif.runs.first)
    }

    @Test func driverRulesAndResults() throws {
        let run = try run(try ReportFixture.report())
        #expect(run.tool.driver.name == "loancheck" && run.tool.driver.version == "0.9.0-test")
        #expect(run.tool.driver.informationUri == "https://github.com/loancheck/loancheck")
        #expect(run.tool.driver.rules.map(\.id) == ["CN-BANK-CREDIT-LINE", "CN-BANK-BULLET-TERM"])
        let rule = try #require(run.tool.driver.rules.first)
        #expect(rule.name == "CnBankCreditLine")
        #expect(rule.shortDescription.text == "Bank unsecured personal consumer loans - credit line at most 20万 per borrower")
        #expect(rule.defaultConfiguration.level == "error")
        #expect(rule.properties.pack == "cn-bank-internet-lending-2020" && !rule.properties.verified)
        #expect(rule.help.text.contains("Requirement: product.credit_line.max <= param.credit_line_cap\n"))
        #expect(rule.help.text.contains(
            "Citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)\n"))
        #expect(rule.help.text.contains("Dates: effective 2020-07-17\n"))
        #expect(rule.help.text.contains("Quote: 單戶用於消費的個人信用貸款授信額度應當不超過人民幣20萬元,到期一次性還本的,授信期限不超過一年。\n"))
        #expect(rule.help.text.contains("Quoted from: shared/regulations/notes.md 1.1: 新华社 on the measures, gov.cn, 2020-07-17"))
        #expect(rule.help.text.contains("Note: Secondary: the words are the news release's;"))
        #expect(rule.help.markdown?.contains("- Quote: 單戶用於消費的個人信用貸款授信額度應當不超過人民幣20萬元,到期一次性還本的,授信期限不超過一年。\n") == true)
        #expect(rule.help.markdown?.contains("- Requirement: `product.credit_line.max <= param.credit_line_cap`\n") == true)
        #expect(run.invocations.map(\.executionSuccessful) == [true])
        #expect(run.originalUriBaseIds["%SRCROOT%"]?.uri == "file:///repo/")
        #expect(run.columnKind == "unicodeCodePoints" && run.language == "en")

        #expect(run.results.count == 2)
        let result = try #require(run.results.first)
        #expect(result.ruleId == "CN-BANK-CREDIT-LINE" && result.ruleIndex == 0 && result.level == "error")
        #expect(result.message.text.hasPrefix("the credit line per borrower is ¥300,000"))
        let location = try #require(result.locations.first)
        #expect(location.physicalLocation?.artifactLocation.uri == "products/weili.yaml")
        #expect(location.physicalLocation?.artifactLocation.uriBaseId == "%SRCROOT%")
        #expect(location.physicalLocation?.region?.startLine == 8 && location.physicalLocation?.region?.startColumn == 30)
        #expect(location.logicalLocations.first?.fullyQualifiedName == "LoanProduct/weili-consumer/credit_line.max")
        #expect(result.partialFingerprints["loancheckFindingKey/v1"]
            == SHA256.hex("CN-BANK-CREDIT-LINE|LoanProduct/weili-consumer|credit_line.max"))
        #expect(result.suppressions == nil && result.baselineState == nil)
        #expect(result.properties.evidence.actual == "¥300,000" && result.properties.evidence.required == "≤ ¥200,000")
    }

    @Test func waivedFindingsAreSuppressedExternally() throws {
        let run = try run(try ReportFixture.report())
        let waived = try #require(run.results.last)
        // A waived error is a note: viewers that count by level do not count it as an open error.
        #expect(waived.level == "note" && waived.properties.severity == "error" && waived.kind == nil)
        #expect(waived.suppressions?.count == 1)
        #expect(waived.suppressions?.first?.kind == "external")
        #expect(waived.suppressions?.first?.status == "accepted")
        #expect(waived.suppressions?.first?.justification == "waived by 合规部 (苏金复〔2022〕15号) until 2026-06-30: 存量业务自然到期")
        // Once the waiver expires, the result is no longer suppressed.
        let later = try self.run(try ReportFixture.report(asOf: "2026-07-01"))
        #expect(later.results.allSatisfy { $0.suppressions == nil })
        #expect(later.results.map(\.level) == ["error", "error"])
    }

    @Test func fingerprintsSurviveLinesInsertedAbove() throws {
        let before = try run(try ReportFixture.report())
        var files = ReportFixture.files
        files[1].1 = "# 微粒消费贷\n# reviewed 2025-11\n" + files[1].1
        let after = try run(try ReportFixture.report(files))
        let old = try #require(before.results.first)
        let new = try #require(after.results.first)
        #expect(old.locations.first?.physicalLocation?.region?.startLine == 8)
        #expect(new.locations.first?.physicalLocation?.region?.startLine == 10)
        #expect(old.partialFingerprints == new.partialFingerprints)
        // Different subjects have different fingerprints.
        #expect(Set(before.results.map { $0.partialFingerprints["loancheckFindingKey/v1"] ?? "" }).count == 2)
    }

    @Test func levelsRegimeAndCannotEvaluate() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try run(try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory]))
        #expect(run.tool.driver.rules.map(\.id) == ["CN-BANK-CREDIT-LINE", "CN-BANK-BULLET-TERM", "TEST-INCOME-CAP", "TEST-RATE-LPR"])
        let incomeRule = run.tool.driver.rules[2]
        #expect(incomeRule.helpUri == "https://example.org/test-measures#1")
        #expect(incomeRule.help.text.contains("Dates: effective 2020-01-01, enforced from 2030-01-01 (a transition before it)\n"))
        // Its own transition runs to 2030, but the rules of a draft pack are never in force.
        #expect(incomeRule.help.text.contains("On 2026-06-15: draft, not in force\n"))
        let missing = try #require(run.results.first { $0.ruleId == "TEST-INCOME-CAP" })
        // A rule that could not be evaluated is a finding to review, not a violation (SARIF requires level
        // `none` for that kind); loancheck's severity is in the properties.
        #expect(missing.kind == "review" && missing.level == "none" && missing.ruleIndex == 2 && missing.properties.cannotEvaluate)
        #expect(missing.properties.severity == "warning")
        #expect(run.results.filter { $0.kind == "review" }.count == 4)
        #expect(run.results.filter { $0.kind == "review" }.allSatisfy { $0.level == "none" && $0.properties.cannotEvaluate })
        #expect(run.results.filter { $0.kind == nil }.allSatisfy { !$0.properties.cannotEvaluate })
        #expect(missing.properties.regimeNote == "transition until 2030-01-01; draft, not in force")
        let notice = try #require(run.results.last)
        #expect(notice.level == "note" && notice.ruleId == "CN-BANK-CREDIT-LINE")
        #expect(notice.locations.first?.physicalLocation?.artifactLocation.uri == "waivers/legacy.yaml")
    }

    @Test func baselineState() throws {
        let run = try run(try BaselineFixture.report())
        let states = run.results.map { $0.baselineState ?? "-" }
        #expect(states == ["unchanged", "-", "new"])
        #expect(run.properties.baseline?.fixed.map(\.subject) == ["LoanProduct/gone-loan"])
    }

    @Test func urisRelativeToTheSourceRootAndArtifactsWithHashes() throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var files = ReportFixture.files
        files[1].0 = "products/微粒 消费贷.yaml"
        let report = try ReportFixture.reportFromFiles(files, in: directory)
        let run = try run(report, root: directory + "/")
        #expect(run.originalUriBaseIds["%SRCROOT%"]?.uri == "file://" + directory + "/")
        #expect(run.artifacts.count == 6)
        let artifact = try #require(run.artifacts.first { $0.location.uri.hasPrefix("products/%E5") })
        #expect(artifact.location.uri == "products/%E5%BE%AE%E7%B2%92%20%E6%B6%88%E8%B4%B9%E8%B4%B7.yaml")
        #expect(artifact.location.uriBaseId == "%SRCROOT%")
        #expect(artifact.roles == ["analysisTarget"])
        #expect(artifact.hashes.sha256 == SHA256.hex(files[1].1))
        let result = try #require(run.results.first { !($0.suppressions?.isEmpty == false) })
        let location = try #require(result.locations.first?.physicalLocation?.artifactLocation)
        #expect(location.uri == artifact.location.uri)
        #expect(location.index.map { run.artifacts[$0].location.uri } == artifact.location.uri)
        #expect(run.properties.inputs.count == 6)
        #expect(run.properties.asOf == "2025-11-22")

        // Outside the source root a file keeps its absolute path, as a file URI without a base.
        let outside = try self.run(report, root: "/elsewhere")
        let absolute = try #require(outside.results.first?.locations.first?.physicalLocation?.artifactLocation)
        #expect(absolute.uri.hasPrefix("file://" + directory + "/products/"))
        #expect(absolute.uriBaseId == nil)
    }

    /// Every rule links its help: the official text when the pack gives one, else the pack file in the
    /// project's repository for a shipped pack, else the pack file itself.
    @Test func everyRuleHasAHelpUri() throws {
        let run = try run(try ReportFixture.report())
        #expect(run.tool.driver.rules.map(\.helpUri) == [
            "https://www.gov.cn/zhengce/zhengceku/2020-07/17/content_5527628.htm",
            "https://www.gov.cn/zhengce/zhengceku/2020-07/17/content_5527628.htm",
        ])
        // A rule without a citation URL links its pack's source; a `--rules` pack without either, its file.
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let withTestPack = try self.run(try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory]))
        #expect(withTestPack.tool.driver.rules.first { $0.id == "TEST-RATE-LPR" }?.helpUri == "https://example.org/test-measures")
        try ReportFixture.testPack.replacingOccurrences(of: "source: https://example.org/test-measures\n", with: "")
            .write(toFile: directory + "/test-reporting.yaml", atomically: true, encoding: .utf8)
        let withoutSource = try self.run(try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory]))
        #expect(withoutSource.tool.driver.rules.first { $0.id == "TEST-RATE-LPR" }?.helpUri
            == "file://" + directory + "/test-reporting.yaml")
        // A shipped pack without a source links its file in the repository.
        let microlender = try ReportFixture.report(ReportFixture.files, asOf: "2025-11-22",
                                                   packs: ["cn-bank-internet-lending-2020.yaml", "cn-microlender.yaml"])
        let rules = try self.run(microlender).tool.driver.rules.filter { $0.properties.pack == "cn-microlender" }
        #expect(!rules.isEmpty)
        #expect(rules.first?.helpUri == "https://github.com/loancheck/loancheck/blob/main/Rules/packs/cn-microlender.yaml")
        #expect(rules.allSatisfy { $0.helpUri == rules.first?.helpUri })
    }

    @Test func informationUriWhenConfigured() throws {
        let options = ReportOptions(sourceRoot: "/repo", informationUri: "https://example.org/loancheck")
        let sarif = try SARIFShape.decode(ReportRenderer.render(try ReportFixture.report(), format: .sarif, options: options))
        #expect(sarif.runs.first?.tool.driver.informationUri == "https://example.org/loancheck")
        #expect(sarif.schema.hasSuffix("sarif-schema-2.1.0.json"))
    }
}
