import ArgumentParser
import Compliance
import Diagnostics
import LoanDomain
import RuleLanguage
import FoundationEssentials

/// `loancheck apr FILE…`: the APR computation of each product, with its schedule (DESIGN §3).
struct AprCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apr",
        abstract: "Show each product's all-in APR (IRR method), effective annual rate and simple rate, with the schedule.")

    @Argument(help: "Product files or directories (lenders need not be loaded).")
    var paths: [String]

    @Flag(name: .customLong("no-schedule"), help: "Print the three rates only.")
    var noSchedule = false

    @Option(name: .customLong("rules"), help: "Extra rules directories.")
    var rulesDirectories: [String] = []

    func run() throws {
        let rules = try CommandSupport.loadRules(extra: rulesDirectories)
        let outcome = try CommandSupport.loadDocuments(paths, schema: rules.schema, requireReferences: false)
        let products = outcome.documents.products
        guard !products.isEmpty else { throw CommandSupport.usageError("no LoanProduct in \(paths.joined(separator: ", "))") }
        var out = ""
        var failed = false
        for product in products {
            let name = if case .string(let text)? = product["name"] { text } else { "" }
            out += DisplayText.safe("\(product.id) \(name) (\(product.file))") + "\n"
            switch AprInputBuilder.input(for: product.record) {
            case .failure(let problem):
                out += "  cannot compute the APR: \(problem.message)\n\n"
                failed = true
            case .success(let input):
                do {
                    let result = try AprCalculator.compute(input)
                    out += AprTable(input: input, result: result).render(schedule: !noSchedule)
                } catch {
                    out += "  cannot compute the APR: \(error.message)\n\n"
                    failed = true
                }
            }
        }
        try FileOutput.standardOutput.write(out)
        if failed { throw ExitCode(ExitStatus.invalidInput) }
    }
}

/// The text of one product's APR computation.
struct AprTable {
    let input: AprInput
    let result: AprResult

    func render(schedule: Bool) -> String {
        var out = "  reference loan: \(NumberFormat.money(input.principal)), \(termText), \(input.repayment.rawValue), "
        out += "rate \(NumberFormat.percent(input.rate.value)) per \(input.rate.period.rawValue)"
        out += input.fees.isEmpty ? "\n" : ", \(input.fees.count) fee\(input.fees.count == 1 ? "" : "s")\n"
        out += "  APR (IRR × \(ExactDecimal.format(result.periodsPerYear, fractionDigits: 4).trimmedZeros) periods/year): \(percent(result.nominalApr))\n"
        out += "  effective annual rate: \(percent(result.effectiveAnnualRate))\n"
        out += "  simple rate: \(percent(result.simpleRate))\n"
        out += "  net proceeds: \(money(result.netProceeds)); total interest \(money(result.totalInterest)), fees \(money(result.totalFees))\n"
        guard schedule else { return out + "\n" }
        let header = ["period", "principal", "interest", "fees", "payment", "outstanding"]
        var rows = [header]
        for row in result.schedule {
            rows.append([String(row.period), money(row.principal), money(row.interest), money(row.fees), money(row.payment),
                         money(row.outstandingAfter)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            out += "  " + row.enumerated().map { column, text in
                String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  ") + "\n"
            if index == 0 { out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out + "\n"
    }

    private var termText: String {
        switch input.term {
        case .months(let count): "\(count) months"
        case .days(let count): "\(count) days"
        }
    }

    private func percent(_ value: Decimal) -> String { ExactDecimal.format(value * 100, fractionDigits: 2) + "%" }
    private func money(_ value: Decimal) -> String { ExactDecimal.format(value, fractionDigits: 2) }
}

extension String {
    /// `12.0000` → `12`, `4.0556` stays.
    var trimmedZeros: String {
        guard contains(".") else { return self }
        var text = self
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
