import Compliance
import Diagnostics
@testable import LedgerSQL
import Testing

/// What the SQL engines cannot run is an error where it is written — a rule at its line in the pack, a
/// table at its line in the schema — never a script that runs something else.
@Suite struct SQLCompileErrorTests {
    static let pack = """
        kind: RulePack
        id: sql-refused
        version: "1"
        status: in-force
        title: {zh: t, en: t}
        authority: {zh: a, en: a}
        instrument: x
        rules:
          - id: T-FREE-TEXT
            title: {zh: t, en: t}
            subject: Loan
            require: loan.borrower_id == 'B1'
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: r, en: r}, article: 一, verified: false}
            message: {zh: m, en: m}
          - id: T-FINE
            title: {zh: t, en: t}
            subject: Loan
            require: loan.balance <= loan.principal
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: r, en: r}, article: 一, verified: false}
            message: {zh: m, en: m}
          - id: T-APPLIES-TEXT
            title: {zh: t, en: t}
            subject: Loan
            applies_to: loan.loan_id != 'L0'
            require: loan.balance <= loan.principal
            severity: warning
            effective: 2020-01-01
            citation: {regulation: {zh: r, en: r}, article: 一, verified: false}
            message: {zh: m, en: m}

        """

    private func diagnostics(_ dialect: SQLDialect, pack: String = pack, schema: String = SmallTape.localSchema) throws
        -> (found: [Diagnostic], directory: String, pack: String) {
        let scratch = try ScratchDirectory(SmallTape.files(schema: schema))
        let rulesScratch = try ScratchDirectory([:])
        defer {
            scratch.remove()
            rulesScratch.remove()
        }
        let rules = try SQLTestRequests.rules(pack: pack, in: rulesScratch.path)
        let request = try SQLTestRequests.request([scratch.path], rules: rules)
        do {
            _ = try SQLCompiler.compile(request, dialect: dialect)
            return ([], scratch.path, rulesScratch.path + "/rules/pack.yaml")
        } catch {
            return (error.diagnostics, scratch.path, rulesScratch.path + "/rules/pack.yaml")
        }
    }

    @Test(arguments: SQLDialect.allCases)
    func aRuleTheEnginesRefuseIsAnErrorAtTheRule(_ dialect: SQLDialect) throws {
        let (found, _, file) = try diagnostics(dialect, schema: dialect == .trino ? SmallTape.tableSchema : SmallTape.localSchema)
        #expect(found.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
            "\(file):9:5: rule T-FREE-TEXT: the SQL engines cannot run a comparison of loan.borrower_id (free text)",
            "\(file):25:5: rule T-APPLIES-TEXT: the SQL engines cannot run a comparison of loan.loan_id (free text)",
        ])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found.first?.hints == ["the stream engine (--engine stream) refuses it as well; rewrite the rule"])
    }

    @Test func trinoRefusesLocalFilesAtTheTableOfTheSchema() throws {
        let fine = SQLRegimeTests.pack(rules: [("T-FINE", "severity: error\neffective: 2020-01-01")])
        let (found, directory, _) = try diagnostics(.trino, pack: fine)
        #expect(found.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
            "\(directory)/tape/schema.yaml:4:8: \(directory)/tape/loans.csv: Trino reads tables, not files: name the table in the "
                + "LedgerSchema (e.g. `loans: {table: hive.lending.loans}`)",
        ])
    }

    @Test func theOtherDialectsCompileTheSameTape() throws {
        let fine = SQLRegimeTests.pack(rules: [("T-FINE", "severity: error\neffective: 2020-01-01")])
        for dialect in [SQLDialect.duckdb, .postgres, .spark] {
            #expect(try diagnostics(dialect, pack: fine).found.isEmpty)
        }
    }
}
