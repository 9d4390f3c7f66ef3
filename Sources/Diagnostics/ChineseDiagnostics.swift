/// Chinese wording of the diagnostics people see most (`--lang zh`, or a Chinese `LANG`): the labels
/// (`错误`, `提示`, `注`) and a catalogue of message, hint and note templates. A text the catalogue does
/// not know is shown in English unchanged (`docs/robustness.md` lists what is covered), so a translation
/// can never hide a diagnostic. Quoted input (keys, values, file names) is kept as written.
///
/// A template is literal text with `{}` holes; its Chinese form refers to the holes as `{0}`, `{1}`, ….
/// The first template (in catalogue order) whose literal parts all match wins, so a specific template
/// comes before a general one.
public enum ChineseDiagnostics {
    /// The severity label: `错误`, `警告`, `信息`.
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "错误"
        case .warning: "警告"
        case .note: "注"
        }
    }

    public static let hintLabel = "提示"
    public static let noteLabel = "注"

    /// `text` in Chinese when the catalogue has it, else `text` unchanged.
    public static func translate(_ text: String) -> String {
        for (template, chinese) in allTemplates {
            if let holes = match(text, template) {
                // `write 70%` is a value to type; `write a fraction like …` is a sentence it would garble.
                if template == "write {}", holes.joined().contains(where: { $0.isASCII && $0.isLetter }) { continue }
                var out = chinese
                // A quoted hole ('LoanProduct') is input as written, never a phrase to translate.
                let before = template.split(separator: "{}", omittingEmptySubsequences: false)
                for (index, hole) in holes.enumerated() {
                    let quoted = index < before.count && before[index].hasSuffix("'")
                    out = out.replacing("{\(index)}", with: quoted ? hole : translateNested(hole))
                }
                return out
            }
        }
        if let column = columnPrefix(of: text) {
            let rest = String(text.dropFirst(column.count + 2))
            let translated = translate(rest)
            if translated != rest { return column + ": " + translated }
        }
        return text
    }

    /// Every template, the more specific ones (tape, packs, command line) first.
    static let allTemplates = tapeCatalogue + packCatalogue + usageCatalogue + catalogue

    /// The column or option name a message starts with (`lender: no institution 'x' is loaded`,
    /// `--as-of: month 13 does not exist`), or nil.
    private static func columnPrefix(of text: String) -> String? {
        guard let range = text.firstRange(of: ": ") else { return nil }
        let column = text[..<range.lowerBound]
        guard !column.isEmpty, column.allSatisfy({ ($0.isASCII && $0.isLowercase) || "_.-".contains($0) }) else { return nil }
        return String(column)
    }

    /// A hole that is itself a known phrase (`an amount of money cannot be negative`) is translated;
    /// anything else (a quoted value) is kept.
    private static func translateNested(_ hole: String) -> String {
        names[hole] ?? tapeNames[hole] ?? usageNames[hole] ?? hole
    }

    /// The holes of `text` under `template`, or nil when it does not match.
    static func match(_ text: String, _ template: String) -> [String]? {
        let parts = template.split(separator: "{}", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, text.hasPrefix(first) else { return nil }
        var rest = text.dropFirst(first.count)
        var holes: [String] = []
        for (index, part) in parts.enumerated().dropFirst() {
            let isLast = index == parts.count - 1
            if isLast {
                guard part.isEmpty || rest.hasSuffix(part) else { return nil }
                holes.append(String(rest.dropLast(part.count)))
                rest = rest.suffix(0)
            } else {
                guard !part.isEmpty, let range = rest.firstRange(of: part) else { return nil }
                holes.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
        }
        return parts.count == 1 && !rest.isEmpty ? nil : holes
    }

    /// Names inside messages: document kinds and the things a unit parser reads.
    static let names: [String: String] = [
        "LoanProduct": "贷款产品", "Institution": "机构", "Waiver": "豁免", "LedgerSchema": "借据表结构",
        "an amount of money": "金额", "a percentage": "百分比", "a duration": "期限", "a rate": "利率",
        "a scalar": "标量", "a mapping": "映射", "a sequence": "列表", "a list": "列表",
    ]

    /// English template → Chinese; see the type's documentation.
    static let catalogue: [(String, String)] = [
        // Structure and fields
        ("unknown field '{}' in {}", "{1}中有未知字段 '{0}'"),
        ("missing required field '{}' in {}", "{1}缺少必填字段 '{0}'"),
        ("duplicate key '{}'", "重复的键 '{0}'"),
        ("'{}' is not a valid value for '{}'", "'{0}' 不是字段 '{1}' 的有效取值"),
        ("unknown document kind '{}'", "未知的文档类型 '{0}'"),
        ("empty document", "空文档"),
        ("merge keys ('<<') are not supported", "不支持合并键（'<<'）"),
        ("full-width '{}' where YAML expects {}", "此处 YAML 需要 {1}，却是全角字符 '{0}'"),
        ("expected a mapping for {}, found a {}", "{0} 应为映射（mapping），实际为{1}"),
        ("expected a list for '{}', found a {}", "'{0}' 应为列表，实际为{1}"),
        ("expected {min, max} for '{}', found a {}", "'{0}' 应为 {min, max}，实际为{1}"),
        ("expected a list of provinces for '{}', found a {}", "'{0}' 应为省级行政区列表，实际为{1}"),
        ("expected true or false for {}, found '{}'", "{0} 应为 true 或 false，实际为 '{1}'"),
        ("expected a whole number for '{}', found '{}'", "'{0}' 应为整数，实际为 '{1}'"),
        ("expected a decimal number for '{}', found '{}'", "'{0}' 应为十进制数，实际为 '{1}'"),
        ("province {} is listed twice in '{}'", "省级行政区 {0} 在 '{1}' 中重复列出"),
        ("document has no 'kind'", "文档缺少 'kind'"),
        ("a document must be a mapping with `kind:`, found a {}", "文档应为带 `kind:` 的映射，实际为{0}"),
        // References and values across fields
        ("unknown reference in '{}': no {} with id '{}' is loaded", "'{0}' 引用了未知对象：未加载 id 为 '{2}' 的{1}"),
        ("unknown reference in '{}': no document with id '{}' is loaded", "'{0}' 引用了未知对象：未加载 id 为 '{1}' 的文档"),
        ("duplicate id '{}': already used by the {} in {}", "重复的 id '{0}'：已被 {2} 中的{1}使用"),
        ("funding shares add up to {}, not 100%", "出资比例合计为 {0}，而非 100%"),
        ("'{}' ({}) is above '{}' ({})", "'{0}'（{1}）大于 '{2}'（{3}）"),
        ("a closed product needs 'closed_on'", "已停售产品需要填写 'closed_on'"),
        ("'closed_on' is only for a product with status: closed", "'closed_on' 只适用于 status: closed 的产品"),
        ("'funding' is empty", "'funding' 为空"),
        // Units
        ("a percentage needs a % sign", "百分比需要 % 符号"),
        ("a rate needs a % sign and a period", "利率需要 % 符号和计息周期"),
        ("a rate needs a period", "利率需要计息周期（每日、每月或每年）"),
        ("unknown rate period '{}'", "未知的计息周期 '{0}'"),
        ("unexpected '{}' after the percentage", "百分比后有多余的 '{0}'"),
        ("unknown province '{}'", "未知的省级行政区 '{0}'"),
        ("expected a province", "应为省级行政区"),
        ("'all' stands for every mainland province and is only accepted as a whole region list",
         "'all' 表示全部 31 个内地省级行政区，只能单独作为整个地区列表使用"),
        ("unknown duration unit '{}'", "未知的期限单位 '{0}'"),
        ("a duration needs a unit", "期限需要单位（天、月或年）"),
        ("a duration is a whole number of days or months", "期限须为整数天或整数月"),
        ("duration {} is too large", "期限 {0} 过大"),
        ("expected a duration, found '{}'", "应为期限，实际为 '{0}'"),
        ("expected a duration", "应为期限"),
        ("expected an amount of money, found '{}'", "应为金额，实际为 '{0}'"),
        ("expected an amount of money", "应为金额"),
        ("expected a percentage, found '{}'", "应为百分比，实际为 '{0}'"),
        ("expected a percentage", "应为百分比"),
        ("unknown unit '{}' in an amount of money", "金额中有未知单位 '{0}'"),
        ("misplaced thousands separator ','", "千位分隔符 ',' 的位置不对"),
        ("currency written twice ('{}' and '{}')", "币种写了两次（'{0}' 和 '{1}'）"),
        ("'{}' is not yuan; amounts are in CNY", "'{0}' 不是人民币元；金额须以人民币元计"),
        ("{} cannot be negative", "{0}不能为负数"),
        ("the denominator of a fraction cannot be zero", "分数的分母不能为零"),
        ("a fraction is written with whole numbers", "分数须由整数组成"),
        ("month {} does not exist", "不存在 {0} 月"),
        ("unexpected '{}' after {}", "{1}后有多余的 '{0}'"),
        // Hints
        ("did you mean '{}' ({})?", "是否想写 '{0}'（{1}）？"),
        ("did you mean '{}'? a rate is per day, per month or per year", "是否想写 '{0}'？利率按日、按月或按年计"),
        ("did you mean '{}'?", "是否想写 '{0}'？"),
        ("write {}% per year for the fraction {}, or {}% per year if you meant {} percent (a rate may also be per month or per day)",
         "若 {1} 是小数，请写 {0}% per year；若指 {3}%，请写 {2}% per year（也可按月或按日计）"),
        ("write {}% for the fraction {}, or {}% if you meant {} percent", "若 {1} 是小数，请写 {0}%；若指 {3}%，请写 {2}%"),
        ("write {}% per year, {}% per month or {}% per day", "请写 {0}% per year、{1}% per month 或 {2}% per day"),
        ("write the weeks as days, e.g. 14 days", "请把周换算成天，例如 14 days"),
        ("write {} months or {} days", "请写成 {0} months 或 {1} days"),
        ("write it like 12 months or 90 days", "请写成例如 12 months 或 90 days"),
        ("write a fraction like 1/3 or a percentage like 33.3%", "请写成分数（例如 1/3）或百分比（例如 33.3%）"),
        ("write a fraction like 1/3", "请写成分数，例如 1/3"),
        ("write it without a minus sign", "请去掉负号"),
        ("remove one of them or rename it", "删除其中一个，或改名"),
        ("remove one of them", "删除其中一个"),
        ("add `{}`", "请添加 `{0}`"),
        ("ids must be unique across all loaded files", "所有加载的文件中 id 必须唯一"),
        ("load the file that defines '{}' too (pass its directory), or fix the id", "请一并加载定义 '{0}' 的文件（传入其所在目录），或改正 id"),
        ("min must not exceed max", "min 不得大于 max"),
        ("the shares of one loan must add up to exactly 100%", "同一笔贷款的出资比例合计必须恰好为 100%"),
        ("write regions: [all], or list the provinces", "请写 regions: [all]，或逐一列出省级行政区"),
        ("write its code, e.g. CN-GD", "请写其代码，例如 CN-GD"),
        ("write e.g. 200000, 20万 or ¥200,000", "请写成例如 200000、20万 或 ¥200,000"),
        ("group digits in threes, e.g. 200,000", "请每三位一组，例如 200,000"),
        ("write {}", "请写成 {0}"),
        // Notes
        ("first defined here", "首次定义于此"),
        ("first listed here", "首次列出于此"),
    ]
}
