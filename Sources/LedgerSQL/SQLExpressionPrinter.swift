import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan
import LoanDomain
import RuleLanguage

/// A rule the SQL engines cannot run: an error at the rule's line, as the stream engine gives.
struct SQLRuleProblem: Sendable {
    let rule: Rule

    func problem(_ message: String) -> DiagnosticList {
        DiagnosticList([.error("rule \(rule.id): the SQL engines cannot run \(message)", at: rule.location,
                               hint: "the stream engine (--engine stream) refuses it as well; rewrite the rule")])
    }
}

/// Where an expression is evaluated: which relation holds the row, and which aliases hold the
/// institutions it reads. The query builders join what the printer says it used (`SQLQueryNeeds`).
enum SQLScope: Sendable {
    /// A loan (`lc_loan AS l`): Loan rules.
    case loan
    /// One funding of the loan inside `all` / `any` / `count` over `loan.fundings` (`lc_pos AS e`).
    case element
    /// A position of a group rule (`lc_pos AS p`): `where:` and the aggregated value.
    case position
    /// A group's key (`applies_to:` and the bound): key institutions `k0`, `k1`, ….
    case group

    var row: String {
        switch self {
        case .loan: "l"
        case .element: "e"
        case .position: "p"
        case .group: "g"
        }
    }

    var lenderInstitution: String { row + "_lender" }
    var funderInstitution: String { row + "_funder" }
}

/// What an expression read beyond its row: the query that evaluates it joins these.
struct SQLQueryNeeds: Sendable {
    /// A range join on a parameter's history (`on(param.x, date)`).
    struct History: Sendable {
        let alias: String
        let table: String
        let day: String
    }

    var lenderInstitution = false
    var funderInstitution = false
    var histories: [History] = []
    /// Aggregates over the loan's fundings, computed per loan in `lc_q` (column, aggregate).
    var quantifiers: [(column: String, aggregate: String)] = []
    /// What the quantifier bodies read: the joins of `lc_q`.
    var elementLenderInstitution = false
    var elementFunderInstitution = false
    var elementHistories: [History] = []

    mutating func merge(_ other: SQLQueryNeeds) {
        lenderInstitution = lenderInstitution || other.lenderInstitution
        funderInstitution = funderInstitution || other.funderInstitution
        histories += other.histories
        quantifiers += other.quantifiers
        elementLenderInstitution = elementLenderInstitution || other.elementLenderInstitution
        elementFunderInstitution = elementFunderInstitution || other.elementFunderInstitution
        elementHistories += other.elementHistories
    }
}

/// Prints the ledger plan's conditions and values as SQL with the rule language's three-valued logic:
/// an absent value is SQL `NULL`, and `AND`, `OR`, `NOT`, `IN`, comparisons and `CASE` give Kleene's
/// logic in every dialect, which is the rule language's. What the stream engine refuses (free text
/// compared, a rate per period, a duration) the printer refuses too, at the rule's line.
struct SQLExpressionPrinter {
    let dialect: SQLDialect
    let request: LedgerRequest
    let entry: LedgerRequest.RuleEntry
    /// The rule's index in the request: names its aliases and columns apart from other rules'.
    let tag: Int
    var institutionColumns: SQLInstitutionColumns
    var histories: SQLParameterHistories

    var reporter: SQLRuleProblem { SQLRuleProblem(rule: entry.rule) }

    func problem(_ message: String) -> DiagnosticList { reporter.problem(message) }

    // MARK: - Conditions

