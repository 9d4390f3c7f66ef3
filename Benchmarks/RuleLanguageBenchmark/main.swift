// Compiles a 10-rule program over one synthetic product document and reports nanoseconds per evaluation.
// Run: swift run -c release RuleLanguageBenchmark
import Diagnostics
import RuleLanguage

func makeEnvironment() -> TypeEnvironment {
    var environment = TypeEnvironment()
    environment.declare(EnumType(name: "InstitutionType", cases: ["national-bank", "local-bank", "microlender", "platform"]))
    environment.declare(EnumType(name: "Repayment", cases: ["equal-installment", "bullet"]))
    environment.declare(EnumType(name: "Collection", cases: ["upfront-deduction", "at-disbursement"]))
    environment.declare(RecordType(name: "Capital", fields: [FieldDeclaration(name: "paid_in", type: .money)]))
    environment.declare(RecordType(name: "Financials", fields: [
        FieldDeclaration(name: "net_assets", type: .money, optional: true),
        FieldDeclaration(name: "total_loans", type: .money, optional: true),
    ]))
    environment.declare(RecordType(name: "JointLending", fields: [
        FieldDeclaration(name: "partner", type: .string), FieldDeclaration(name: "balance", type: .money),
    ]))
    environment.declare(RecordType(name: "Institution", fields: [
        FieldDeclaration(name: "type", type: .enumeration("InstitutionType")),
        FieldDeclaration(name: "registered_in", type: .province),
        FieldDeclaration(name: "capital", type: .record("Capital")),
        FieldDeclaration(name: "financials", type: .record("Financials")),
        FieldDeclaration(name: "joint_lending", type: .list(.record("JointLending"))),
    ]))
    environment.declare(RecordType(name: "MoneyRange", fields: [
        FieldDeclaration(name: "min", type: .money), FieldDeclaration(name: "max", type: .money),
    ]))
    environment.declare(RecordType(name: "DurationRange", fields: [
        FieldDeclaration(name: "min", type: .duration), FieldDeclaration(name: "max", type: .duration),
    ]))
    environment.declare(RecordType(name: "Fee", fields: [
        FieldDeclaration(name: "one_off", type: .ratio, optional: true),
        FieldDeclaration(name: "collected", type: .enumeration("Collection"), optional: true),
    ]))
    environment.declare(RecordType(name: "Pricing", fields: [
        FieldDeclaration(name: "rate", type: .rate), FieldDeclaration(name: "fees", type: .list(.record("Fee"))),
    ]))
    environment.declare(RecordType(name: "Funding", fields: [
        FieldDeclaration(name: "institution", type: .record("Institution")), FieldDeclaration(name: "share", type: .ratio),
    ]))
    environment.declare(RecordType(name: "LoanProduct", fields: [
        FieldDeclaration(name: "credit_line", type: .record("MoneyRange")),
        FieldDeclaration(name: "balance_cap", type: .money),
        FieldDeclaration(name: "income_cap", type: .ratio, optional: true),
        FieldDeclaration(name: "term", type: .record("DurationRange")),
        FieldDeclaration(name: "repayment", type: .enumeration("Repayment")),
        FieldDeclaration(name: "pricing", type: .record("Pricing")),
        FieldDeclaration(name: "regions", type: .list(.province)),
        FieldDeclaration(name: "funding", type: .list(.record("Funding"))),
    ]))
    environment.bind("product", to: .record("LoanProduct"))
    environment.bind("lender", to: .record("Institution"))
    return environment
}

func money(_ text: String) -> Value { .money((try? UnitParser.money(text)) ?? 0) }
func ratio(_ text: String) -> Value { .ratio((try? UnitParser.ratio(text)) ?? Ratio(0)) }
func province(_ text: String) -> Value { .province((try? UnitParser.province(text)) ?? Province.mainland[0]) }
func enumValue(_ type: String, _ name: String) -> Value { .enumeration(EnumValue(type: type, case: name)) }
let here = SourceLocation(file: "product.yaml", line: 1, column: 1)

func institution(_ type: String, netAssets: String) -> Value {
    .record(Record(type: "Institution", fields: [
        "type": enumValue("InstitutionType", type), "registered_in": province("CN-GD"),
        "capital": .record(Record(type: "Capital", fields: ["paid_in": money("60亿")])),
        "financials": .record(Record(type: "Financials", fields: ["net_assets": money(netAssets), "total_loans": money("3000亿")])),
        "joint_lending": .list((0..<5).map { index in
            .record(Record(type: "JointLending", fields: ["partner": .string("p\(index)"), "balance": money("\(index + 1)0亿")]))
        }),
    ], location: here))
}

