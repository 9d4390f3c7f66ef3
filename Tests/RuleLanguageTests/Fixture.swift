import Diagnostics
import Foundation
import RuleLanguage

/// A type environment and documents shaped like the loader's (DESIGN §2), built from data.
enum Fixture {
    static let environment: TypeEnvironment = {
        var environment = TypeEnvironment()
        environment.declare(EnumType(name: "InstitutionType", cases: [
            "national-bank", "local-bank", "consumer-finance", "microlender", "online-microlender", "platform",
            "private-lender",
        ]))
        environment.declare(EnumType(name: "Repayment", cases: ["equal-installment", "equal-principal", "interest-only", "bullet"]))
        environment.declare(EnumType(name: "Collection", cases: ["upfront-deduction", "at-disbursement", "with-first-installment"]))
        environment.declare(EnumType(name: "Borrower", cases: ["individual", "business"]))
        environment.declare(RecordType(name: "Capital", fields: [
            FieldDeclaration(name: "registered", type: .money),
            FieldDeclaration(name: "paid_in", type: .money),
        ]))
        environment.declare(RecordType(name: "Financials", fields: [
            FieldDeclaration(name: "as_of", type: .date),
            FieldDeclaration(name: "net_assets", type: .money, optional: true),
            FieldDeclaration(name: "tier1_capital_net", type: .money, optional: true),
            FieldDeclaration(name: "total_loans", type: .money, optional: true),
        ]))
        environment.declare(RecordType(name: "Approval", fields: [
            FieldDeclaration(name: "scope", type: .string),
            FieldDeclaration(name: "granted", type: .date),
            FieldDeclaration(name: "expires", type: .date, optional: true),
        ]))
        environment.declare(RecordType(name: "JointLending", fields: [
            FieldDeclaration(name: "partner", type: .string),
            FieldDeclaration(name: "balance", type: .money),
        ]))
        environment.declare(RecordType(name: "Institution", fields: [
            FieldDeclaration(name: "id", type: .string),
            FieldDeclaration(name: "type", type: .enumeration("InstitutionType")),
            FieldDeclaration(name: "registered_in", type: .province),
            FieldDeclaration(name: "online_only", type: .boolean),
            FieldDeclaration(name: "capital", type: .record("Capital")),
            FieldDeclaration(name: "financials", type: .record("Financials")),
            FieldDeclaration(name: "approvals", type: .list(.record("Approval"))),
            FieldDeclaration(name: "joint_lending", type: .list(.record("JointLending"))),
        ]))
        environment.declare(RecordType(name: "MoneyRange", fields: [
            FieldDeclaration(name: "min", type: .money), FieldDeclaration(name: "max", type: .money),
        ]))
        environment.declare(RecordType(name: "DurationRange", fields: [
            FieldDeclaration(name: "min", type: .duration), FieldDeclaration(name: "max", type: .duration),
        ]))
        environment.declare(RecordType(name: "Fee", fields: [
            FieldDeclaration(name: "periodic", type: .rate, optional: true),
            FieldDeclaration(name: "one_off", type: .ratio, optional: true),
            FieldDeclaration(name: "collected", type: .enumeration("Collection"), optional: true),
        ]))
        environment.declare(RecordType(name: "Pricing", fields: [
            FieldDeclaration(name: "rate", type: .rate),
            FieldDeclaration(name: "fees", type: .list(.record("Fee"))),
            FieldDeclaration(name: "disclosed_apr", type: .ratio, optional: true),
        ]))
        environment.declare(RecordType(name: "Funding", fields: [
            FieldDeclaration(name: "institution", type: .record("Institution")),
            FieldDeclaration(name: "share", type: .ratio),
        ]))
        environment.declare(RecordType(name: "LoanProduct", fields: [
            FieldDeclaration(name: "id", type: .string),
            FieldDeclaration(name: "lender", type: .record("Institution")),
            FieldDeclaration(name: "borrower", type: .enumeration("Borrower")),
            FieldDeclaration(name: "secured", type: .boolean),
            FieldDeclaration(name: "credit_line", type: .record("MoneyRange")),
            FieldDeclaration(name: "balance_cap", type: .money),
            FieldDeclaration(name: "income_cap", type: .ratio, optional: true),
            FieldDeclaration(name: "term", type: .record("DurationRange")),
            FieldDeclaration(name: "repayment", type: .enumeration("Repayment")),
            FieldDeclaration(name: "pricing", type: .record("Pricing")),
            FieldDeclaration(name: "regions", type: .list(.province)),
            FieldDeclaration(name: "funding", type: .list(.record("Funding"))),
        ]))
        environment.declare(RecordType(name: "Parameters", fields: [
            FieldDeclaration(name: "max_credit_line", type: .money),
            FieldDeclaration(name: "min_partner_share", type: .ratio),
        ]))
        environment.bind("product", to: .record("LoanProduct"))
        environment.bind("lender", to: .record("Institution"))
        environment.bind("param", to: .record("Parameters"))
        environment.bind("as_of", to: .date)
        return environment
    }()

    static func money(_ text: String) -> Value {
        guard let amount = try? UnitParser.money(text) else { fatalError("not money: \(text)") }
        return .money(amount)
    }

