import Compliance
import Foundation
import Reporting
import Testing

/// The JSON report decoded back (no JSONSerialization: numbers are compared as decoded Ints, strings
/// exactly).
struct JSONShape: Decodable {
    struct Tool: Decodable { let name: String; let version: String }
    struct Pack: Decodable { let id: String; let version: String; let sha256: String }
    struct Input: Decodable { let path: String; let sha256: String }
    struct Subject: Decodable { let kind: String; let id: String }
    struct Location: Decodable { let file: String; let line: Int; let column: Int }
    struct Parameter: Decodable { let name: String; let value: String; let from: String; let source: String? }
    struct Evidence: Decodable { let actual: String; let required: String; let detail: String; let parameters: [Parameter] }
    struct Citation: Decodable { let regulation: String; let article: String; let effective: String; let verified: Bool }
    struct Waiver: Decodable {
        let approvedBy: String; let reference: String?; let reason: String; let expires: String; let expired: Bool
    }
    struct Messages: Decodable { let zh: String; let en: String }
    struct Finding: Decodable {
        let rule: String; let severity: String; let packStatus: String; let subject: Subject; let path: String
        let location: Location?; let message: String; let messages: Messages; let evidence: Evidence
        let citation: Citation; let regimeNote: String?; let cannotEvaluate: Bool; let waived: Bool
        let waiver: Waiver?; let baseline: String?
    }
    struct Summary: Decodable { let error: Int; let warning: Int; let info: Int; let cannotEvaluate: Int; let waived: Int }
    struct WaiverRecord: Decodable {
        let rule: String; let subject: String; let approvedBy: String; let reference: String?; let reason: String
        let expires: String; let status: String; let matched: Int; let location: Location
    }
    struct Fixed: Decodable { let rule: String; let subject: String; let path: String; let file: String?; let severity: String }
    struct BaselineShape: Decodable { let new: Int; let persisting: Int; let fixed: [Fixed] }

    let formatVersion: Int
    let tool: Tool
    let asOf: String
    let language: String
    let packs: [Pack]
    let inputs: [Input]
    let findings: [Finding]
    let summary: Summary
    let waivers: [WaiverRecord]
    let baseline: BaselineShape?

    static func decode(_ text: String) throws -> JSONShape {
        try JSONDecoder().decode(JSONShape.self, from: Data(text.utf8))
    }
}

/// The keys of the objects at `indent` spaces, in the order written (the pretty printer puts one member
/// per line).
func keys(in text: String, indent: Int, from start: String? = nil) -> [String] {
    var lines = text.split(separator: "\n").map(String.init)
    if let start, let index = lines.firstIndex(where: { $0.contains(start) }) { lines = Array(lines[index...]) }
    let prefix = String(repeating: " ", count: indent) + "\""
    var result: [String] = []
    for line in lines where line.hasPrefix(prefix) {
        let rest = line.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: "\"") else { continue }
        let key = String(rest[..<end])
        if result.contains(key) { break }
        result.append(key)
    }
    return result
}

