import Diagnostics
import RuleLanguage

/// The JSON Schema definitions of the value types (`#/definitions/money`, `rate`, …), one per type, with
/// the patterns of the unit grammar (`UnitPatterns`) and a message editors show when a value does not
/// match (`patternErrorMessage`, read by VS Code and the YAML language server; other validators ignore
/// it).
///
/// A YAML number (`200000`, `0.5`) reaches a JSON Schema as a number, not as its text: money accepts
/// numbers that are not negative; the types loancheck wants written with a unit (`30%`, `12 months`)
/// accept strings only, so a bare `0.3` or `12` is rejected as loancheck rejects it.
enum JSONSchemaUnits {
    static let definitions: [(String, JSONValue)] = [
        ("string", .object([
            ("description", .string("text (a number or a boolean is read as its text)")),
            ("type", types("string", "number", "boolean")),
        ])),
        ("id", .object([
            ("description", .string("a document id: lowercase letters, digits and hyphens, e.g. weili-consumer")),
            ("type", types("string", "integer")),
            ("minimum", .int(0)),
            ("pattern", .string("^[a-z0-9][a-z0-9-]*$")),
            ("patternErrorMessage", .string("ids use lowercase letters, digits and hyphens, e.g. weili-consumer")),
        ])),
        ("boolean", .object([
            ("description", .string("true or false")),
            ("type", .string("boolean")),
        ])),
        ("integer", .object([
            ("description", .string("a whole number")),
            ("type", types("integer", "string")),
            ("pattern", .string("^[+-]?[0-9]+$")),
        ])),
        ("decimal", .object([
            ("description", .string("a decimal number")),
            ("type", types("number", "string")),
            ("pattern", .string("^[+-]?" + UnitPatterns.significantDigitsBound + "[0-9]+(?:\\.[0-9]+)?$")),
        ])),
        ("money", .object([
            ("description", .string("yuan: 200000, \"200,000\", 20万, 1.5亿, 1.2万亿, 10亿元, ¥200,000, CNY 200000, RMB 200000")),
            ("type", types("number", "string")),
            ("minimum", .int(0)),
            ("pattern", .string(UnitPatterns.money)),
            ("patternErrorMessage", .string(
                "an amount of yuan: 200000, \"200,000\", 20万, 1.5亿, 10亿元, ¥200,000, CNY 200000 (not negative; quote an amount with commas inside {…})")),
        ])),
        ("percent", unit(UnitPatterns.percent, "a percentage: 30%, 0.05%, 29.99%",
                         "a percentage needs its % sign: 30% (is a bare 0.3 30% or 0.3%?)")),
        ("ratio", unit(UnitPatterns.ratio, "a percentage (30%) or a fraction of whole numbers (1/3)",
                       "a percentage (30%) or a fraction of whole numbers (1/3)")),
        ("rate", unit(UnitPatterns.rate, "18% per year, 1.5% per month, 0.05% per day, 12%/年, 0.05%/day, 年化18%, 月息1.5%, 日息0.05%",
                      "a rate needs a % sign and a period: 18% per year, 1.5% per month, 0.05% per day, 12%/年, 年化18%, 日息0.05%")),
        ("duration", unit(UnitPatterns.duration, "12 months, 1 year, 90 days, 12个月, 1年, 90天",
                          "whole days, months or years: 12 months, 1 year, 90 days, 12个月, 1年, 90天")),
        ("date", unit(UnitPatterns.date, "a date YYYY-MM-DD, e.g. 2024-12-31",
                      "a date that exists, written YYYY-MM-DD: 2024-12-31")),
        ("province", unit(UnitPatterns.province, "a province: CN-GD, GD, 广东, 广东省 or Guangdong",
                          "a province-level division: CN-GD, GD, 广东, 广东省 or Guangdong (a city such as 广州 is not one)")),
        ("provinces", .object([
            ("description", .string("the provinces served: [CN-GD, CN-GX], or [all] for every mainland province")),
            ("anyOf", .array([
                .object([("type", .string("array")), ("minItems", .int(1)), ("maxItems", .int(1)),
                         ("items", unit(UnitPatterns.allProvinces, "all: every mainland province", "all"))]),
                .object([("type", .string("array")), ("minItems", .int(1)), ("uniqueItems", .bool(true)),
                         ("items", .object([("$ref", .string("#/definitions/province"))]))]),
                unit(UnitPatterns.allProvincesScalar, "all: every mainland province", "a list of provinces, or all"),
            ])),
        ])),
        ("money-or-percent", .object([
            ("description", .string("a percent of principal (2%) or an amount of money (50)")),
            ("anyOf", .array([.object([("$ref", .string("#/definitions/money"))]), .object([("$ref", .string("#/definitions/percent"))])])),
        ])),
    ]

    private static func types(_ names: String...) -> JSONValue { .array(names.map(JSONValue.string)) }

    private static func unit(_ pattern: String, _ description: String, _ error: String) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("type", .string("string")),
            ("pattern", .string(pattern)),
            ("patternErrorMessage", .string(error)),
        ])
    }
}