    static func percent(_ text: String) -> Value {
        guard let ratio = try? UnitParser.ratio(text) else { fatalError("not a ratio: \(text)") }
        return .ratio(ratio)
    }
    static func province(_ code: String) -> Value { .province(Province(code: code) ?? Province.all[0]) }
    static func enumValue(_ type: String, _ name: String) -> Value { .enumeration(EnumValue(type: type, case: name)) }

    static func institution(
        id: String, type: String, registeredIn: String = "CN-GD", onlineOnly: Bool = false,
        financials: [String: Value] = [:], approvals: [Value] = [], jointLending: [Value] = [], file: String
    ) -> Record {
        Record(type: "Institution", fields: [
            "id": .string(id), "type": enumValue("InstitutionType", type), "registered_in": province(registeredIn),
            "online_only": .boolean(onlineOnly),
            "capital": .record(Record(type: "Capital", fields: ["registered": money("42亿"), "paid_in": money("42亿")])),
            "financials": .record(Record(type: "Financials", fields: financials.merging(["as_of": .date(CivilDate(year: 2024, month: 12, day: 31) ?? CivilDate(dayNumber: 0))]) { a, _ in a },
                                         location: location(12, 3, file: file))),
            "approvals": .list(approvals), "joint_lending": .list(jointLending),
        ], locations: ["type": location(4, 7, file: file), "registered_in": location(5, 16, file: file)],
        location: location(1, 1, file: file))
    }

    static let bank = institution(id: "sz-online-bank", type: "local-bank", file: "bank.yaml")
    static let microlender = institution(id: "mlc-a", type: "microlender", financials: ["net_assets": money("20亿")],
                                         file: "mlc.yaml")
    static let platform = institution(id: "pf-x", type: "platform", file: "platform.yaml")

    /// A product lent by `lender`, co-funded 70.01% by the bank, 29.99% by the microlender.
    /// Lines of product.yaml: funding at 20–24, regions at 18, credit_line.max at 9.
    static func product(
        lender: Record = microlender, shares: [String] = ["70.01%", "29.99%"], regions: [String] = ["CN-GD", "CN-GX"],
        incomeCap: String? = nil, fees: [Value] = []
    ) -> Record {
        let funders = [bank, microlender, platform]
        let funding: [Value] = shares.enumerated().map { index, share in
            .record(Record(type: "Funding", fields: ["institution": .record(funders[index]), "share": percent(share)],
                           locations: ["share": location(21 + 2 * index, 12)], location: location(20 + 2 * index, 5)))
        }
        var fields: [String: Value] = [
            "id": .string("weili-consumer"), "lender": .record(lender), "borrower": enumValue("Borrower", "individual"),
            "secured": .boolean(false),
            "credit_line": .record(Record(type: "MoneyRange", fields: ["min": money("500"), "max": money("30万")],
                                          locations: ["min": location(9, 20), "max": location(9, 30)], location: location(9, 14))),
            "balance_cap": money("30万"),
            "term": .record(Record(type: "DurationRange", fields: ["min": .duration(.months(3)), "max": .duration(.months(24))],
                                   locations: ["max": location(11, 30)])),
            "repayment": enumValue("Repayment", "bullet"),
            "pricing": .record(Record(type: "Pricing", fields: ["rate": .rate(Rate(Ratio(decimal("0.0005")), per: .day)),
                                                                "fees": .list(fees)],
                                      location: location(14, 3))),
            "regions": .list(ListValue(regions.map(province), locations: regions.indices.map { location(18, 10 + 7 * $0) })),
            "funding": .list(ListValue(funding)),
        ]
        if let incomeCap { fields["income_cap"] = percent(incomeCap) }
        return Record(type: "LoanProduct", fields: fields,
                      locations: ["balance_cap": location(10, 14), "regions": location(18, 10), "repayment": location(13, 12)],
                      location: location(1, 1))
    }

    static func bindings(product: Record = product(), lender: Record? = nil) -> Bindings {
        var bindings = Bindings()
        bindings.bind("product", to: .record(product))
        if case .record(let productLender)? = product["lender"] { bindings.bind("lender", to: .record(lender ?? productLender)) }
        bindings.bind("param", to: .record(Record(type: "Parameters", fields: [
            "max_credit_line": money("20万"), "min_partner_share": percent("30%"),
        ], location: location(3, 1, file: "pack.yaml"))))
        bindings.bind("as_of", to: .date(CivilDate(year: 2025, month: 11, day: 22) ?? CivilDate(dayNumber: 0)))
        return bindings
    }

    /// Compiles `text` as a rule on line 7 of `pack.yaml`, column 14, against the fixture environment.
    static func compile(_ text: String) throws(DiagnosticList) -> CompiledExpression {
        try RuleExpression.compile(text, origin: EmbeddedTextOrigin(file: "pack.yaml", line: 7, column: 14),
                                   environment: environment)
    }

    static func evaluate(_ text: String, _ bindings: Bindings = bindings()) -> Evaluation {
        do {
            return try compile(text).evaluate(bindings)
        } catch {
            return .error(error.diagnostics.first ?? Diagnostic.error("?", at: nil))
        }
    }
}