@Suite struct JSONReportTests {
    @Test func designSection5KeysInAStableOrder() throws {
        let json = ReportRenderer.render(try ReportFixture.report(), format: .json)
        #expect(keys(in: json, indent: 2) == [
            "formatVersion", "tool", "asOf", "language", "packs", "ruleChanges", "inputs", "findings", "errors", "audited", "summary",
            "waivers", "baseline",
            "ledger",
        ])
        #expect(keys(in: json, indent: 6, from: "\"findings\"") == [
            "rule", "severity", "packStatus", "subject", "path", "location", "message", "messages", "evidence", "citation",
            "regimeNote", "cannotEvaluate", "waived", "waiver", "baseline", "ledger", "products",
            "baselineActual",
        ])
        #expect(json.hasSuffix("}\n"))
    }

    @Test func theFixtureValues() throws {
        let report = try ReportFixture.report()
        let shape = try JSONShape.decode(ReportRenderer.render(report, format: .json))
        #expect(shape.formatVersion == 1)
        #expect(shape.tool.name == "loancheck" && shape.tool.version == "0.9.0-test")
        #expect(shape.asOf == "2025-11-22" && shape.language == "en")
        #expect(shape.packs.map(\.id) == ["cn-bank-internet-lending-2020"])
        #expect(shape.packs.first?.version == "2026.11")
        #expect(shape.packs.first?.sha256 == report.packs.first?.sha256)
        #expect(shape.packs.first?.sha256.count == 64)
        #expect(shape.findings.count == 2)

        let finding = try #require(shape.findings.first)
        #expect(finding.rule == "CN-BANK-CREDIT-LINE")
        #expect(finding.severity == "error")
        #expect(finding.packStatus == "in-force")
        #expect(finding.subject.kind == "LoanProduct" && finding.subject.id == "weili-consumer")
        #expect(finding.path == "credit_line.max")
        #expect(finding.location?.file == "products/weili.yaml")
        #expect(finding.location?.line == 8 && finding.location?.column == 30)
        #expect(finding.message == "the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank")
        #expect(finding.messages.zh == "单户个人信用消费贷款授信额度为 ¥300,000，应 ≤ ¥200,000")
        #expect(finding.evidence.actual == "¥300,000" && finding.evidence.required == "≤ ¥200,000")
        #expect(finding.evidence.detail == "product.credit_line.max = ¥300,000 > ¥200,000 (param.credit_line_cap)")
        #expect(finding.evidence.parameters.map(\.name) == ["credit_line_cap"])
        #expect(finding.evidence.parameters.first?.value == "¥200,000")
        #expect(finding.evidence.parameters.first?.from == "2020-07-17")
        #expect(finding.citation.regulation == "CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks)")
        #expect(finding.citation.article == "第六条")
        #expect(finding.citation.effective == "2020-07-17")
        #expect(finding.citation.verified == false)
        #expect(finding.regimeNote == nil && !finding.cannotEvaluate && !finding.waived)
        #expect(finding.waiver == nil && finding.baseline == nil)

        let waived = try #require(shape.findings.last)
        #expect(waived.subject.id == "legacy-loan" && waived.waived)
        #expect(waived.waiver?.approvedBy == "合规部")
        #expect(waived.waiver?.reference == "苏金复〔2022〕15号")
        #expect(waived.waiver?.reason == "存量业务自然到期")
        #expect(waived.waiver?.expires == "2026-06-30")
        #expect(waived.waiver?.expired == false)

        #expect(shape.summary.error == 1 && shape.summary.warning == 0 && shape.summary.info == 0 && shape.summary.waived == 1)
        #expect(shape.waivers.count == 1)
        #expect(shape.waivers.first?.status == "applied" && shape.waivers.first?.matched == 1)
        #expect(shape.waivers.first?.location.file == "waivers/legacy.yaml")
        #expect(shape.baseline == nil)
    }

    @Test func theFirstFindingExactly() throws {
        let json = ReportRenderer.render(try ReportFixture.report(), format: .json)
        #expect(json.contains("""
          "findings": [
            {
              "rule": "CN-BANK-CREDIT-LINE",
              "severity": "error",
              "packStatus": "in-force",
              "subject": {
                "kind": "LoanProduct",
                "id": "weili-consumer"
              },
              "path": "credit_line.max",
              "location": {
                "file": "products/weili.yaml",
                "line": 8,
                "column": 30
              },
        """))
        #expect(json.contains("""
              "citation": {
                "regulation": "CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks)",
                "article": "第六条",
                "effective": "2020-07-17",
                "verified": false
              },
              "regimeNote": null,
              "cannotEvaluate": false,
              "waived": false,
              "waiver": null,
              "baseline": null,
              "ledger": null,
              "products": null,
              "baselineActual": null
            },
        """))
        #expect(json.contains("""
          "summary": {
            "error": 1,
            "warning": 0,
            "info": 0,
            "cannotEvaluate": 0,
            "waived": 1,
            "byRule": {
              "CN-BANK-CREDIT-LINE": {
                "error": 1,
                "warning": 0,
                "info": 0,
                "waived": 1,
                "cannotEvaluate": 0,
                "checked": 3
              },
              "CN-BANK-BULLET-TERM": {
                "error": 0,
                "warning": 0,
                "info": 0,
                "waived": 0,
                "cannotEvaluate": 0,
                "checked": 0
              }
            }
          },
        """))
    }

    @Test func regimeNotesCannotEvaluateAndParameters() throws {
        let directory = try ReportFixture.testPackDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.report(asOf: "2026-06-15", extraRules: [directory])
        let shape = try JSONShape.decode(ReportRenderer.render(report, format: .json))
        let missing = try #require(shape.findings.first { $0.rule == "TEST-INCOME-CAP" && $0.subject.id == "weili-consumer" })
        #expect(missing.cannotEvaluate && missing.severity == "warning" && missing.packStatus == "draft")
        #expect(missing.regimeNote == "transition until 2030-01-01; draft, not in force")
        #expect(missing.evidence.actual == "missing" && missing.path == "income_cap")
        let rate = try #require(shape.findings.first { $0.rule == "TEST-RATE-LPR" && $0.subject.id == "weili-consumer" })
        #expect(rate.evidence.parameters.first?.name == "lpr_1y")
        #expect(rate.evidence.parameters.first?.value == "3%")
        #expect(rate.evidence.parameters.first?.from == "2025-05-20")
        #expect(rate.evidence.parameters.first?.source == nil)
        #expect(rate.regimeNote == "draft, not in force" && !rate.cannotEvaluate)
        let notice = try #require(shape.findings.last)
        #expect(notice.severity == "info" && notice.location?.file == "waivers/legacy.yaml" && notice.location?.line == 7)
        // The four "cannot evaluate" findings are counted apart from the violations.
        #expect(shape.summary.info == 1 && shape.summary.warning == 4 && shape.summary.cannotEvaluate == 4)
        #expect(shape.packs.map(\.id) == ["cn-bank-internet-lending-2020", "test-reporting"])
    }

    @Test func expiredWaiversAndTheBaseline() throws {
        let expired = try JSONShape.decode(ReportRenderer.render(try ReportFixture.report(asOf: "2026-07-01"), format: .json))
        #expect(expired.waivers.first?.status == "expired")
        #expect(expired.findings.last?.waiver?.expired == true && expired.findings.last?.waived == false)

        let shape = try JSONShape.decode(ReportRenderer.render(try BaselineFixture.report(), format: .json))
        #expect(shape.baseline?.new == 1 && shape.baseline?.persisting == 1)
        #expect(shape.baseline?.fixed.map(\.subject) == ["LoanProduct/gone-loan"])
        #expect(shape.baseline?.fixed.first?.path == "credit_line.max")
        #expect(shape.baseline?.fixed.first?.file == "products/gone.yaml")
        let states = Dictionary(shape.findings.map { ($0.subject.id, $0.baseline) }, uniquingKeysWith: { first, _ in first })
        #expect(states["weili-consumer"] == "persisting")
        #expect(states["ok-loan"] == "new")
        #expect(states["legacy-loan"] == .some(nil))
    }

    @Test func inputStampsFromFiles() throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.reportFromFiles(in: directory)
        let shape = try JSONShape.decode(ReportRenderer.render(report, format: .json))
        #expect(shape.inputs.count == 6)
        #expect(shape.inputs.first?.path == directory + "/institutions/banks.yaml")
        #expect(shape.inputs.first?.sha256 == SHA256.hex(ReportFixture.banks))
    }

    @Test func chineseReport() throws {
        let shape = try JSONShape.decode(ReportRenderer.render(try ReportFixture.report(language: .zh), format: .json))
        #expect(shape.language == "zh")
        #expect(shape.findings.first?.message == "单户个人信用消费贷款授信额度为 ¥300,000，应 ≤ ¥200,000")
        #expect(shape.findings.first?.citation.regulation == "商业银行互联网贷款管理暂行办法（中国银保监会令2020年第9号）")
        #expect(shape.findings.first?.messages.en.hasPrefix("the credit line per borrower") == true)
    }
}
