import RuleLanguage

/// Chinese names of the enum codes documents use (`Rules/schema/documents.yaml`) and of province codes,
/// shown beside the code in a zh report: `national-bank（全国性银行）`, `CN-ZJ（浙江省）`. The code
/// stays, since it is what a document says and what a reader searches for.
enum ChineseNames {
    /// The Chinese name of `code` as a value of `field` (`type`, `borrower`, `kind` …), or nil.
    static func name(of code: String, field: String) -> String? {
        byField[field]?[code] ?? Province(code: code)?.fullChineseName
    }

    /// `code（名称）`, or the code alone when it has no Chinese name.
    static func labelled(_ code: String, field: String) -> String {
        name(of: code, field: field).map { "\(code)（\($0)）" } ?? code
    }

    /// An evidence value that is an enum code of the field at `path` (`pricing.fees[0].collected`), with
    /// its name after it: `≠ upfront-deduction（放款时预先扣除）`. Other values are returned unchanged.
    static func annotateCode(_ value: String, path: String) -> String {
        let field = path.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? ""
        guard let names = byField[field] else { return value }
        let code = value.drop { !$0.isLetter }
        guard let name = names[String(code)] else { return value }
        return value + "（\(name)）"
    }

    /// `text` with each duration written the Chinese way, an equivalent spelling loancheck also reads:
    /// `18 months` → `18个月`, `90 days` → `90天`, `1 year` → `1年`.
    static func durations(_ text: String) -> String {
        guard text.contains(" month") || text.contains(" day") || text.contains(" year") else { return text }
        var out = ""
        var rest = text[...]
        while let digit = rest.firstIndex(where: isDigit) {
            out += rest[..<digit]
            rest = rest[digit...]
            let number = rest.prefix(while: isDigit)
            out += number
            rest = rest[number.endIndex...]
            // Only a whole number that starts a word (not the `2` of `CN-2` or of `1.5`).
            let before = out.dropLast(number.count).last
            guard before.map({ !($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) ?? true else { continue }
            for (word, chinese) in durationWords {
                let spelled = " " + word
                if rest.hasPrefix(spelled), rest.dropFirst(spelled.count).first.map({ !$0.isLetter }) ?? true {
                    out += chinese
                    rest = rest.dropFirst(spelled.count)
                    break
                }
            }
        }
        return out + rest
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    private static let durationWords = [
        ("months", "个月"), ("month", "个月"), ("days", "天"), ("day", "天"), ("years", "年"), ("year", "年"),
    ]

    /// `text` with each province code (`CN-ZJ`) followed by its name: `CN-ZJ（浙江省）`.
    static func annotateProvinces(_ text: String) -> String {
        guard text.contains("CN-") else { return text }
        var out = ""
        var rest = text[...]
        while let start = rest.firstRange(of: "CN-") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let letters = rest.prefix { $0.isASCII && $0.isUppercase }
            out += letters
            rest = rest[letters.endIndex...]
            let boundary = rest.first.map { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) } ?? true
            if boundary, let province = Province(code: "CN-" + letters), !rest.hasPrefix("（\(province.fullChineseName)）") {
                out += "（\(province.fullChineseName)）"
            }
        }
        return out + rest
    }

    private static let byField: [String: [String: String]] = [
        "type": [
            "national-bank": "全国性银行", "local-bank": "地方法人银行", "consumer-finance": "消费金融公司",
            "microlender": "小额贷款公司", "online-microlender": "网络小额贷款公司", "platform": "助贷平台",
            "private-lender": "民间借贷出借人", "guarantor": "融资担保机构",
        ],
        "scope": ["cross-province": "跨省经营", "online-lending": "互联网贷款", "joint-lending": "联合贷款", "other": "其他"],
        "status": ["active": "在售", "closed": "已停售"],
        "borrower": ["individual": "个人", "business": "企业"],
        "purpose": ["consumption": "消费", "business": "经营"],
        "repayment": ["equal-installment": "等额本息", "equal-principal": "等额本金", "interest-only": "先息后本", "bullet": "到期一次还本付息"],
        "kind": ["guarantee": "担保费", "insurance": "保险费", "service": "服务费", "management": "管理费", "other": "其他费用"],
        "basis": ["original-principal": "按初始本金", "outstanding-balance": "按剩余本金"],
        "collected": ["upfront-deduction": "放款时预先扣除", "at-disbursement": "放款时收取", "with-first-installment": "随首期还款收取"],
        "disclosed_apr_method": ["irr": "内部收益率法（IRR）", "simple": "单利法"],
    ]
}
