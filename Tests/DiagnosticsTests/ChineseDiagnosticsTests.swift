import Diagnostics
import Testing

/// `--lang zh`: the labels and the catalogued messages, hints and notes in Chinese, quoted input kept,
/// anything not catalogued left in English.
@Suite struct ChineseDiagnosticsTests {
    @Test func aDiagnosticRenderedInChinese() {
        var sources = SourceTexts()
        sources.add(file: "a.yaml", text: "kind: LoanProduct\nid: a\nid: b\n")
        let diagnostic = Diagnostic.error(
            "duplicate key 'id'", at: SourceLocation(file: "a.yaml", line: 3, column: 1), hint: "remove one of them or rename it",
            notes: [.init("first defined here", at: SourceLocation(file: "a.yaml", line: 2, column: 1))])
        #expect(DiagnosticRenderer(sources: sources, chinese: true).render(diagnostic) == """
            a.yaml:3:1: 错误: 重复的键 'id'
              3 | id: b
                | ^
              注: a.yaml:2:1: 首次定义于此
              提示: 删除其中一个，或改名

            """)
    }

    @Test(arguments: [
        ("unknown field 'credit_lin' in LoanProduct", "贷款产品中有未知字段 'credit_lin'"),
        ("missing required field 'lender' in Institution", "机构缺少必填字段 'lender'"),
        ("duplicate key 'id'", "重复的键 'id'"),
        ("'local-bnk' is not a valid value for 'type'", "'local-bnk' 不是字段 'type' 的有效取值"),
        ("a percentage needs a % sign", "百分比需要 % 符号"),
        ("a rate needs a % sign and a period", "利率需要 % 符号和计息周期"),
        ("unknown province '广州'", "未知的省级行政区 '广州'"),
        ("unknown duration unit 'weeks'", "未知的期限单位 'weeks'"),
        ("expected an amount of money, found 'abc'", "应为金额，实际为 'abc'"),
        ("an amount of money cannot be negative", "金额不能为负数"),
        ("merge keys ('<<') are not supported", "不支持合并键（'<<'）"),
        ("unknown document kind 'LoanProdct'", "未知的文档类型 'LoanProdct'"),
        ("unknown reference in 'lender': no Institution with id 'bank-b' is loaded", "'lender' 引用了未知对象：未加载 id 为 'bank-b' 的机构"),
        ("duplicate id 'p-1': already used by the LoanProduct in a.yaml", "重复的 id 'p-1'：已被 a.yaml 中的贷款产品使用"),
        ("funding shares add up to 99.99%, not 100%", "出资比例合计为 99.99%，而非 100%"),
        ("'credit_line.min' (¥300,000) is above 'credit_line.max' (¥200,000)", "'credit_line.min'（¥300,000）大于 'credit_line.max'（¥200,000）"),
    ])
    func messages(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    @Test(arguments: [
        ("did you mean 'credit_line'?", "是否想写 'credit_line'？"),
        ("did you mean '广东' (CN-GD)?", "是否想写 '广东'（CN-GD）？"),
        ("write 70%", "请写成 70%"),
        ("write 18% per year for the fraction 0.18, or 0.18% per year if you meant 0.18 percent (a rate may also be per month or per day)",
         "若 0.18 是小数，请写 18% per year；若指 0.18%，请写 0.18% per year（也可按月或按日计）"),
        ("add `name: <string>`", "请添加 `name: <string>`"),
        ("write the weeks as days, e.g. 14 days", "请把周换算成天，例如 14 days"),
    ])
    func hints(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    /// Loan-tape (CSV) messages and hints; a cell message keeps its column name in front.
    @Test(arguments: [
        ("balance: the balance (¥150.00) is above the principal (¥100.00)", "balance: 余额（¥150.00）大于本金（¥100.00）"),
        ("lender: no institution 'oml-b' is loaded", "lender: 未加载机构 'oml-b'"),
        ("institution: no institution 'bank-x' is loaded", "institution: 未加载机构 'bank-x'"),
        ("duplicate loan_id 'L3'", "重复的 loan_id 'L3'"),
        ("loan_id (借据号) is unique across the tape", "loan_id（借据号）在整个借据表中必须唯一"),
        ("first used in tape/loans.csv (byte 212)", "首次使用于 tape/loans.csv（第 212 字节）"),
        ("the shares of loan 'L3' add up to 99.99%, not exactly 100%", "贷款 'L3' 的出资比例合计为 99.99%，而非恰好 100%"),
        ("every joint loan's funders' shares add up to exactly 100% (70% + 29.99% is 99.99%)",
         "每笔联合贷款各出资方的比例合计必须恰好为 100%（70% + 29.99% 是 99.99%）"),
        ("fundings name loan 'L9', which is not in the loans table", "fundings 表引用了贷款 'L9'，但它不在 loans 表中"),
        ("borrower_type: 'someone' is not one of individual, business", "borrower_type: 'someone' 不是 individual, business 之一"),
        ("apr: a percentage needs a % sign", "apr: 百分比需要 % 符号"),
        ("write 23.5%, or set `format: fraction` for 0.235-style cells", "请写 23.5%，或为 0.235 这样的单元格设置 `format: fraction`"),
        ("balance is what is still outstanding of the principal on the schema's as_of", "余额是截至表结构 as_of 尚未偿还的本金"),
        ("50 more bad cell errors in the tape are not listed", "借据表中另有 50 个“单元格”错误未列出"),
        ("1 more duplicate loan_id error in the tape are not listed", "借据表中另有 1 个“重复 loan_id”错误未列出"),
        ("the row has 3 fields, the header has 11", "该行有 3 个字段，表头有 11 个"),
        ("the row has 1 field, the header has 11", "该行有 1 个字段，表头有 11 个"),
        ("principal: empty cell", "principal: 空单元格"),
        ("every row needs its principal (the principal lent)", "每一行都需要 principal（贷款本金）"),
        ("contract_date: expected a date as yyyy-MM-dd, found '2025/01/10'", "contract_date: 应为 yyyy-MM-dd 格式的日期，实际为 '2025/01/10'"),
        ("loan 'L3' lists funder 'bank-a' twice", "贷款 'L3' 两次列出出资方 'bank-a'"),
        ("the loans table 'tape/loans.csv' has no column 'XDJJH' (mapped from loan_id): 借据号, unique across the tape",
         "loans 表 'tape/loans.csv' 没有列 'XDJJH'（由 loan_id 映射）：借据号，在整个借据表中唯一"),
        ("map it in the LedgerSchema: columns: {lender: YOUR-COLUMN}", "请在 LedgerSchema 中映射：columns: {lender: YOUR-COLUMN}"),
        ("a quoted field is not closed", "带引号的字段没有闭合"),
        ("the tape's as_of (2026-10-31) is after the audit's as-of date (2026-10-30)", "借据表的 as_of（2026-10-31）晚于审计的 as-of 日期（2026-10-30）"),
        ("no file matches 'loans-*.csv'", "没有文件匹配 'loans-*.csv'"),
        ("'XDJJH' is not a column of the loans table", "'XDJJH' 不是 loans 表的列"),
        ("'yyyy/MM/dd' is not a format of the disbursed_on column", "'yyyy/MM/dd' 不是 disbursed_on 列的格式"),
        ("write delimiter: \"|\" or delimiter: \"\\t\"", "请写 delimiter: \"|\" 或 delimiter: \"\\t\""),
        ("write values: {\"1\": individual}", "请写 values: {\"1\": individual}"),
        ("'Platform_Tape' is not a valid id", "'Platform_Tape' 不是有效的 id"),
    ])
    func tapeMessages(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    /// A `column: ` prefix on a text the catalogue does not know leaves the whole text English.
    @Test func anUnknownCellMessageStaysEnglish() {
        #expect(ChineseDiagnostics.translate("apr: something new") == "apr: something new")
    }

    /// loancheck.yaml, include/exclude pattern and command-line errors; an option's message keeps
    /// the option name in front.
    @Test(arguments: [
        ("unknown key 'rulez' in loancheck.yaml", "loancheck.yaml 中有未知的键 'rulez'"),
        ("sign_off must be a mapping, found a scalar", "sign_off 应为映射，实际为标量"),
        ("the configuration must be a mapping, found a sequence", "配置应为映射，实际为列表"),
        ("an entry of exclude must be a text, found nothing", "exclude 的一项应为文本，实际为空"),
        ("organisation must be a text, found a mapping", "organisation 应为文本，实际为映射"),
        ("rules.disable must be a list, found a scalar", "rules.disable 应为列表，实际为标量"),
        ("write a list, e.g. `disable: [CN-OML-CAPITAL]`", "请写成列表，例如 `disable: [CN-OML-CAPITAL]`"),
        ("fail_on must be error, warning, info or never, not 'nope'", "fail_on 应为 error, warning, info 或 never，而不是 'nope'"),
        ("write one of: error, warning, info, never", "请写以下之一：error, warning, info, never"),
        ("loancheck.yaml holds 2 documents; it must hold one", "loancheck.yaml 含有 2 个文档；只能有一个"),
        ("the pattern 'a/../b' leaves its base directory ('..')", "模式 'a/../b' 超出了其基准目录（'..'）"),
        ("the pattern 'x[' has a '[' without its ']'", "模式 'x[' 中的 '[' 没有对应的 ']'"),
        ("'p.yaml' holds a LoanProduct document but is excluded by --exclude 'p.yaml'", "'p.yaml' 含有贷款产品文档，却被 --exclude 'p.yaml' 排除"),
        ("--fail-on must be error, warning, info or never, not 'nevr'", "--fail-on 应为 error, warning, info 或 never，而不是 'nevr'"),
        ("--lang must be zh or en, not 'fr'", "--lang 应为 zh 或 en，而不是 'fr'"),
        ("--fail-on is given 2 times ('error', 'never'); it takes one value", "--fail-on 给出了 2 次（'error', 'never'）；它只接受一个值"),
        ("give it once: a later --fail-on does not override an earlier one", "只给一次：后面的 --fail-on 不会覆盖前面的"),
        ("--as-of: month 13 does not exist", "--as-of: 不存在 13 月"),
        ("--as-of: day 30 does not exist: February has 28 days", "--as-of: 不存在 30 日：2月只有 28 天"),
        ("--as-of: day 29 does not exist: 2026 is not a leap year", "--as-of: 不存在 29 日：2026 年不是闰年"),
        ("--to: unexpected '/' in the date", "--to: 日期中有多余的 '/'"),
        ("--as-of: unexpected 'T10:00' after the date", "--as-of: 日期后有多余的 'T10:00'"),
        ("write dates as YYYY-MM-DD, e.g. 2024-12-31", "日期请写成 YYYY-MM-DD，例如 2024-12-31"),
        ("--from 2026-12-01 is after --to 2026-11-01", "--from 2026-12-01 晚于 --to 2026-11-01"),
        ("unknown format 'sarf'", "未知的格式 'sarf'"),
        ("only one report can go to standard output", "只能有一个报告写到标准输出"),
        ("--warn-expiring must be 0 or more days", "--warn-expiring 须为 0 天或更多"),
        ("--config 'a.yaml' and --no-config contradict each other", "--config 'a.yaml' 与 --no-config 相互矛盾"),
    ])
    func configurationAndUsageMessages(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    /// Rule-pack and rules-directory errors.
    @Test(arguments: [
        ("the rules directory 'house' holds no rule pack", "规则目录 'house' 中没有规则包"),
        ("--rules takes a directory of `kind: RulePack` YAML files; check the path", "--rules 接受由 `kind: RulePack` YAML 文件组成的目录；请检查路径"),
        ("two packs have the id 'cn-x'", "两个规则包的 id 都是 'cn-x'"),
        ("rule id 'CN-X' is defined in two packs", "规则 id 'CN-X' 在两个规则包中都有定义"),
        ("also defined in pack 'cn-y' (packs/y.yaml)", "也定义于规则包 'cn-y'（packs/y.yaml）"),
        ("unknown key 'titel' in rule", "rule 中有未知的键 'titel'"),
        ("rule is missing 'citation'", "rule 缺少 'citation'"),
        ("rule id 'cn-x' must be upper-case letters, digits and hyphens", "规则 id 'cn-x' 只能由大写字母、数字和连字符组成"),
        ("'repealed' (2025-01-01) is not after 'effective' (2025-01-01)", "'repealed'（2025-01-01）不晚于 'effective'（2025-01-01）"),
        ("citation.url must be an http or https address, found 'ftp://x'", "citation.url 必须是 http 或 https 地址，实际为 'ftp://x'"),
        ("--disable-rule names unknown rule 'CN-NOPE'", "--disable-rule 中有未知的规则 'CN-NOPE'"),
        ("rules.only names unknown rule or pack 'cn-nope'", "rules.only 中有未知的规则或规则包 'cn-nope'"),
        ("the pack 'cn-a' in house/a.yaml replaces the shipped pack and drops its rule CN-A-1",
         "house/a.yaml 中的规则包 'cn-a' 替换了随附的规则包，并去掉了其规则 CN-A-1"),
        ("no rule is loaded: an audit would check nothing", "没有加载任何规则：审计将什么也不检查"),
        ("unknown key 'feilds' in document kind 'LoanProduct'", "文档类型 'LoanProduct' 中有未知的键 'feilds'"),
        ("enum field 'status' needs a non-empty 'values' list", "枚举字段 'status' 需要非空的 'values' 列表"),
        ("unknown field type 'mony'", "未知的字段类型 'mony'"),
    ])
    func packMessages(english: String, chinese: String) {
        #expect(ChineseDiagnostics.translate(english) == chinese)
    }

    @Test func whatTheCatalogueDoesNotKnowStaysEnglish() {
        #expect(ChineseDiagnostics.translate("the ledger's as_of 2026-12-01 is after --as-of 2026-11-30")
            == "the ledger's as_of 2026-12-01 is after --as-of 2026-11-30")
        // A generic `write …` hint is translated only when it is a value to type, not a sentence.
        #expect(ChineseDiagnostics.translate("write something else entirely") == "write something else entirely")
    }
}
