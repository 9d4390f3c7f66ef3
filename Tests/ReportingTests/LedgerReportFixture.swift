import Compliance
import Diagnostics
import Foundation
import RuleLanguage

/// A report with a ledger audit, built through the real auditor (waivers, summary, byRule, baseline) from
/// hand-made ledger findings and totals, so the renderers are tested on exact values without an engine.
///
/// The totals stand for a large tape (1,204,562 loans; CN-BANK-LOAN-CREDIT-LINE fails on 52,311 of them,
/// 2 listed under `--max-findings-per-rule 2`); the findings quote rows of the small tape below:
/// - `L-0003` (line 4) and `L-0005` (line 6) fail CN-BANK-LOAN-CREDIT-LINE; the first has its product,
///   lender and borrower, the second only its borrower (its lender is not known);
/// - the group `nb/B-1001` (lines 2 and 3) is one fen over TEST-BORROWER-BALANCE's ¥200,000;
/// - the group `nb/B-3003` (line 5, its borrower cell quoted) is at 150% of it, and waived.
enum LedgerReportFixture {
    static let tapeFile = "ledger/loans.csv"

    static let tape = """
    loan_id,lender,product,borrower_id,borrower_type,purpose,secured,contract_date,disbursed_on,principal,balance,credit_line,apr,region
    L-0001,nb,weili-consumer,B-1001,individual,consumption,false,2024-01-05,2024-01-05,150000.00,150000.00,,18%,CN-GD
    L-0002,nb,weili-consumer,B-1001,individual,consumption,false,2024-02-05,2024-02-05,60000.00,50000.01,,18%,CN-GD
    L-0003,nb,weili-consumer,B-2001,individual,consumption,false,2024-03-01,2024-03-01,10000.00,8000.00,300000.00,18%,CN-GD
    L-0004,nb,,"B-3003",individual,consumption,false,2024-03-02,2024-03-02,300000.00,300000.00,,18%,CN-GD
    L-0005,nb,,B-5005,individual,consumption,false,2024-04-01,2024-04-01,20000.00,15000.00,250000.00,18%,CN-GD

    """

    /// A pack with one LoanGroup rule whose message quotes its subject (the group's key).
    static let pack = """
    kind: RulePack
    id: test-ledger
    version: "0.1"
    status: in-force
    title: {zh: 借据测试规则, en: Ledger test rules}
    authority: {zh: 测试机关, en: Test authority}
    instrument: 测试〔2025〕2号
    source: https://example.org/test-ledger
    parameters:
      balance_cap:
        type: money
        history:
          - {from: 2020-01-01, value: 20万}
    rules:
      - id: TEST-BORROWER-BALANCE
        title: {zh: 单户余额上限, en: Balance per borrower at most 20万}
        subject: LoanGroup
        group_by: {lender: position.funder, borrower: loan.borrower_id}
        require: sum(loans, p => p.funded) <= param.balance_cap
        severity: error
        effective: 2020-01-01
        citation:
          regulation: {zh: 测试办法, en: Test Measures}
          article: 第三条
          verified: true
        message: {zh: "{subject} 的余额为 {actual}，应 {required}", en: "the balance of {subject} is {actual}; it must be {required}"}

    """

    static let groupWaiver = """
    kind: Waiver
    rule: TEST-BORROWER-BALANCE
    subject: nb/B-3003
    reason: 已于报告日后结清
    approved_by: 合规部
    expires: 2026-12-31

    """

    /// The ledger report; `extraLoans` adds that many listed CN-BANK-LOAN-CREDIT-LINE findings without
    /// source rows (for caps).
    static func report(language: ReportLanguage = .en, baseline: Baseline? = nil, extraLoans: Int = 0) throws -> AuditReport {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try pack.write(toFile: directory + "/test-ledger.yaml", atomically: true, encoding: .utf8)
        return try ReportFixture.report(ReportFixture.files + [("waivers/group.yaml", groupWaiver)], language: language,
                                        baseline: baseline, extraRules: [directory]) { rules in
            try results(rules, extraLoans: extraLoans)
        }
    }

    struct MissingRule: Error {}

