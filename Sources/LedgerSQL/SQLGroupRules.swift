import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan

/// A LoanGroup rule as three relations: its positions with their keys (`lc_gp<i>`, a view: the
/// contributor query reads it again), its groups (`lc_g<i>`: count, aggregate of the known positions,
/// whether one was unknown), and each group classified against its bound (`lc_gr<i>`).
///
/// The stream engine's rules, exactly: a position whose `where:` is false stays out; one whose `where:`
/// or value is unknown still makes its group, and makes it "cannot evaluate".
struct SQLGroupRules {
    struct Compiled: Sendable {
        let index: Int
        let positions: String
        let groups: String
        let classified: String
        let keyParts: Int
        let severity: String
        let usesPartners: Bool
    }

    static func compile(_ index: Int, _ plan: GroupRulePlan, request: LedgerRequest, dialect: SQLDialect,
                        institutions: inout SQLInstitutionColumns, histories: inout SQLParameterHistories,
                        quantifiers: inout SQLQueryNeeds) throws(DiagnosticList) -> Compiled? {
        let entry = request.rules[index]
        guard Regime.isInForce(entry.rule, on: request.asOf) else { return nil }
        var printer = SQLExpressionPrinter(dialect: dialect, request: request, entry: entry, tag: index,
                                           institutionColumns: institutions, histories: histories)
        defer {
            institutions = printer.institutionColumns
            histories = printer.histories
        }
        // Positions.
        var needs = SQLQueryNeeds()
        let filter = try plan.filter.map { condition throws(DiagnosticList) in try printer.condition(condition, .position, &needs) }
        let countFilter = try plan.aggregate.filter.map { condition throws(DiagnosticList) in
            try printer.condition(condition, .position, &needs)
        }
        let value = try plan.aggregate.value.map { value throws(DiagnosticList) in try printer.value(value, .position, &needs) }
        var keys: [String] = []
        var usesPartners = false
        for part in plan.keys {
            switch part.kind {
            case .funder: keys.append("p.funder")
            case .lender: keys.append("p.lender")
            case .borrower: keys.append("p.borrower_id")
            case .borrowerGroup: keys.append("p.borrower_group")
            case .partnerGroup:
                keys.append("pp.partner_group")
                usesPartners = true
            }
        }
        guard !keys.isEmpty else { throw printer.problem("a group rule without group_by") }
        var conditions: [String] = []
        if let filter { conditions.append("COALESCE(\(filter), TRUE)") }
        if let countFilter { conditions.append("COALESCE(\(countFilter), TRUE)") }
        var known: [String] = []
        if let filter { known.append("COALESCE(\(filter), FALSE)") }
        if let countFilter { known.append("(\(countFilter)) IS NOT NULL") }
        if let value { known.append("(\(value.sql)) IS NOT NULL") }
        let knownSQL = known.isEmpty ? "TRUE" : known.joined(separator: " AND ")
        let keyText = keys.joined(separator: " || '/' || ")
        var columns = ["p.loan_id", "p.funded", "(\(keyText)) AS k", "(\(knownSQL)) AS known"]
        columns += keys.enumerated().map { "\($1) AS kp\($0)" }
        columns.append("\(value?.sql ?? "CAST(NULL AS \(dialect.decimal(scale: 12)))") AS v")
        var positions = "SELECT " + columns.joined(separator: ",\n  ") + "\nFROM lc_pos p"
        if usesPartners { positions += "\nJOIN lc_partner pp ON pp.loan_id = p.loan_id AND pp.funder = p.funder" }
        positions += SQLJoins.clauses(needs, scope: .position)
        if !conditions.isEmpty { positions += "\nWHERE " + conditions.joined(separator: " AND ") }
        quantifiers.merge(SQLQueryNeeds(quantifiers: needs.quantifiers, elementLenderInstitution: needs.elementLenderInstitution,
                                        elementFunderInstitution: needs.elementFunderInstitution,
                                        elementHistories: needs.elementHistories))

        // Groups.
        let keyColumns = (0..<keys.count).map { "kp\($0)" }
        var aggregate: String
        switch plan.aggregate.function {
        case .sum: aggregate = "SUM(CASE WHEN known THEN v END)"
        case .min: aggregate = "MIN(CASE WHEN known THEN v END)"
        case .max: aggregate = "MAX(CASE WHEN known THEN v END)"
        case .count: aggregate = "CAST(COUNT(*) AS \(dialect.decimal(precision: 18, scale: 0)))"
        }
        if plan.aggregate.function == .sum {
            // A group whose positions are all unknown sums to 0, as the stream engine's does.
            aggregate = "COALESCE(\(aggregate), CAST(0 AS \(dialect.decimal(precision: 18, scale: 0))))"
        }
        let groups = "SELECT k, " + keyColumns.joined(separator: ", ") + ", COUNT(*) AS n, \(aggregate) AS actual, "
            + "MAX(CASE WHEN known THEN 0 ELSE 1 END) AS unknown\nFROM lc_gp\(index)\nGROUP BY k, " + keyColumns.joined(separator: ", ")

        // Classified against the bound.
        var groupNeeds = SQLQueryNeeds()
        let applies = try plan.appliesTo.map { condition throws(DiagnosticList) in try printer.condition(condition, .group, &groupNeeds) }
        let bound = try printer.value(plan.bound, .group, &groupNeeds)
        guard case .number = bound.kind else { throw printer.problem("a bound that is not a number") }
        let actual = SQLFragment("g.actual", kind: .number(scale: 12))
        var status = "CASE"
        if let applies { status += " WHEN \(applies) = FALSE THEN NULL WHEN \(applies) IS NULL THEN 'cannot-applies'" }
        status += " WHEN g.unknown = 1 THEN 'cannot-position' WHEN \(bound.sql) IS NULL THEN 'cannot-bound'"
        status += " WHEN \(printer.comparison(plan.comparison, actual, bound)) THEN 'pass' ELSE 'fail' END"
        var classified = "SELECT g.k, " + keyColumns.map { "g.\($0)" }.joined(separator: ", ")
            + ", g.n, g.actual, \(bound.sql) AS bound, \(status) AS status\nFROM lc_g\(index) g"
        for (partIndex, part) in plan.keys.enumerated() where part.kind != .borrower && part.kind != .borrowerGroup {
            classified += "\nLEFT JOIN lc_inst k\(partIndex) ON k\(partIndex).id = g.kp\(partIndex)"
        }
        let severity = Regime.severity(entry.rule.severity, rule: entry.rule, packStatus: entry.pack.status, on: request.asOf).0
        return Compiled(index: index, positions: positions, groups: groups, classified: classified, keyParts: keys.count,
                        severity: severity.rawValue, usesPartners: usesPartners)
    }

    /// `lc_partner`: for each position, the affiliate group of each other funder of its loan, once.
    static let partners = """
        SELECT DISTINCT a.loan_id, a.funder, i.affiliate_group AS partner_group
        FROM lc_pos a
        JOIN lc_pos b ON b.loan_id = a.loan_id AND b.funder <> a.funder
        JOIN lc_inst i ON i.id = b.funder
        """
}
