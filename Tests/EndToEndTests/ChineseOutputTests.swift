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

    /// Loan-tape errors (cells, duplicate loan_id, unknown lender, shares, orphan fundings) and their
    /// hints in Chinese; file:line:column and quoted cells kept.
    @Test func tapeErrorsInChinese() throws {
        typealias L = LedgerAuditTests
        var loans = L.header
        loans += "L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,150.00,20%,CN-GD\n"
        loans += "L2,oml-b,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"
        loans += "L3,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"
        loans += "L3,oml-a,B2,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"
        loans += "L4,oml-a,B9,someone,consumption,2025-01-10,2025-01-10,1.00,1.00,20,CN-GD\n"
        let directory = try LoanCheckBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try L.institutions.write(toFile: directory + "/institutions.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/tape", withIntermediateDirectories: true)
        try L.schema.write(toFile: directory + "/tape/schema.yaml", atomically: true, encoding: .utf8)
        try loans.write(toFile: directory + "/tape/loans.csv", atomically: true, encoding: .utf8)
        try "loan_id,institution,share\nL3,bank-a,70%\nL3,oml-a,29.99%\nL9,bank-a,100%\n"
            .write(toFile: directory + "/tape/fundings.csv", atomically: true, encoding: .utf8)
        let run = try LoanCheckBinary.run(["audit", "--lang", "zh", ".", "--as-of", "2026-11-22"], in: directory)
        #expect(run.status == 2)
        let file = "tape/loans.csv", fundings = "tape/fundings.csv"
        #expect(run.stderr.split(separator: "\n").filter { $0.contains(": 错误: ") } == [
            "\(fundings):2:11: 错误: 贷款 'L3' 的出资比例合计为 99.99%，而非恰好 100%",
            "\(fundings):4:1: 错误: fundings 表引用了贷款 'L9'，但它不在 loans 表中",
            "\(file):2:65: 错误: balance: 余额（¥150.00）大于本金（¥100.00）",
            "\(file):3:4: 错误: lender: 未加载机构 'oml-b'",
            "\(file):5:1: 错误: 重复的 loan_id 'L3'",
            "\(file):6:13: 错误: borrower_type: 'someone' 不是 individual, business 之一",
            "\(file):6:65: 错误: apr: 百分比需要 % 符号",
        ])
        #expect(run.stderr.contains("  提示: 是否想写 'oml-a'？\n"))
        #expect(run.stderr.contains("  提示: 余额是截至表结构 as_of 尚未偿还的本金\n"))
        #expect(run.stderr.contains("  提示: loan_id（借据号）在整个借据表中必须唯一\n"))
        #expect(run.stderr.contains("  提示: 每笔联合贷款各出资方的比例合计必须恰好为 100%（70% + 29.99% 是 99.99%）\n"))
        #expect(run.stderr.contains("  提示: 每笔有出资的贷款都必须是 loans 表中的一行；请检查 loan_id\n"))
        #expect(run.stderr.contains("  提示: 请写 20%，或为 0.235 这样的单元格设置 `format: fraction`\n"))
        #expect(!run.stderr.contains("hint:"))
    }

    /// Command-line usage errors and loancheck.yaml errors in Chinese with `--lang zh`, even those found
    /// before the command reads its options (a repeated option).
    @Test func usageAndConfigurationErrorsInChinese() throws {
        let directory = try product(invalid)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let asOf = try LoanCheckBinary.run(["audit", "--lang", "zh", "p.yaml", "--as-of", "2026-13-01"], in: directory)
        #expect(asOf.status == 2)
        #expect(asOf.stderr == "loancheck: 错误: --as-of: 不存在 13 月\n  提示: 月份为 01 到 12\n")
        let failOn = try LoanCheckBinary.run(["audit", "--lang=zh", "p.yaml", "--fail-on", "nevr"], in: directory)
        #expect(failOn.stderr == "loancheck: 错误: --fail-on 应为 error, warning, info 或 never，而不是 'nevr'\n  提示: 是否想写 'never'？\n")
        let repeated = try LoanCheckBinary.run(["audit", "--lang", "zh", "p.yaml", "--fail-on", "error", "--fail-on", "never"], in: directory)
        #expect(repeated.status == 2)
        #expect(repeated.stderr == "loancheck: 错误: --fail-on 给出了 2 次（'error', 'never'）；它只接受一个值\n  提示: 只给一次：后面的 --fail-on 不会覆盖前面的\n")
        try "exclude: [a/../b]\nrulez: 1\nsign_off: 3\n".write(toFile: directory + "/loancheck.yaml", atomically: true, encoding: .utf8)
        let config = try LoanCheckBinary.run(["validate", "--lang", "zh", "p.yaml"], in: directory)
        #expect(config.status == 2)
        #expect(config.stderr.split(separator: "\n").filter { $0.contains("错误") || $0.contains("提示") } == [
            "loancheck.yaml:1:11: 错误: 模式 'a/../b' 超出了其基准目录（'..'）",
            "  提示: 模式相对于 loancheck.yaml 所在的目录（--exclude 则相对于工作目录）",
            "loancheck.yaml:2:1: 错误: loancheck.yaml 中有未知的键 'rulez'",
            "  提示: 是否想写 'rules'？",
            "loancheck.yaml:3:11: 错误: sign_off 应为映射，实际为标量",
            "  提示: 请在 sign_off 下方缩进写出它的键",
        ])
    }

    /// A rule-selection error, checked against the loaded packs, in Chinese.
    @Test func packErrorsInChinese() throws {
        let directory = try product(invalid)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try LoanCheckBinary.run(["audit", "--lang", "zh", "p.yaml", "--disable-rule", "CN-NOPE"], in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("loancheck: 错误: --disable-rule 中有未知的规则 'CN-NOPE'\n"))
        #expect(!run.stderr.contains("error:"))
    }

    /// `loancheck diff --lang zh`: headings, regime changes, causes and the summary in Chinese (text and
    /// Markdown); rule ids, pack ids and the instrument kept.
    @Test func diffInChinese() throws {
        let arguments = ["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--lang", "zh"]
        let text = try LoanCheckBinary.run(arguments)
        #expect(text.status == 1)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "loancheck 0.1.0 — 对比 2025-09-30 → 2025-10-01 — 10 个规则包，20 个文档，19 笔借据（引擎 stream）")
        #expect(lines[2] == "2025-09-30 之后至 2025-10-01 的监管变化：")
        #expect(lines[3] == "  2025-10-01  CN-ASSIST-PLATFORM-LISTED, CN-ASSIST-ENHANCER-LISTED, CN-ASSIST-LIST-PUBLISHED, "
            + "CN-ASSIST-PLATFORM-FEES, CN-ASSIST-ENHANCER-FEES 生效（cn-bank-assisted-lending-2025，金规〔2025〕9号）")
        #expect(lines.contains("2025-10-01 出现：1"))
        #expect(lines.contains("  原因：CN-ASSIST-PLATFORM-FEES 于 2025-10-01 生效（cn-bank-assisted-lending-2025，金规〔2025〕9号）"))
        #expect(lines.contains("2025-10-01 消失：0"))
        #expect(lines.contains("2025-09-30 至 2025-10-01 之间变化：0"))
        #expect(lines.suffix(2) == ["出现 1 项，消失 0 项，变化 0 项；2025-10-01 新增或变差：1 项错误、0 项警告、0 项提示", ""])
        let markdown = try LoanCheckBinary.run(arguments + ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## loancheck 对比 2025-09-30 → 2025-10-01\n\n- **起始日**：2025-09-30\n- **截止日**：2025-10-01\n"))
        #expect(markdown.stdout.contains("\n### 两个日期之间的监管变化\n\n| 日期 | 变化 | 规则包 | 规则 |\n"))
        #expect(markdown.stdout.contains("\n### 2025-10-01 出现：1\n\n| 规则 | 严重级别 | 对象 | 字段 | 位置 | 证据 | 原因 |\n"))
        #expect(markdown.stdout.contains("| 错误 | `贷款产品 xl-assisted` | `pricing.fees[1].payee_type` | `Examples/products/xl-assisted.yaml:25` | "
            + "实际 platform，要求 ≠ platform | CN-ASSIST-PLATFORM-FEES 于 2025-10-01 生效（cn-bank-assisted-lending-2025，金规〔2025〕9号） |\n"))
        #expect(markdown.stdout.hasSuffix("### 2025-09-30 至 2025-10-01 之间变化：0\n\n无。\n"))
    }

    /// `loancheck diff --lang zh --format html`: the cover, timeline, sections and stamp in Chinese.
    @Test func diffHTMLInChinese() throws {
        let html = try LoanCheckBinary.run(["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--lang", "zh", "--format", "html"]).stdout
        #expect(html.contains("<h1 id=\"cover-title\">监管影响 2025-09-30 → 2025-10-01</h1>"))
        #expect(html.contains("<dt>起始日</dt>") && html.contains("<dt>截止日</dt>") && html.contains("<dt>结果</dt>"))
        #expect(html.contains("<h2 id=\"timeline-title\">时间线</h2>"))
        #expect(html.contains("<time datetime=\"2025-09-30\">2025-09-30</time>2025-09-30 审计：17 项错误"))
        #expect(html.contains("金规〔2025〕9号） — 解释下文 1 项发现</li>"))
        #expect(html.contains("<h2 id=\"appeared-title\">2025-10-01 出现：1</h2>"))
        #expect(html.contains("<strong>原因：</strong>CN-ASSIST-PLATFORM-FEES 于 2025-10-01 生效（cn-bank-assisted-lending-2025，金规〔2025〕9号）"))
        #expect(html.contains("<h2 id=\"changed-title\">2025-09-30 至 2025-10-01 之间变化：0</h2>\n<p>无。</p>"))
        #expect(html.contains("<h2 id=\"stamp-title\">可复现性标记</h2>"))
        #expect(!html.contains("Cause: ") && !html.contains("Timeline"))
    }

    /// `loancheck calendar --lang zh`: the header, regime changes, rule outcomes and the count in Chinese.
    @Test func calendarInChinese() throws {
        let arguments = ["calendar", "--lang", "zh", "--from", "2025-09-25", "--days", "10", "Examples"]
        let lines = try LoanCheckBinary.run(arguments).stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "loancheck 0.1.0 — 监管日历 2025-09-25 至 2025-10-04（10 天）— 10 个规则包，20 个文档")
        #expect(lines[2] == "2025-10-01  CN-ASSIST-PLATFORM-LISTED, CN-ASSIST-ENHANCER-LISTED, CN-ASSIST-LIST-PUBLISHED, "
            + "CN-ASSIST-PLATFORM-FEES, CN-ASSIST-ENHANCER-FEES 生效（cn-bank-assisted-lending-2025，金规〔2025〕9号）")
        #expect(lines[3] == "  CN-ASSIST-PLATFORM-LISTED：贷款产品 xl-assisted（通过），贷款产品 xl-legacy-line（豁免：在约束新业务之前已停售）")
        #expect(lines.contains("  CN-ASSIST-ENHANCER-REVIEW：当日未生效（2026-01-01 生效）"))
        #expect(lines.suffix(2) == ["2025-09-25 至 2025-10-04 共 2 项监管变化", ""])
        let markdown = try LoanCheckBinary.run(arguments + ["--format", "markdown"]).stdout
        #expect(markdown.contains("| 日期 | 变化 | 规则包 | 对象 |\n"))
        let none = try LoanCheckBinary.run(["calendar", "--lang", "zh", "--from", "2025-09-25", "--days", "1", "--format", "markdown"]).stdout
        #expect(none.hasSuffix("2025-09-25 至 2025-09-25 没有监管变化。\n"))
    }
}
