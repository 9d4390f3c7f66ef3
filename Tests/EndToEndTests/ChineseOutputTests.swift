import Foundation
import LoanCheckTestSupport
import Testing

/// `--lang zh` or a Chinese locale: input errors and hints on standard error, and the text report, in
/// Chinese.
@Suite struct ChineseOutputTests {
    private func product(_ body: String) throws -> String {
        let directory = try LoanCheckBinary.temporaryDirectory()
        try """
        kind: Institution
        id: bank-a
        name: A银行
        type: local-bank
        registered_in: CN-JS
        ---
        \(body)
        """.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    private let invalid = """
        kind: LoanProduct
        id: p-1
        name: 产品
        lender: bank-a
        borrower: individual
        purpose: consumption
        secured: false
        credit_lin: {min: 500, max: 20万}
        term: {min: 3 months, max: 12 months}
        repayment: equal-installment
        pricing:
          rate: 18% per year
        regions: [CN-JS]
        funding:
          - {institution: bank-a, share: 70}
        """

    @Test func inputErrorsInChineseWithLangZh() throws {
        let directory = try product(invalid)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try LoanCheckBinary.run(["validate", "--lang", "zh", "p.yaml"], in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").filter { $0.contains(": 错误: ") } == ["p.yaml:14:1: 错误: 贷款产品中有未知字段 'credit_lin'", "p.yaml:21:36: 错误: 百分比需要 % 符号"])
        #expect(run.stderr.contains("  提示: 是否想写 'credit_line'？\n"))
        #expect(run.stderr.contains("  提示: 请写成 70%\n"))
        #expect(run.stderr.hasSuffix("loancheck: 输入中有 2 个错误；未进行审计\n"))
    }

    @Test func aChineseLocaleIsEnoughAndLangEnOverridesIt() throws {
        let directory = try product(invalid)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let chinese = try LoanCheckBinary.run(["audit", "p.yaml"], in: directory, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(chinese.status == 2)
        #expect(chinese.stderr.contains("p.yaml:14:1: 错误: 贷款产品中有未知字段 'credit_lin'"))
        let english = try LoanCheckBinary.run(["audit", "--lang", "en", "p.yaml"], in: directory, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stderr.contains("p.yaml:14:1: error: unknown field 'credit_lin' in LoanProduct"))
        #expect(english.stderr.hasSuffix("loancheck: 2 errors in the input; nothing was audited\n"))
    }
}
