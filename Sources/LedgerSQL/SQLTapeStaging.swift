import Compliance
import LedgerAudit
import LedgerTape
import RuleLanguage

/// The tape in SQL: each file or table parsed into typed rows with a flag on its first bad cell, then
/// `lc_loan` (loans with their borrower group and number of funders), `lc_fund` (fundings rows),
/// `lc_pos` (positions: each funder's part of each loan; a loan without fundings rows is its lender's
/// 100%), and `lc_errors` (every problem the stream engine would stop on, by kind).
struct SQLTapeStaging {
    let dialect: SQLDialect
    let request: LedgerRequest
    let sources: [SQLSource]

    private var parsing: SQLCellParsing { SQLCellParsing(dialect: dialect) }

    func add(to script: inout SQLScript) throws(SQLSourceError) {
        var loanParts: [String] = []
        var fundingParts: [String] = []
        var groupParts: [String] = []
        for source in sources {
            let (setup, relation) = try source.reader(dialect)
            for statement in setup { script.add(setup: statement) }
            let select = parsed(source, from: relation)
            switch source.source.table {
            case .loans: loanParts.append(select)
            case .fundings: fundingParts.append(select)
            case .borrowerGroups: groupParts.append(select)
            }
        }
        script.add("lc_loan_cells", union(loanParts, empty: emptyParsed(.loans)))
        script.add("lc_fund_cells", union(fundingParts, empty: emptyParsed(.fundings)))
        script.add("lc_group_cells", union(groupParts, empty: emptyParsed(.borrowerGroups)))
        script.add("lc_bgroup", "SELECT borrower_id, MIN(grp) AS grp FROM lc_group_cells WHERE bad_column IS NULL GROUP BY borrower_id")
        script.add("lc_fund", "SELECT loan_id, institution AS funder, share FROM lc_fund_cells")
        // The same with each row's place, for the rows of listed loans (`loanrow`).
        script.add("lc_fund_rows", materialise: false, "SELECT file_no, row_no, loan_id, institution AS funder, share FROM lc_fund_cells")
        script.add("lc_loan", """
            SELECT c.file_no, c.row_no, c.loan_id, c.lender, c.product, c.borrower_id,
              COALESCE(bg.grp, c.borrower_id) AS borrower_group, c.borrower_type, c.purpose, COALESCE(c.secured, FALSE) AS secured,
              c.contract_date, c.disbursed_on, c.principal, c.balance, c.credit_line, c.apr, pr.code AS region,
              COALESCE(fc.n, 1) AS n_funders
            FROM lc_loan_cells c
            LEFT JOIN lc_bgroup bg ON bg.borrower_id = c.borrower_id
            LEFT JOIN lc_province pr ON pr.spelling = lower(trim(c.region))
            LEFT JOIN (SELECT loan_id, COUNT(*) AS n FROM lc_fund GROUP BY loan_id) fc ON fc.loan_id = c.loan_id
            """)
        script.add("lc_pos", """
            SELECT l.*, COALESCE(f.funder, l.lender) AS funder,
              COALESCE(f.share, CAST('1' AS \(dialect.decimal(precision: 19, scale: 10)))) AS share,
              \(dialect.widened("l.balance", scale: 2)) * \(dialect.widened("COALESCE(f.share, CAST('1' AS \(dialect.decimal(precision: 19, scale: 10))))", scale: 10)) AS funded
            FROM lc_loan l
            LEFT JOIN lc_fund f ON f.loan_id = l.loan_id
            """)
        // Read once, by the result query.
        script.add("lc_errors", materialise: false, errors())
    }

