import Foundation
import LoanCheckTestSupport

/// A pack whose rules change on 2032-01-01 (a parameter, a repeal, the end of a transition) and the
/// documents they change for, for `loancheck diff` and `loancheck calendar`: no shipped rule or
/// parameter changes around that day, so every change comes from this pack or the inputs.
enum DiffFixture {
    static let pack = """
        kind: RulePack
        id: diff-check
        version: "1"
        status: in-force
        title: {zh: 测试, en: Diff test}
        authority: {zh: 测试机关, en: Test authority}
        instrument: T-2032
        parameters:
          line_cap:
            type: money
            history:
              - {from: 2020-01-01, value: 30万, source: T-2020}
              - {from: 2032-01-01, value: 20万, source: T-2032 第一条}
        rules:
          - id: T-CAP
            title: {zh: 额度上限, en: Credit line cap}
            subject: LoanProduct
            require: product.credit_line.max <= param.line_cap
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第一条, verified: false}
            message: {zh: "额度 {actual}", en: "credit line {actual}"}
          - id: T-OLD
            title: {zh: 旧上限, en: Old cap}
            subject: LoanProduct
            require: product.credit_line.max <= 25万
            severity: error
            effective: 2020-01-01
            repealed: 2032-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第二条, verified: false}
            message: {zh: "额度 {actual}", en: "credit line {actual}"}
          - id: T-TRANSITION
            title: {zh: 过渡期, en: Transition}
            subject: LoanProduct
            require: product.credit_line.max <= 10万
            severity: error
            effective: 2020-01-01
            enforced: 2032-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第三条, verified: false}
            message: {zh: "额度 {actual}", en: "credit line {actual}"}
          - id: T-TERM
            title: {zh: 期限, en: Term}
            subject: LoanProduct
            require: product.term.max <= 6 months
            severity: warning
            effective: 2020-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第四条, verified: false}
            message: {zh: "期限 {actual}", en: "term {actual}"}

        """

    /// A Loan rule whose bound changes on 2032-01-01, and a tape of two loans (APR 21% and 19%).
    static let loanPack = """
        kind: RulePack
        id: diff-loans
        version: "1"
        status: in-force
        title: {zh: 测试, en: Diff loan test}
        authority: {zh: 测试机关, en: Test authority}
        instrument: T-LOANS
        parameters:
          loan_apr_cap:
            type: percent
            history:
              - {from: 2020-01-01, value: 24%}
              - {from: 2032-01-01, value: 20%, source: T-LOANS 第一条}
        rules:
          - id: T-LOAN-APR
            title: {zh: 每笔贷款利率, en: Each loan's APR}
            subject: Loan
            binds: disbursed_on
            require: loan.apr <= param.loan_apr_cap
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: 测试办法, en: Test measures}, article: 第一条, verified: false}
            message: {zh: "年化利率 {actual}", en: "APR {actual}"}

        """

    static let tapeSchema = """
        kind: LedgerSchema
        id: diff-tape
        as_of: 2031-12-31
        loans: {files: [loans.csv]}

        """

    static let loans = """
        loan_id,lender,borrower_id,borrower_type,purpose,contract_date,disbursed_on,principal,balance,apr,region
        L-1,tenglian-oml,B-1,individual,consumption,2031-06-01,2031-06-01,10000.00,8000.00,21%,CN-GD
        L-2,tenglian-oml,B-2,individual,consumption,2031-06-01,2031-06-01,10000.00,8000.00,19%,CN-GD

        """

    static let waiver = """
        kind: Waiver
        rule: T-TERM
        subject: tl-daily-loan
        reason: 存量产品
        approved_by: 合规部
        expires: 2031-12-31

        """

    /// A directory with `rules/pack.yaml` and `docs/`: the compliant fixture (bank, microlender, its
    /// 20万 product), products p-28 and p-35 (credit lines 28万 and 35万), and a waiver of T-TERM for
    /// tl-daily-loan that holds through 2031-12-31.
    /// With `tape`, also `rules/loans.yaml` (`loanPack`) and a loan tape in `docs/tape/`.
    static func make(tape: Bool = false) throws -> String {
        let directory = try LoanCheckBinary.temporaryDirectory()
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/rules", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: directory + "/docs", withIntermediateDirectories: true)
        try pack.write(toFile: directory + "/rules/pack.yaml", atomically: true, encoding: .utf8)
        try waiver.write(toFile: directory + "/docs/waiver.yaml", atomically: true, encoding: .utf8)
        let fixtures = LoanCheckBinary.repository + "/Tests/EndToEndTests/Fixtures/compliant/"
        for file in ["tenglian-oml.yaml", "xinlian-bank.yaml", "tl-daily-loan.yaml"] {
            try manager.copyItem(atPath: fixtures + file, toPath: directory + "/docs/" + file)
        }
        let product = try String(contentsOfFile: fixtures + "tl-daily-loan.yaml", encoding: .utf8)
        for line in ["28万", "35万"] {
            let id = "p-" + line.dropLast()
            try product.replacingOccurrences(of: "id: tl-daily-loan", with: "id: \(id)")
                .replacingOccurrences(of: "max: 20万}", with: "max: \(line)}")
                .replacingOccurrences(of: "balance_cap: 20万", with: "balance_cap: \(line)")
                .write(toFile: directory + "/docs/\(id).yaml", atomically: true, encoding: .utf8)
        }
        if tape {
            try manager.createDirectory(atPath: directory + "/docs/tape", withIntermediateDirectories: true)
            try loanPack.write(toFile: directory + "/rules/loans.yaml", atomically: true, encoding: .utf8)
            try tapeSchema.write(toFile: directory + "/docs/tape/schema.yaml", atomically: true, encoding: .utf8)
            try loans.write(toFile: directory + "/docs/tape/loans.csv", atomically: true, encoding: .utf8)
        }
        return directory
    }
}