let lender = institution("microlender", netAssets: "20亿")
let product = Value.record(Record(type: "LoanProduct", fields: [
    "credit_line": .record(Record(type: "MoneyRange", fields: ["min": money("500"), "max": money("20万")])),
    "balance_cap": money("20万"), "income_cap": ratio("1/3"),
    "term": .record(Record(type: "DurationRange", fields: ["min": .duration(.months(3)), "max": .duration(.months(12))])),
    "repayment": enumValue("Repayment", "equal-installment"),
    "pricing": .record(Record(type: "Pricing", fields: [
        "rate": .rate((try? UnitParser.rate("0.05% per day")) ?? Rate(Ratio(0), per: .day)),
        "fees": .list([
            .record(Record(type: "Fee", fields: ["one_off": ratio("2%"), "collected": enumValue("Collection", "at-disbursement")])),
            .record(Record(type: "Fee", fields: [:])),
        ]),
    ])),
    "regions": .list([province("CN-GD")]),
    "funding": .list([
        .record(Record(type: "Funding", fields: ["institution": institution("local-bank", netAssets: "60亿"), "share": ratio("70%")])),
        .record(Record(type: "Funding", fields: ["institution": lender, "share": ratio("30%")])),
    ]),
], location: here))

let rules = [
    "product.credit_line.max <= 20万",
    "product.repayment != 'bullet' or product.term.max <= 1 year",
    "all(product.funding, f => f.institution.type in ['national-bank', 'local-bank'] or f.share >= 30%)",
    "product.regions subset [lender.registered_in]",
    "product.balance_cap <= 10% * lender.financials.net_assets",
    "all(product.pricing.fees, f => not has(f.collected) or f.collected != 'upfront-deduction')",
    "has(product.income_cap) and product.income_cap <= 1/3",
    "sum(lender.joint_lending, j => j.balance) <= 50% * lender.financials.total_loans",
    "lender.capital.paid_in >= (if product.regions subset [lender.registered_in] then 10亿 else 50亿)",
    "annualized(product.pricing.rate) <= 24%",
]

let environment = makeEnvironment()
let clock = ContinuousClock()
var compiled: [CompiledExpression] = []
let compileTime = clock.measure {
    for (index, rule) in rules.enumerated() {
        do {
            compiled.append(try RuleExpression.compile(rule, origin: EmbeddedTextOrigin(file: "bench.yaml", line: index + 1, column: 1),
                                                       environment: environment, expecting: .boolean))
        } catch {
            print(error)
        }
    }
}
let bindings = Bindings(["product": product, "lender": lender])

var passed = 0
@MainActor func runProgram() {
    for rule in compiled where rule.evaluate(bindings).isTrue { passed += 1 }
}

func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
}

for _ in 0..<20_000 { runProgram() }  // warm-up
let iterations = 5_000
var samples: [Double] = []
for _ in 0..<41 {
    let elapsed = clock.measure { for _ in 0..<iterations { runProgram() } }
    samples.append(nanoseconds(elapsed) / Double(iterations * compiled.count))
}
samples.sort()
let median = samples[samples.count / 2]
print("rules: \(compiled.count) (all passing: \(passed % compiled.count == 0 && passed > 0))")
print("compile: \(Int(nanoseconds(compileTime) / 1000)) µs for \(compiled.count) rules")
print("median: \(Int(median.rounded())) ns per rule evaluation (\(Int((median * Double(compiled.count)).rounded())) ns per 10-rule document)")
print("min: \(Int(samples[0].rounded())) ns, max: \(Int(samples[samples.count - 1].rounded())) ns per rule evaluation")
print("per rule (mean of 20,000 evaluations):")
for (index, rule) in compiled.enumerated() {
    var sink = 0
    let elapsed = clock.measure { for _ in 0..<20_000 { if rule.evaluate(bindings).isTrue { sink += 1 } } }
    print("  \(Int(nanoseconds(elapsed) / 20_000)) ns  \(rules[index])\(sink == 20_000 ? "" : "  (not true!)")")
}
