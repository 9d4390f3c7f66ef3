import Compliance
import Diagnostics
import Foundation
import LoanDomain
import RuleLanguage
import YAML

/// Builds audit reports through the real pipeline (pack loader, document loader, auditor) from fixture
/// YAML, so the renderers are tested on what the tool really produces.
enum ReportFixture {
    /// The worktree root (this file is Tests/ReportingTests/ReportFixture.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let banks = """
    kind: Institution
    id: nb
    name: 某全国性股份制银行
    type: national-bank
    registered_in: CN-BJ
    capital: {registered: 300亿, paid_in: 300亿}
    financials: {as_of: 2024-12-31, tier1_capital_net: 400亿, total_loans: 4000亿}
    ---
    kind: Institution
    id: mlc
    name: 某小额贷款公司
    type: microlender
    registered_in: CN-ZJ
    capital: {registered: 5亿, paid_in: 5亿}
    financials: {as_of: 2024-12-31, net_assets: 10亿}

    """

    static func product(id: String, name: String, lender: String = "nb", creditLineMax: String) -> String {
        """
        kind: LoanProduct
        id: \(id)
        name: \(name)
        lender: \(lender)
        borrower: individual
        purpose: consumption
        secured: false
        credit_line: {min: 500, max: \(creditLineMax)}
        term: {min: 3 months, max: 12 months}
        repayment: equal-installment
        pricing:
          rate: 18% per year
          disclosed_apr: 18%
        regions: [CN-GD]

        """
    }

    static let waiver = """
    kind: Waiver
    rule: CN-BANK-CREDIT-LINE
    subject: legacy-loan
    reason: 存量业务自然到期
    approved_by: 合规部
    reference: 苏金复〔2022〕15号
    expires: 2026-06-30