    static func results(_ rules: RuleSet, extraLoans: Int) throws -> LedgerResults {
        guard let line = rules.rule("CN-BANK-LOAN-CREDIT-LINE"), let group = rules.rule("TEST-BORROWER-BALANCE") else { throw MissingRule() }
        func location(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: tapeFile, line: line, column: column) }
        let lineCap = ParameterUse(name: "credit_line_cap", value: "¥200,000", from: ReportFixture.date("2020-07-17"),
                                   source: "商业银行互联网贷款管理暂行办法 第六条")
        func loan(_ id: String, at place: SourceLocation, creditLine: String, detail: LedgerDetail) -> Finding {
            Finding(rule: line.rule.id, severity: .error, packId: line.pack.id, packStatus: line.pack.status,
                    subject: SubjectReference(kind: "Loan", id: id), path: "credit_line", location: place,
                    message: LocalizedText(zh: "贷款所用授信额度为 \(creditLine)，应 ≤ ¥200,000（单户个人信用消费贷款）",
                                           en: "the loan's credit line is \(creditLine); it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank"),
                    evidence: FindingEvidence(actual: creditLine, required: "≤ ¥200,000",
                                              detail: "loan.credit_line = \(creditLine) > ¥200,000 (param.credit_line_cap)", parameters: [lineCap]),
                    citation: line.rule.citation, effective: line.rule.effective, regimeNote: nil, cannotEvaluate: false, ledger: detail)
        }
        let balanceCap = ParameterUse(name: "balance_cap", value: "¥200,000", from: ReportFixture.date("2020-01-01"), source: nil)
        func groupFinding(_ borrower: String, actual: String, largest: [LedgerDetail.Contributor]) -> Finding {
            let key = "nb/\(borrower)"
            let loans = "\(largest.count) loan\(largest.count == 1 ? "" : "s")"
            return Finding(
                rule: group.rule.id, severity: .error, packId: group.pack.id, packStatus: group.pack.status,
                subject: SubjectReference(kind: "LoanGroup", id: key), path: "", location: largest.first?.location,
                message: LocalizedText(zh: "\(key) 的余额为 \(actual)，应 ≤ ¥200,000", en: "the balance of \(key) is \(actual); it must be ≤ ¥200,000"),
                evidence: FindingEvidence(
                    actual: actual, required: "≤ ¥200,000",
                    detail: "\(actual) over \(loans) (largest: " + largest.map { "\($0.loanId) \($0.amount)" }.joined(separator: ", ")
                        + "), required ≤ ¥200,000 (sum(loans, p => p.funded) <= param.balance_cap)",
                    parameters: [balanceCap]),
                citation: group.rule.citation, effective: group.rule.effective, regimeNote: nil, cannotEvaluate: false,
                ledger: LedgerDetail(product: nil, key: [.init(name: "lender", value: "nb", isBorrower: false),
                                                         .init(name: "borrower", value: borrower, isBorrower: true)],
                                     loanCount: largest.count, largest: largest))
        }
        var findings = [
            loan("L-0003", at: location(4, 101), creditLine: "¥300,000",
                 detail: LedgerDetail(product: "weili-consumer", key: [], loanCount: nil, largest: [], lender: "nb", borrower: "B-2001")),
            loan("L-0005", at: location(6, 88), creditLine: "¥250,000",
                 detail: LedgerDetail(product: nil, key: [], loanCount: nil, largest: [], borrower: "B-5005")),
        ]
        for index in 0..<extraLoans {
            findings.append(loan("X-\(1000 + index)", at: location(100 + index, 1), creditLine: "¥210,000",
                                 detail: LedgerDetail(product: nil, key: [], loanCount: nil, largest: [])))
        }
        findings += [
            groupFinding("B-1001", actual: "¥200,000.01", largest: [.init(loanId: "L-0001", amount: "¥150,000", location: location(2, 1)),
                                                                  .init(loanId: "L-0002", amount: "¥50,000.01", location: location(3, 1))]),
            groupFinding("B-3003", actual: "¥300,000", largest: [.init(loanId: "L-0004", amount: "¥300,000", location: location(5, 1))]),
        ]
        var sources = SourceTexts()
        sources.add(file: tapeFile, text: tape)
        return LedgerResults(
            engine: "stream", findings: findings,
            totals: [
                line.rule.id: .init(checked: 982_113, violations: [.error: 52_311 + extraLoans], cannotEvaluate: [:],
                                    unlisted: [.error: 52_309]),
                group.rule.id: .init(checked: 310_422, violations: [.error: 2], cannotEvaluate: [:], unlisted: [:]),
            ],
            seenWaivedKeys: [group.rule.id: ["nb/B-3003"]],
            inputs: [AuditReport.InputStamp(path: tapeFile, sha256: SHA256.hex(tape))], sources: sources,
            loans: 1_204_562, fundings: 0, maxFindingsPerRule: 2)
    }
}