    mutating func condition(_ condition: LedgerCondition, _ scope: SQLScope, _ needs: inout SQLQueryNeeds) throws(DiagnosticList) -> String {
        switch condition {
        case .constant(let flag):
            return flag ? "TRUE" : "FALSE"
        case .value(let value):
            let fragment = try self.value(value, scope, &needs)
            guard fragment.kind == .boolean else { throw problem("a condition that is not true or false") }
            return fragment.sql
        case .compare(let op, let left, let right):
            let l = try value(left, scope, &needs)
            let r = try value(right, scope, &needs)
            return comparison(op, l, r)
        case .member(let needle, let options, let negated):
            let n = try value(needle, scope, &needs)
            var printed: [String] = []
            for option in options { printed.append(try value(option, scope, &needs).sql) }
            // An absent needle is unknown even against no options, as in the stream engine.
            guard !printed.isEmpty else { return "(CASE WHEN \(n.sql) IS NULL THEN CAST(NULL AS BOOLEAN) ELSE \(negated ? "TRUE" : "FALSE") END)" }
            return "(\(n.sql) \(negated ? "NOT IN" : "IN") (\(printed.joined(separator: ", "))))"
        case .present(let value):
            return "(\(try self.value(value, scope, &needs).sql) IS NOT NULL)"
        case .not(let operand):
            return "(NOT \(try self.condition(operand, scope, &needs)))"
        case .and(let left, let right):
            return "(\(try self.condition(left, scope, &needs)) AND \(try self.condition(right, scope, &needs)))"
        case .or(let left, let right):
            return "(\(try self.condition(left, scope, &needs)) OR \(try self.condition(right, scope, &needs)))"
        case .conditional(let test, let whenTrue, let whenFalse):
            let c = try self.condition(test, scope, &needs)
            let t = try self.condition(whenTrue, scope, &needs)
            let e = try self.condition(whenFalse, scope, &needs)
            return "(CASE WHEN \(c) THEN \(t) WHEN NOT \(c) THEN \(e) END)"
        case .fundings(let all, let body):
            let printed = try quantifierBody(body, scope)
            // all: false if one is false, else unknown if one is unknown, else true (any: the dual).
            let decisive = all ? "FALSE" : "TRUE"
            let aggregate = "CASE WHEN SUM(CASE WHEN \(printed) = \(decisive) THEN 1 ELSE 0 END) > 0 THEN \(decisive) "
                + "WHEN SUM(CASE WHEN \(printed) IS NULL THEN 1 ELSE 0 END) > 0 THEN CAST(NULL AS BOOLEAN) "
                + "ELSE \(all ? "TRUE" : "FALSE") END"
            return quantifier(aggregate, scope, &needs)
        }
    }

    /// `l op r` where the stream engine would compare: numbers and days in order, text and booleans
    /// for equality only (an ordering of text is unknown there, and here).
    func comparison(_ op: BinaryOperator, _ l: SQLFragment, _ r: SQLFragment) -> String {
        let symbol: String
        switch op {
        case .equal: symbol = "="
        case .notEqual: symbol = "<>"
        case .less: symbol = "<"
        case .lessEqual: symbol = "<="
        case .greater: symbol = ">"
        case .greaterEqual: symbol = ">="
        default: return "CAST(NULL AS BOOLEAN)"
        }
        let ordered: Bool
        switch (l.kind, r.kind) {
        case (.number, .number), (.day, .day): ordered = true
        default: ordered = false
        }
        if !ordered, op != .equal, op != .notEqual { return "CAST(NULL AS BOOLEAN)" }
        if l.kind != r.kind, !ordered {
            // Values of different kinds are never equal (the stream engine's `order` is nil for them).
            return "(CASE WHEN \(l.sql) IS NULL OR \(r.sql) IS NULL THEN CAST(NULL AS BOOLEAN) ELSE \(op == .notEqual ? "TRUE" : "FALSE") END)"
        }
        if case .number = l.kind, case .number = r.kind {
            // One explicit type on both sides: Spark compares decimals of different scales in a common
            // type it may round (a sum at 12 decimals against a bound at 1 lost the fen).
            let scale = max(l.scale, r.scale)
            return "(\(dialect.widened(l.sql, scale: scale)) \(symbol) \(dialect.widened(r.sql, scale: scale)))"
        }
        return "(\(l.sql) \(symbol) \(r.sql))"
    }

    // MARK: - Values