    """

    /// The default fixture: one violating product, one waived violating product, one compliant product
    /// and one out of scope (a microlender's).
    static var files: [(String, String)] {
        [
            ("institutions/banks.yaml", banks),
            ("products/weili.yaml", product(id: "weili-consumer", name: "微粒消费贷", creditLineMax: "30万")),
            ("products/legacy.yaml", product(id: "legacy-loan", name: "存量消费贷", creditLineMax: "50万")),
            ("products/ok.yaml", product(id: "ok-loan", name: "合规消费贷", creditLineMax: "20万")),
            ("products/mlc.yaml", product(id: "mlc-loan", name: "小贷消费贷", lender: "mlc", creditLineMax: "50万")),
            ("waivers/legacy.yaml", waiver),
        ]
    }

    static func date(_ text: String) -> CivilDate {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else {
            preconditionFailure("bad date \(text)")
        }
        return date
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    /// A rules directory with the schema and only the 2020 bank pack, so expected reports do not move
    /// when shipped packs are added or changed (the packs are tested by `loancheck test`).
    static func pinnedRules(packs: [String] = ["cn-bank-internet-lending-2020.yaml"]) throws -> String {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/schema", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/packs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/fixtures", withIntermediateDirectories: true)
        for file in ["schema/documents.yaml", "fixtures/common.yaml"] + packs.map({ "packs/" + $0 }) {
            guard let data = FileManager.default.contents(atPath: root + "/Rules/" + file),
                  FileManager.default.createFile(atPath: directory + "/" + file, contents: data) else {
                throw FixtureError(description: "cannot copy Rules/\(file)")
            }
        }
        return directory
    }

    static func rules(extra: [String] = [], packs: [String]? = nil) throws -> RuleSet {
        let directory = try packs.map { try pinnedRules(packs: $0) } ?? pinnedRules()
        do {
            return try PackLoader().load(shipped: directory, extra: extra)
        } catch {
            throw FixtureError(description: DiagnosticRenderer(sources: SourceTexts()).render(error.diagnostics))
        }
    }

    /// A report of `files` (display name, text) parsed in memory: no input stamps, exact file names.
    static func report(
        _ files: [(String, String)] = files, asOf: String = "2025-11-22", language: ReportLanguage = .en,
        baseline: Baseline? = nil, extraRules: [String] = [], ledger: ((RuleSet) throws -> LedgerResults)? = nil,
        packs: [String]? = nil
    ) throws -> AuditReport {
        let rules = try rules(extra: extraRules, packs: packs)
        var sources = SourceTexts()
        var streams: [ParsedStream] = []
        for (name, text) in files {
            sources.add(file: name, text: text)
            streams.append(ParsedStream(file: name, documents: try YAMLReader.parse(text, file: name)))
        }
        let outcome = DocumentLoader(schema: rules.schema).load(streams: streams, sources: sources)
        if outcome.hasErrors {
            throw FixtureError(description: DiagnosticRenderer(sources: outcome.sources).render(outcome.diagnostics))
        }
        return try audit(outcome, rules: rules, asOf: asOf, language: language, baseline: baseline, ledger: ledger?(rules))
    }

    /// A report of files written under `directory` (input stamps with paths and digests).
    static func reportFromFiles(
        _ files: [(String, String)] = files, in directory: String, asOf: String = "2025-11-22",
        baseline: Baseline? = nil, extraRules: [String] = []
    ) throws -> AuditReport {
        let rules = try rules(extra: extraRules)
        var paths: [String] = []
        for (name, text) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let outcome = DocumentLoader(schema: rules.schema).load(files: paths.sorted())
        if outcome.hasErrors {
            throw FixtureError(description: DiagnosticRenderer(sources: outcome.sources).render(outcome.diagnostics))
        }
        return try audit(outcome, rules: rules, asOf: asOf, language: .en, baseline: baseline)
    }

    private static func audit(
        _ outcome: LoadOutcome, rules: RuleSet, asOf: String, language: ReportLanguage, baseline: Baseline?,
        ledger: LedgerResults? = nil
    ) throws -> AuditReport {
        let result = Auditor(rules: rules, toolVersion: "0.9.0-test")
            // Rendering is tested on dates before any rule too (rules shown as not yet in force).
            .audit(outcome, asOf: date(asOf), language: language, warnExpiringDays: 30, baseline: baseline,
                   allowNoRulesInForce: true, ledger: ledger)
        switch result {
        case .success(let report): return report
        case .failure(let list):
            throw FixtureError(description: DiagnosticRenderer(sources: outcome.sources).render(list.diagnostics))
        }
    }

    /// A temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "loancheck-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension ReportFixture {
    /// A draft pack for tests only (not shipped): a transition period, a rule that cannot be evaluated
    /// when `income_cap` is absent, and a parameter with a history (the one-year LPR).
    static let testPack = """
    kind: RulePack
    id: test-reporting
    version: "0.1"
    status: draft
    title: {zh: 报告测试规则, en: Reporting test rules}
    authority: {zh: 测试机关, en: Test authority}
    instrument: 测试〔2025〕1号
    source: https://example.org/test-measures
    parameters:
      lpr_1y:
        type: percent
        history:
          - {from: 2024-10-21, value: 3.10%}
          - {from: 2025-05-20, value: 3.00%}
    rules:
      - id: TEST-INCOME-CAP
        title: {zh: 收入比例上限, en: Income cap at most one third}
        subject: LoanProduct
        require: product.income_cap <= 1/3
        severity: error
        effective: 2020-01-01
        enforced: 2030-01-01
        citation:
          regulation: {zh: 测试办法, en: Test Measures}
          article: 第一条
          verified: true
          url: https://example.org/test-measures#1
          quote: "第一条 收入比例不得超过三分之一。"
          source: 测试来源（官方转载）
          note: 测试说明 <b>
        message: {zh: "收入比例上限为 {actual}，应 {required}", en: "the income cap is {actual}; it must be {required}"}
      - id: TEST-RATE-LPR
        title: {zh: 利率不超过LPR四倍, en: Disclosed APR at most 4 × LPR}
        subject: LoanProduct
        require: product.pricing.disclosed_apr <= 4 * param.lpr_1y
        severity: error
        effective: 2020-08-20
        citation:
          regulation: {zh: 测试办法, en: Test Measures}
          article: 第二条
          verified: true
        message: {zh: "年化利率 {actual}，应 {required}", en: "the APR is {actual}; it must be {required}"}

    """

    /// A rules directory holding `testPack`; the caller removes it.
    static func testPackDirectory() throws -> String {
        let directory = try temporaryDirectory()
        try testPack.write(toFile: directory + "/test-reporting.yaml", atomically: true, encoding: .utf8)
        return directory
    }
}
