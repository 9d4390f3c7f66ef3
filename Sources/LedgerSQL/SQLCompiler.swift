import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan
import LedgerTape
import RuleLanguage

/// A ledger request compiled to one SQL script for a dialect, with what is needed to read its result.
public struct SQLCompilation: Sendable {
    public let script: SQLScript
    /// The sources read, numbered as the result's `file_no`.
    let sources: [SQLSource]
    /// Request indexes of the rules the script checks.
    let loanRules: [Int]
    let groupRules: [Int]
}

/// Compiles checked ledger rules — through the plan the stream engine runs — into SQL: the tape staged
/// and validated, institutions, provinces and parameter histories inlined as values tables, every Loan
/// rule in one scan, each LoanGroup rule grouped once, and one result query.
public enum SQLCompiler {
    public static func compile(_ request: LedgerRequest, dialect: SQLDialect) throws(DiagnosticList) -> SQLCompilation {
        let sources = try self.sources(request)
        var script = SQLScript(dialect: dialect)
        var institutions = SQLInstitutionColumns()
        var histories = SQLParameterHistories()

        // The rules first: they say which institution fields and histories the values tables need.
        let loanRules = try SQLLoanRules.compile(request, dialect: dialect, institutions: &institutions, histories: &histories)
        var groupRules: [SQLGroupRules.Compiled] = []
        var quantifiers = SQLQueryNeeds()
        quantifiers.merge(SQLQueryNeeds(quantifiers: loanRules.needs.quantifiers,
                                        elementLenderInstitution: loanRules.needs.elementLenderInstitution,
                                        elementFunderInstitution: loanRules.needs.elementFunderInstitution,
                                        elementHistories: loanRules.needs.elementHistories))
        var problems: [Diagnostic] = []
        for (index, entry) in request.rules.enumerated() {
            guard case .group(let plan) = entry.plan else { continue }
            do {
                if let compiled = try SQLGroupRules.compile(index, plan, request: request, dialect: dialect, institutions: &institutions,
                                                            histories: &histories, quantifiers: &quantifiers) {
                    groupRules.append(compiled)
                }
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }

        for statement in dialect.sessionSettings { script.add(setup: statement) }
        script.add("lc_inst", "SELECT * FROM " + institutions.table(request.institutions, dialect: dialect))
        script.add("lc_province", "SELECT * FROM " + provinces(dialect))
        for table in histories.tables {
            script.add(table.name, "SELECT * FROM " + SQLParameterHistories.values(table, dialect: dialect))
        }
        let staging = SQLTapeStaging(dialect: dialect, request: request, sources: sources)
        do {
            try staging.add(to: &script)
        } catch {
            throw DiagnosticList([.error("\(error.source.label): \(error.message)", at: error.source.source.location)])
        }
        if let quantifierQuery = SQLJoins.quantifierRelation(quantifiers) { script.add("lc_q", quantifierQuery) }
        if groupRules.contains(where: \.usesPartners) { script.add("lc_partner", SQLGroupRules.partners) }
        if !loanRules.rules.isEmpty { script.add("lc_loanres", loanRules.query) }
        for group in groupRules {
            script.add("lc_gp\(group.index)", materialise: false, group.positions)
            script.add("lc_g\(group.index)", group.groups)
            script.add("lc_gr\(group.index)", group.classified)
        }
        let results = SQLResultQuery(dialect: dialect, request: request, loanRules: loanRules.rules.isEmpty ? nil : loanRules,
                                     groupRules: groupRules)
        var sections = [rowCounts(dialect), errorRows(dialect)]
        sections += results.sections(adding: &script)
        script.result = sections.joined(separator: "\nUNION ALL\n")
        return SQLCompilation(script: script, sources: sources, loanRules: loanRules.rules, groupRules: groupRules.map(\.index))
    }

    /// Every file and table of every schema, numbered from 1 (a local CSV's header read here).
    static func sources(_ request: LedgerRequest) throws(DiagnosticList) -> [SQLSource] {
        var sources: [SQLSource] = []
        for schema in request.schemas {
            for table in schema.tables {
                if !table.files.isEmpty {
                    let files = try TapeFiles(table, parts: 1)
                    for (path, header) in zip(table.files, files.headers) {
                        // Absolute: the engine (or a user's cluster) reads it from another directory.
                        sources.append(SQLSource(kind: .localCSV(path: SQLSource.absolute(path), header: header), source: table, dataDate: schema.asOf,
                                                 fileNumber: sources.count + 1))
                    }
                }
                for external in table.external {
                    sources.append(SQLSource(kind: SQLSource.classify(external), source: table, dataDate: schema.asOf,
                                             fileNumber: sources.count + 1))
                }
            }
        }
        return sources
    }

    /// `lc_province(spelling, code)`: every spelling a province cell may have, lowercased.
    static func provinces(_ dialect: SQLDialect) -> String {
        let rows = Province.spellings.map { "(\(dialect.string($0.spelling)), \(dialect.string($0.province.code)))" }
        return "(VALUES " + rows.joined(separator: ", ") + ") AS lc_province_values(spelling, code)"
    }

    private static func rowCounts(_ dialect: SQLDialect) -> String {
        "SELECT " + SQLScript.row(dialect, section: "rows", [
            "a": "(SELECT COUNT(*) FROM lc_loan_cells)", "b": "(SELECT COUNT(*) FROM lc_fund_cells)",
            "c": "(SELECT COUNT(*) FROM lc_group_cells)",
        ])
    }

    /// At most 100 errors of each kind (in file order), each with the kind's total.
    private static func errorRows(_ dialect: SQLDialect) -> String {
        "SELECT " + SQLScript.row(dialect, section: "error", [
            "rule": "kind", "k": "k", "a": "total", "b": "col", "c": "cell", "d": "file_no", "e": "row_no",
        ]) + " FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY file_no, row_no, k) AS n, "
            + "COUNT(*) OVER (PARTITION BY kind) AS total FROM lc_errors e) numbered WHERE n <= 100"
    }
}