    mutating func value(_ value: LedgerValue, _ scope: SQLScope, _ needs: inout SQLQueryNeeds) throws(DiagnosticList) -> SQLFragment {
        switch value {
        case .constant(let constant):
            guard let fragment = SQLLiteral.value(constant, dialect: dialect) else { throw problem("the constant \(constant)") }
            return fragment
        case .loan(let field):
            return try loanField(field, scope)
        case .funding(let field):
            let row: String
            switch scope {
            case .element, .position: row = scope.row
            case .loan, .group: throw problem("a funding field outside all/any/count over loan.fundings or a position")
            }
            switch field {
            case .institution: return SQLFragment("\(row).funder", kind: .text)
            case .share: return SQLFragment("\(row).share", kind: .number(scale: 10))
            case .funded: return SQLFragment("\(row).funded", kind: .number(scale: 12))
            }
        case .institution(let reference, let path, let type):
            let column = try institutionColumns.column(path, type: type, institutions: request.institutions, printer: reporter)
            switch reference {
            case .lender:
                guard scope != .group else { throw problem("a lender field in a group's key expression") }
                needs.lenderInstitution = true
                return SQLFragment("\(scope.lenderInstitution).\(column.name)", kind: column.kind)
            case .funder:
                guard scope == .element || scope == .position else { throw problem("a funder field outside a funding") }
                needs.funderInstitution = true
                return SQLFragment("\(scope.funderInstitution).\(column.name)", kind: column.kind)
            case .key(let index):
                guard scope == .group else { throw problem("a key field outside a group's applies_to or bound") }
                return SQLFragment("k\(index).\(column.name)", kind: column.kind)
            }
        case .parameter(let name, _):
            guard let parameter = entry.pack.parameters.first(where: { $0.name == name }) else {
                throw problem("the unknown parameter \(name)")
            }
            guard let current = parameter.value(at: request.asOf) else {
                return SQLLiteral.null(try histories.kind(of: parameter, printer: reporter), dialect: dialect)
            }
            guard let fragment = SQLLiteral.value(current.value, dialect: dialect) else { throw problem("parameter \(name)") }
            return fragment
        case .parameterOn(let name, _, let date):
            guard let parameter = entry.pack.parameters.first(where: { $0.name == name }) else {
                throw problem("the unknown parameter \(name)")
            }
            let day = try self.value(date, scope, &needs)
            guard day.kind == .day else { throw problem("on(param.\(name), …) with a value that is not a date") }
            let table = try histories.table(for: parameter, pack: entry.pack, printer: reporter)
            let alias = "\(scope.row)_h\(tag)_\(historyAliases)"
            historyAliases += 1
            needs.histories.append(SQLQueryNeeds.History(alias: alias, table: table.name, day: day.sql))
            return SQLFragment("\(alias).value", kind: table.kind)
        case .asOf:
            return SQLLiteral.day(request.asOf)
        case .arithmetic(let op, let left, let right, _):
            let l = try self.value(left, scope, &needs)
            let r = try self.value(right, scope, &needs)
            guard case .number = l.kind, case .number = r.kind else { throw problem("arithmetic on values that are not numbers") }
            let left = dialect.widened(l.sql, scale: l.scale)
            let right = dialect.widened(r.sql, scale: r.scale)
            switch op {
            case .add: return SQLFragment("(\(left) + \(right))", kind: .number(scale: max(l.scale, r.scale)))
            case .subtract: return SQLFragment("(\(left) - \(right))", kind: .number(scale: max(l.scale, r.scale)))
            case .multiply:
                let product = "(\(left) * \(right))"
                let scale = l.scale + r.scale
                guard scale > FixedPoint.scale else { return SQLFragment(product, kind: .number(scale: scale)) }
                // The stream engine holds 12 decimals and calls a product with more "cannot evaluate":
                // keep it only when it is exact at 12.
                let narrowed = "CAST(\(product) AS \(dialect.decimal(scale: FixedPoint.scale)))"
                return SQLFragment("(CASE WHEN \(narrowed) = \(product) THEN \(narrowed) END)", kind: .number(scale: FixedPoint.scale))
            default: throw problem("the operator \(op)")
            }
        case .fundingCount(let filter):
            guard let filter else {
                guard scope != .group, scope != .element else { throw problem("count(loan.fundings) here") }
                return SQLFragment("CAST(\(scope.row).n_funders AS \(dialect.decimal(precision: 18, scale: 0)))", kind: .number(scale: 0))
            }
            let printed = try quantifierBody(filter, scope)
            let aggregate = "CASE WHEN SUM(CASE WHEN \(printed) IS NULL THEN 1 ELSE 0 END) > 0 THEN CAST(NULL AS \(dialect.decimal(precision: 18, scale: 0))) "
                + "ELSE CAST(SUM(CASE WHEN \(printed) THEN 1 ELSE 0 END) AS \(dialect.decimal(precision: 18, scale: 0))) END"
            return SQLFragment(quantifier(aggregate, scope, &needs), kind: .number(scale: 0))
        case .aggregate:
            throw problem("an aggregate outside a group's require")
        case .keyText:
            throw problem("a text key part in a comparison")
        }
    }

