/// The joins a query needs for what its expressions read (`SQLQueryNeeds`): institutions by id, the
/// per-loan quantifier aggregates by loan, parameter histories by a range of days.
enum SQLJoins {
    static func clauses(_ needs: SQLQueryNeeds, scope: SQLScope) -> String {
        var joins: [String] = []
        let row = scope.row
        if needs.lenderInstitution {
            joins.append("LEFT JOIN lc_inst \(scope.lenderInstitution) ON \(scope.lenderInstitution).id = \(row).lender")
        }
        if needs.funderInstitution {
            joins.append("LEFT JOIN lc_inst \(scope.funderInstitution) ON \(scope.funderInstitution).id = \(row).funder")
        }
        if !needs.quantifiers.isEmpty {
            joins.append("LEFT JOIN lc_q \(row)_q ON \(row)_q.loan_id = \(row).loan_id")
        }
        for history in needs.histories {
            joins.append(historyJoin(history))
        }
        return joins.map { "\n" + $0 }.joined()
    }

    static func historyJoin(_ history: SQLQueryNeeds.History) -> String {
        "LEFT JOIN \(history.table) \(history.alias) ON \(history.alias).from_day <= \(history.day) AND \(history.day) < \(history.alias).until_day"
    }

    /// `lc_q`: every quantifier of every rule, one row per loan with fundings rows (a loan without is
    /// its lender's 100%, also in `lc_pos`).
    static func quantifierRelation(_ needs: SQLQueryNeeds) -> String? {
        guard !needs.quantifiers.isEmpty else { return nil }
        var element = SQLQueryNeeds()
        element.lenderInstitution = needs.elementLenderInstitution
        element.funderInstitution = needs.elementFunderInstitution
        element.histories = needs.elementHistories
        let columns = needs.quantifiers.map { "\($0.aggregate) AS \($0.column)" }
        return "SELECT e.loan_id, " + columns.joined(separator: ",\n  ") + "\nFROM lc_pos e"
            + clauses(element, scope: .element) + "\nGROUP BY e.loan_id"
    }
}
