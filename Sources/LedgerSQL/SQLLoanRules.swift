import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan

/// Every Loan rule in one scan of the loans: `lc_loanres` holds, per loan, each rule's status (`pass`,
/// `fail`, `cannot`; NULL where the rule does not bind the loan or does not apply) and severity.
struct SQLLoanRules {
    struct Compiled: Sendable {
        /// Request index of each rule, in column order (`s<i>`, `v<i>`).
        let rules: [Int]
        let query: String
        let needs: SQLQueryNeeds
    }

    static func compile(_ request: LedgerRequest, dialect: SQLDialect, institutions: inout SQLInstitutionColumns,
                        histories: inout SQLParameterHistories) throws(DiagnosticList) -> Compiled {
        var columns = ["l.loan_id", "l.lender", "l.file_no", "l.row_no"]
        var needs = SQLQueryNeeds()
        var rules: [Int] = []
        var problems: [Diagnostic] = []
        for (index, entry) in request.rules.enumerated() {
            guard case .loan(let plan) = entry.plan, entry.rule.effective <= request.asOf else { continue }
            var printer = SQLExpressionPrinter(dialect: dialect, request: request, entry: entry, tag: index,
                                               institutionColumns: institutions, histories: histories)
            do {
                var ruleNeeds = SQLQueryNeeds()
                let day = "l.\(plan.binds.rawValue)"
                let applies = try plan.appliesTo.map { condition throws(DiagnosticList) in
                    try printer.condition(condition, .loan, &ruleNeeds)
                }
                let require = try printer.condition(plan.require, .loan, &ruleNeeds)
                let escalate = try plan.escalate.map { condition throws(DiagnosticList) in
                    try printer.condition(condition, .loan, &ruleNeeds)
                }
                var status = "CASE WHEN NOT \(SQLRegime.binds(entry.rule, day: day)) THEN NULL"
                if let applies {
                    status += " WHEN \(applies) = FALSE THEN NULL WHEN \(applies) IS NULL THEN 'cannot'"
                }
                status += " WHEN \(require) THEN 'pass' WHEN \(require) IS NULL THEN 'cannot' ELSE 'fail' END"
                let plain = SQLRegime.severity(entry, day: day, escalated: false, dialect: dialect)
                var severity = plain
                if let escalate {
                    let raised = SQLRegime.severity(entry, day: day, escalated: true, dialect: dialect)
                    // Escalated only on a known failure (not "cannot evaluate") whose stricter requirement is
                    // known to fail too.
                    let known = applies.map { "(\($0)) IS NOT NULL AND " } ?? ""
                    severity = "CASE WHEN \(known)(\(require)) = FALSE AND (\(escalate)) = FALSE THEN \(raised) ELSE \(plain) END"
                }
                columns.append("\(status) AS s\(index)")
                columns.append("\(severity) AS v\(index)")
                needs.merge(ruleNeeds)
                rules.append(index)
                institutions = printer.institutionColumns
                histories = printer.histories
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        let query = "SELECT " + columns.joined(separator: ",\n  ") + "\nFROM lc_loan l" + SQLJoins.clauses(needs, scope: .loan)
        return Compiled(rules: rules, query: query, needs: needs)
    }
}
