import Compliance
import Diagnostics
import LedgerAudit
import LoanDomain
import RuleLanguage

/// The institution fields the rules read, as columns of one inline table `lc_inst` (a row per loaded
/// institution: its id, its affiliate group and each field used). An absent field is `NULL`, so a rule
/// reading it cannot be evaluated rather than passing.
struct SQLInstitutionColumns: Sendable {
    struct Column: Sendable {
        let name: String
        let path: [String]
        let kind: SQLFragment.Kind
        /// Each institution's value, in `request.institutions` order (nil: absent).
        let values: [FixedValue?]
    }

    /// A field's value, exact and ready to print.
    enum FixedValue: Sendable {
        case number(FixedPoint)
        case day(CivilDate)
        case boolean(Bool)
        case text(String)
    }

    private(set) var columns: [Column] = []

    /// The column of `path`, added on first use.
    mutating func column(_ path: [String], type: ValueType, institutions: [LoadedDocument],
                         printer: SQLRuleProblem) throws(DiagnosticList) -> Column {
        if let existing = columns.first(where: { $0.path == path }) { return existing }
        var values: [FixedValue?] = []
        var scale = 0
        for institution in institutions {
            guard let value = InstitutionFields.value(path, of: institution) else {
                values.append(nil)
                continue
            }
            guard let fixed = Self.fixed(value) else {
                throw printer.problem("institution field \(path.joined(separator: ".")) of \(institution.id)")
            }
            if case .number(let number) = fixed { scale = max(scale, SQLLiteral.decimalDigits(number).scale) }
            values.append(fixed)
        }
        let kind: SQLFragment.Kind
        switch type {
        case .boolean: kind = .boolean
        case .integer, .decimal, .money, .ratio: kind = .number(scale: scale)
        case .date: kind = .day
        case .province, .string, .enumeration: kind = .text
        default: throw printer.problem("institution field \(path.joined(separator: ".")) of type \(type)")
        }
        let column = Column(name: "f\(columns.count)", path: path, kind: kind, values: values)
        columns.append(column)
        return column
    }

    static func fixed(_ value: Value) -> FixedValue? {
        switch value {
        case .boolean(let flag): .boolean(flag)
        case .integer(let number): .number(FixedPoint(number))
        case .decimal(let number), .money(let number): FixedPoint(exactly: number).map(FixedValue.number)
        case .ratio(let ratio): FixedPoint(exactly: ratio.value).map(FixedValue.number)
        case .date(let date): .day(date)
        case .province(let province): .text(province.code)
        case .enumeration(let enumValue): .text(enumValue.caseName)
        case .string(let text): .text(text)
        default: nil
        }
    }

    /// `(VALUES …) AS lc_inst(id, affiliate_group, f0, …)`, every cell cast to its column's type.
    func table(_ institutions: [LoadedDocument], dialect: SQLDialect) -> String {
        let names = ["id", "affiliate_group"] + columns.map(\.name)
        var rows: [String] = []
        for (index, institution) in institutions.enumerated() {
            var cells = ["CAST(\(dialect.string(institution.id)) AS \(dialect.text))",
                         "CAST(\(dialect.string(InstitutionFields.groupName(of: institution))) AS \(dialect.text))"]
            for column in columns {
                cells.append(Self.cell(column.values[index], kind: column.kind, dialect: dialect))
            }
            rows.append("(" + cells.joined(separator: ", ") + ")")
        }
        if rows.isEmpty {
            // No institution: an empty table of the right shape.
            let cells = names.map { _ in "CAST(NULL AS \(dialect.text))" }
            return "(SELECT \(zip(cells, names).map { "\($0) AS \($1)" }.joined(separator: ", ")) WHERE 1 = 0) AS lc_inst_values"
        }
        return "(VALUES\n    " + rows.joined(separator: ",\n    ") + "\n) AS lc_inst_values(" + names.joined(separator: ", ") + ")"
    }

    static func cell(_ value: FixedValue?, kind: SQLFragment.Kind, dialect: SQLDialect) -> String {
        let type = kind.sqlType(dialect)
        switch value {
        case nil: return "CAST(NULL AS \(type))"
        case .number(let number)?: return "CAST(\(dialect.string(SQLLiteral.decimalDigits(number).text)) AS \(type))"
        case .day(let date)?: return "CAST(\(date.dayNumber) AS \(type))"
        case .boolean(let flag)?: return flag ? "TRUE" : "FALSE"
        case .text(let text)?: return "CAST(\(dialect.string(text)) AS \(type))"
        }
    }
}

/// The dated histories `on(param.x, date)` reads, one inline table each: `(from_day, until_day, value)`
/// — the value in force from `from_day` until the day before `until_day`, as `Parameter.value(at:)`.
struct SQLParameterHistories: Sendable {
    struct Table: Sendable {
        let name: String
        let pack: String
        let parameter: String
        let kind: SQLFragment.Kind
        let rows: [(from: Int, until: Int, value: SQLInstitutionColumns.FixedValue)]
    }

    private(set) var tables: [Table] = []

    /// The day after every date a tape can hold: the last value's `until_day`.
    static let openEnd = 99_999_999

    mutating func table(for parameter: Parameter, pack: RulePack, printer: SQLRuleProblem) throws(DiagnosticList) -> Table {
        if let existing = tables.first(where: { $0.pack == pack.id && $0.parameter == parameter.name }) { return existing }
        var rows: [(from: Int, until: Int, value: SQLInstitutionColumns.FixedValue)] = []
        var scale = 0
        for (index, entry) in parameter.history.enumerated() {
            guard let fixed = SQLInstitutionColumns.fixed(entry.value) else { throw printer.problem("parameter \(parameter.name)") }
            if case .number(let number) = fixed { scale = max(scale, SQLLiteral.decimalDigits(number).scale) }
            let until = index + 1 < parameter.history.count ? parameter.history[index + 1].from.dayNumber : Self.openEnd
            rows.append((entry.from.dayNumber, until, fixed))
        }
        let kind = try self.kind(of: parameter, printer: printer, scale: scale)
        let table = Table(name: "lc_hist\(tables.count)", pack: pack.id, parameter: parameter.name, kind: kind, rows: rows)
        tables.append(table)
        return table
    }

    func kind(of parameter: Parameter, printer: SQLRuleProblem, scale: Int = 12) throws(DiagnosticList) -> SQLFragment.Kind {
        switch parameter.type {
        case .boolean: return .boolean
        case .integer, .decimal, .money, .ratio: return .number(scale: scale)
        case .date: return .day
        case .province, .string, .enumeration: return .text
        default: throw printer.problem("parameter \(parameter.name) of type \(parameter.type)")
        }
    }

    /// `(VALUES …) AS name(from_day, until_day, value)`.
    static func values(_ table: Table, dialect: SQLDialect) -> String {
        let rows = table.rows.map { row in
            "(CAST(\(row.from) AS \(dialect.bigint)), CAST(\(row.until) AS \(dialect.bigint)), "
                + SQLInstitutionColumns.cell(row.value, kind: table.kind, dialect: dialect) + ")"
        }
        return "(VALUES " + rows.joined(separator: ", ") + ") AS \(table.name)_values(from_day, until_day, value)"
    }
}