    /// One source's rows: file number, record number, each canonical column parsed, and the first bad
    /// cell (column and text). The raw cells, then each layer of pieces, then the values: every piece
    /// is computed once and read by name.
    private func parsed(_ source: SQLSource, from relation: String) -> String {
        let alias = "s"
        var raw = ["\(source.fileNumber) AS file_no", "\(source.rowNumber(dialect, alias: alias)) AS row_no"]
        var cells: [(column: TapeColumn, parsed: SQLParsedCell, raw: String)] = []
        for column in source.source.table.columns {
            let name = "r_" + Self.name(column)
            raw.append("\(source.cell(column, alias: alias, dialect: dialect)) AS \(name)")
            cells.append((column, parsing.parse(name, column: column, spec: source.source.spec(for: column)), name))
        }
        var select = "SELECT " + raw.joined(separator: ", ") + "\nFROM \(relation) \(alias)"
        let depth = cells.map(\.parsed.layers.count).max() ?? 0
        for layer in 0..<depth {
            let pieces = cells.flatMap { $0.parsed.layers.count > layer ? $0.parsed.layers[layer] : [] }
            guard !pieces.isEmpty else { continue }
            select = "SELECT l\(layer).*, " + pieces.map { "\($0.expression) AS \($0.name)" }.joined(separator: ", ")
                + "\nFROM (\(select)) l\(layer)"
        }
        var columns = ["file_no", "row_no"]
        for cell in cells { columns.append("\(cell.parsed.value) AS \(Self.name(cell.column))") }
        let badColumn = "CASE " + cells.map { "WHEN \($0.parsed.bad) THEN \(dialect.string($0.column.name))" }.joined(separator: " ") + " END"
        let badCell = "CASE " + cells.map { "WHEN \($0.parsed.bad) THEN \($0.raw)" }.joined(separator: " ") + " END"
        columns.append("\(badColumn) AS bad_column")
        columns.append("\(badCell) AS bad_cell")
        select = "SELECT " + columns.joined(separator: ",\n  ") + "\nFROM (\(select)) cells"
        guard source.source.table == .loans else { return select }
        // Checked per row after its cells: balance above principal, disbursed before the contract or after
        // the tape's as_of.
        return "SELECT q.*, CASE WHEN q.balance > q.principal THEN 'balance above principal' "
            + "WHEN q.disbursed_on < q.contract_date THEN 'date order' "
            + "WHEN q.disbursed_on > \(source.dataDate.dayNumber) THEN 'date order' END AS row_problem\nFROM (\(select)) q"
    }

    /// The relation's column name for a canonical column (`grp` for the group: `group` is reserved).
    static func name(_ column: TapeColumn) -> String {
        switch column {
        case .fundingLoanId, .groupBorrowerId: column.name
        case .groupName: "grp"
        default: column.name
        }
    }

    private func emptyParsed(_ table: TapeTable) -> String {
        var columns = ["CAST(NULL AS BIGINT) AS file_no", "CAST(NULL AS BIGINT) AS row_no"]
        for column in table.columns {
            let kind: String
            switch column.kind {
            case .money: kind = dialect.decimal(precision: 18, scale: 2)
            case .percent: kind = dialect.decimal(precision: 19, scale: 10)
            case .date: kind = "BIGINT"
            case .boolean: kind = "BOOLEAN"
            default: kind = dialect.text
            }
            columns.append("CAST(NULL AS \(kind)) AS \(Self.name(column))")
        }
        columns += ["CAST(NULL AS \(dialect.text)) AS bad_column", "CAST(NULL AS \(dialect.text)) AS bad_cell"]
        if table == .loans { columns.append("CAST(NULL AS \(dialect.text)) AS row_problem") }
        return "SELECT " + columns.joined(separator: ", ") + " WHERE 1 = 0"
    }

    private func union(_ parts: [String], empty: String) -> String {
        parts.isEmpty ? empty : parts.joined(separator: "\nUNION ALL\n")
    }

