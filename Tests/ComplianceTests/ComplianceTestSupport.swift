import Compliance
import Diagnostics
import FoundationEssentials
import LoanDomain
import RuleLanguage
import Testing
import YAML

/// A rules directory made for one test: the repository's schema and fixtures plus one test pack.
struct TestRules {
    let directory: String
    let rules: RuleSet

    static let repositoryRules: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Rules"
    }()

    /// Loads `pack` (YAML text) beside the repository's schema, without the shipped packs.
    init(pack: String) throws {
        let directory = FileManager.default.temporaryDirectory.path + "/loancheck-tests-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory + "/schema", withIntermediateDirectories: true)
        let schema = try String(contentsOfFile: Self.repositoryRules + "/schema/documents.yaml", encoding: .utf8)
        try #require(FileManager.default.createFile(atPath: directory + "/schema/documents.yaml", contents: Data(schema.utf8)))
        try #require(FileManager.default.createFile(atPath: directory + "/pack.yaml", contents: Data(pack.utf8)))
        self.directory = directory
        rules = try PackLoader().load(shipped: directory, extra: [])
    }

    /// Loads documents from YAML texts and audits them.
    func audit(
        _ files: [(String, String)], asOf: String, baseline: Baseline? = nil, warnExpiring: Int = 30, allowNoRules: Bool = false
    ) throws -> AuditReport {
        var streams: [ParsedStream] = []
        var sources = SourceTexts()
        for (name, text) in files {
            streams.append(ParsedStream(file: name, documents: try YAMLReader.parse(text, file: name)))
            sources.add(file: name, text: text)
        }
        let outcome = DocumentLoader(schema: rules.schema).load(streams: streams, sources: sources)
        guard !outcome.hasErrors else { throw DiagnosticList(outcome.diagnostics) }
        let date = try UnitParser.date(asOf)
        switch Auditor(rules: rules, toolVersion: "test").audit(outcome, asOf: date, language: .en, warnExpiringDays: warnExpiring,
                                                                  baseline: baseline, allowNoRulesInForce: allowNoRules) {
        case .success(let report): return report
        case .failure(let error): throw error
        }
    }
}

enum Samples {
    static let pack = """
        kind: RulePack
        id: test-pack
        version: "1"
        status: in-force
        title: {zh: 测试, en: Test}
        authority: {zh: 测试机关, en: Test authority}
        instrument: T-1
        parameters:
          cap:
            type: money
            history:
              - {from: 2020-01-01, value: 20万, source: first}
              - {from: 2023-01-01, value: 10万, source: second}
        rules:
          - id: T-CAP
            title: {zh: 额度, en: Credit line cap}
            subject: LoanProduct
            require: product.credit_line.max <= param.cap
            severity: error
            effective: 2020-01-01
            enforced: 2021-01-01
            repealed: 2025-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第一条, verified: false}
            message: {zh: "额度 {actual}，应 {required}", en: "credit line {actual}; required {required}"}
          - id: T-TIER1
            title: {zh: 一级资本, en: Tier 1}
            subject: Institution
            applies_to: institution.is_bank
            require: institution.joint_lending_total <= 25% * institution.financials.tier1_capital_net
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第二条, verified: true}
            message: {zh: "{actual}", en: "joint lending {actual}; required {required}"}
        """

    static let bank = """
        kind: Institution
        id: bank-a
        name: A
        type: national-bank
        registered_in: CN-BJ
        financials: {tier1_capital_net: 100亿}
        joint_lending:
          - {partner: bank-b, balance: 30亿}
        ---
        kind: Institution
        id: bank-b
        name: B
        type: microlender
        registered_in: CN-BJ
        """

    static func product(max: String, extra: String = "") -> String {
        """
        kind: LoanProduct
        id: p-1
        name: P
        lender: bank-a
        borrower: individual
        purpose: consumption
        secured: false
        credit_line: {min: 500, max: \(max)}
        term: 12 months
        repayment: equal-installment
        pricing: {rate: 18% per year}
        regions: [CN-BJ]
        \(extra)
        """
    }

    static func waiver(expires: String, rule: String = "T-CAP") -> String {
        "kind: Waiver\nrule: \(rule)\nsubject: p-1\nreason: run-off\napproved_by: 合规部\nreference: W-1\nexpires: \(expires)\n"
    }
}