    private func loanField(_ field: LoanField, _ scope: SQLScope) throws(DiagnosticList) -> SQLFragment {
        guard scope != .group else { throw problem("a loan field in a group's key expression") }
        let row = scope.row
        switch field {
        case .borrowerType, .purpose, .product, .region: return SQLFragment("\(row).\(field.rawValue)", kind: .text)
        case .secured: return SQLFragment("\(row).secured", kind: .boolean)
        case .isJoint: return SQLFragment("(\(row).n_funders >= 2)", kind: .boolean)
        case .contractDate, .disbursedOn: return SQLFragment("\(row).\(field.rawValue)", kind: .day)
        case .principal, .balance, .creditLine: return SQLFragment("\(row).\(field.rawValue)", kind: .number(scale: 2))
        case .apr: return SQLFragment("\(row).apr", kind: .number(scale: 10))
        case .loanId, .borrowerId, .borrowerGroup:
            throw problem("a comparison of loan.\(field.rawValue) (free text)")
        }
    }

    /// A quantifier's body, printed over one funding of the loan (`e`).
    private mutating func quantifierBody(_ body: LedgerCondition, _ scope: SQLScope) throws(DiagnosticList) -> String {
        guard scope == .loan || scope == .position else { throw problem("all/any/count over loan.fundings inside another") }
        var inner = SQLQueryNeeds()
        let printed = try condition(body, .element, &inner)
        guard inner.quantifiers.isEmpty else { throw problem("all/any/count over loan.fundings inside another") }
        pendingElementNeeds.append(inner)
        return printed
    }

    /// History joins printed so far (their aliases are numbered across the rule).
    private var historyAliases = 0

    /// The element needs of quantifier bodies printed since the last `quantifier(…)`.
    private var pendingElementNeeds: [SQLQueryNeeds] = []

    /// Registers a per-loan aggregate and returns the column that holds it.
    private mutating func quantifier(_ aggregate: String, _ scope: SQLScope, _ needs: inout SQLQueryNeeds) -> String {
        for inner in pendingElementNeeds {
            needs.elementLenderInstitution = needs.elementLenderInstitution || inner.lenderInstitution
            needs.elementFunderInstitution = needs.elementFunderInstitution || inner.funderInstitution
            needs.elementHistories += inner.histories
        }
        pendingElementNeeds = []
        let column = "q\(tag)_\(quantifierColumns)"
        quantifierColumns += 1
        needs.quantifiers.append((column, aggregate))
        return "\(scope.row)_q.\(column)"
    }

    /// Quantifier columns registered so far.
    private var quantifierColumns = 0

    init(dialect: SQLDialect, request: LedgerRequest, entry: LedgerRequest.RuleEntry, tag: Int,
         institutionColumns: SQLInstitutionColumns, histories: SQLParameterHistories) {
        self.dialect = dialect
        self.tag = tag
        self.request = request
        self.entry = entry
        self.institutionColumns = institutionColumns
        self.histories = histories
    }
}