    /// `(kind, k, col, cell, file_no, row_no)`: every problem, by the stream engine's kinds.
    private func errors() -> String {
        let products = request.products.map { dialect.string($0.id) }
        let productCheck = products.isEmpty ? "c.product IS NOT NULL"
            : "c.product IS NOT NULL AND c.product NOT IN (\(products.joined(separator: ", ")))"
        let text = dialect.text
        let parts = [
            "SELECT 'bad cell' AS kind, loan_id AS k, bad_column AS col, bad_cell AS cell, file_no, row_no FROM lc_loan_cells WHERE bad_column IS NOT NULL",
            "SELECT 'bad cell', loan_id, bad_column, bad_cell, file_no, row_no FROM lc_fund_cells WHERE bad_column IS NOT NULL",
            "SELECT 'bad cell', borrower_id, bad_column, bad_cell, file_no, row_no FROM lc_group_cells WHERE bad_column IS NOT NULL",
            "SELECT row_problem, loan_id, CAST(NULL AS \(text)), CAST(NULL AS \(text)), file_no, row_no FROM lc_loan_cells WHERE row_problem IS NOT NULL AND bad_column IS NULL",
            "SELECT 'bad cell', c.loan_id, 'region', c.region, c.file_no, c.row_no FROM lc_loan_cells c LEFT JOIN lc_province pr ON pr.spelling = lower(trim(c.region)) WHERE c.region IS NOT NULL AND pr.code IS NULL",
            "SELECT 'unknown institution', c.loan_id, 'lender', c.lender, c.file_no, c.row_no FROM lc_loan_cells c LEFT JOIN lc_inst i ON i.id = c.lender WHERE c.lender IS NOT NULL AND i.id IS NULL",
            "SELECT 'unknown institution', c.loan_id, 'institution', c.institution, c.file_no, c.row_no FROM lc_fund_cells c LEFT JOIN lc_inst i ON i.id = c.institution WHERE c.institution IS NOT NULL AND i.id IS NULL",
            "SELECT 'unknown product', c.loan_id, 'product', c.product, c.file_no, c.row_no FROM lc_loan_cells c WHERE \(productCheck)",
            // The repeats are numbered among the repeated keys only: a window partitioned by every
            // loan_id cost DuckDB more than the rest of the validation.
            "SELECT 'duplicate loan_id', loan_id, 'loan_id', loan_id, file_no, row_no FROM (SELECT loan_id, file_no, row_no, "
                + "ROW_NUMBER() OVER (PARTITION BY loan_id ORDER BY file_no, row_no) AS n FROM lc_loan_cells WHERE loan_id IN "
                + "(SELECT loan_id FROM lc_loan_cells WHERE loan_id IS NOT NULL GROUP BY loan_id HAVING COUNT(*) > 1)) d WHERE n > 1",
            "SELECT 'funding of a loan not in loans', f.loan_id, 'loan_id', f.loan_id, f.file_no, f.row_no FROM lc_fund_cells f "
                + "WHERE f.loan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lc_loan_cells l WHERE l.loan_id = f.loan_id)",
            "SELECT 'funder listed twice', c.loan_id, 'institution', c.institution, c.file_no, c.row_no FROM (SELECT f.loan_id, f.institution, "
                + "f.file_no, f.row_no, ROW_NUMBER() OVER (PARTITION BY f.loan_id, f.institution ORDER BY f.file_no, f.row_no) AS n "
                + "FROM lc_fund_cells f JOIN (SELECT loan_id, institution FROM lc_fund_cells WHERE loan_id IS NOT NULL AND institution IS NOT NULL "
                + "GROUP BY loan_id, institution HAVING COUNT(*) > 1) twice ON twice.loan_id = f.loan_id AND twice.institution = f.institution) c "
                + "WHERE c.n > 1",
            "SELECT 'funding shares', loan_id, 'share', CAST(SUM(share) AS \(text)), MIN(file_no), MIN(row_no) FROM lc_fund_cells "
                + "WHERE loan_id IS NOT NULL GROUP BY loan_id HAVING SUM(share) IS NULL OR SUM(share) <> CAST('1' AS \(dialect.decimal(precision: 19, scale: 10)))",
            "SELECT 'borrower in two groups', borrower_id, 'group', MAX(grp), MIN(file_no), MIN(row_no) FROM lc_group_cells "
                + "WHERE borrower_id IS NOT NULL GROUP BY borrower_id HAVING COUNT(DISTINCT grp) > 1",
        ]
        return parts.joined(separator: "\nUNION ALL\n")
    }
}
