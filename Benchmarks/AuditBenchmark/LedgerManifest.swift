/// `expected.json` of a generated tape: per rule the totals an audit at 2026-11-22 must report
/// (`summary.byRule`: error, warning, cannotEvaluate), every injected loan and group case with its
/// `loan_id`, line and expected outcome, and the ids of the background's counted violations.
struct LedgerManifest {
    let rows: Int
    let injections: LedgerInjections
    /// The row of each injected loan.
    let positions: [Int]
    /// Background violations: rule → rows.
    let background: [(rule: String, rows: [Int])]

    /// The expected totals of each rule: error, warning, cannot evaluate.
    func totals() -> [String: (error: Int, warning: Int, cannotEvaluate: Int)] {
        var totals = Dictionary(uniqueKeysWithValues: LedgerInjections.rules.map { ($0, (error: 0, warning: 0, cannotEvaluate: 0)) })
        func count(_ rule: String, _ outcome: LedgerInjections.Outcome) {
            switch outcome {
            case .error: totals[rule]?.error += 1
            case .warning: totals[rule]?.warning += 1
            case .cannotEvaluate: totals[rule]?.cannotEvaluate += 1
            default: break
            }
        }
        for loan in injections.loans {
            for check in loan.checks { count(check.rule, check.outcome) }
        }
        for group in injections.groups { count(group.rule, group.outcome) }
        for (rule, rows) in background { totals[rule]?.error += rows.count }
        return totals
    }

    func json() -> String {
        var text = "{\n  \"generator\": \"AuditBenchmark generate-ledger \(rows) DIR\",\n  \"rows\": \(rows),\n"
        text += "  \"schemaAsOf\": \"2026-10-31\",\n  \"auditAsOf\": \"\(LedgerTapeGenerator.auditAsOf)\",\n"
        text += "  \"note\": \"totals are summary.byRule of loancheck audit DIR --as-of \(LedgerTapeGenerator.auditAsOf); "
        text += "outcomes other than error, warning and cannot-evaluate produce no finding\",\n"
        let totals = totals()
        text += "  \"totals\": {\n"
        text += LedgerInjections.rules.map { rule in
            let total = totals[rule] ?? (0, 0, 0)
            return "    \"\(rule)\": {\"error\": \(total.error), \"warning\": \(total.warning), \"cannotEvaluate\": \(total.cannotEvaluate)}"
        }.joined(separator: ",\n")
        text += "\n  },\n  \"loans\": [\n"
        var loanCases: [String] = []
        for (index, loan) in injections.loans.enumerated() {
            for check in loan.checks {
                loanCases.append("    {\"rule\": \"\(check.rule)\", \"outcome\": \"\(check.outcome.rawValue)\", \(place(positions[index])), "
                    + "\"why\": \(Self.quoted(check.why))}")
            }
        }
        text += loanCases.joined(separator: ",\n")
        text += "\n  ],\n  \"groups\": [\n"
        text += injections.groups.map { group in
            let key = group.key.map { "\(Self.quoted($0.0)): \(Self.quoted($0.1))" }.joined(separator: ", ")
            let loans = group.loans.map { "{\(place(positions[$0]))}" }.joined(separator: ", ")
            return "    {\"rule\": \"\(group.rule)\", \"outcome\": \"\(group.outcome.rawValue)\", \"key\": {\(key)}, \"sum\": \"\(group.sum)\", "
                + "\"bound\": \"\(group.bound)\", \"loans\": [\(loans)], \"why\": \(Self.quoted(group.why))}"
        }.joined(separator: ",\n")
        text += "\n  ],\n  \"background\": {\n"
        text += background.map { rule, rows in
            "    \"\(rule)\": [" + rows.map { "\"\(LedgerTapeGenerator.loanId($0))\"" }.joined(separator: ", ") + "]"
        }.joined(separator: ",\n")
        text += "\n  }\n}\n"
        return text
    }

    /// `"loan_id": …, "line": …` of a row (the header is line 1).
    private func place(_ row: Int) -> String { "\"loan_id\": \"\(LedgerTapeGenerator.loanId(row))\", \"line\": \(row + 2)" }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
