import LedgerAudit

/// The one query whose rows loancheck reads back: sections of `(section, rule, k, severity, status,
/// a, b, c, d, e)`, all text.
///
/// | section | rule | k | severity | status | a | b | c | d | e |
/// |---|---|---|---|---|---|---|---|---|---|
/// | `rows` | | | | | loans | fundings rows | borrower-group rows | | |
/// | `error` | error kind | loan id | | | count of the kind | column | cell | file | record |
/// | `total` | rule id | | severity | pass/fail/cannot[-why] | count | | | | |
/// | `loan` | rule id | loan id | severity | fail/cannot | | | | | |
/// | `group` | rule id | key | severity | fail/cannot-why | actual | bound | positions | parts (`\u{1F}`) | |
/// | `contrib` | rule id | key | | | rank | loan id | amount | | |
/// | `waived` | rule id | key | | | | | | | |
/// | `failure` | rule id | key | severity | status | lender / parts | actual | bound | positions | |
///
/// Listed failures are the first `cap` in byte order of their key plus every waived one — the stream
/// engine's choice — so both engines list the same loans and groups.
struct SQLResultQuery {
    let dialect: SQLDialect
    let request: LedgerRequest
    let loanRules: SQLLoanRules.Compiled?
    let groupRules: [SQLGroupRules.Compiled]

    /// Adds the listed failures as relations (`lc_ll<i>` loans, `lc_lg<i>` groups, `lc_lc<i>` their
    /// contributions) and returns the result's sections.
    func sections(adding script: inout SQLScript) -> [String] {
        var parts: [String] = []
        var listedLoans: [String] = []
        let cap = request.maxFindingsPerRule
        for index in loanRules?.rules ?? [] {
            let rule = dialect.string(request.rules[index].rule.id)
            parts.append("SELECT " + SQLScript.row(dialect, section: "total", [
                "rule": rule, "severity": "v\(index)", "status": "s\(index)", "a": "COUNT(*)",
            ]) + " FROM lc_loanres WHERE s\(index) IS NOT NULL GROUP BY v\(index), s\(index)")
            let waived = waivedList(index)
            let listedFilter = cap == 0 ? "TRUE" : "lc_rank <= \(cap)" + (waived.map { " OR loan_id IN (\($0))" } ?? "")
            script.add("lc_ll\(index)", "SELECT loan_id, v\(index) AS severity, s\(index) AS status FROM (SELECT loan_id, v\(index), s\(index), "
                + "ROW_NUMBER() OVER (ORDER BY \(dialect.byteOrder("loan_id"))) AS lc_rank"
                + " FROM lc_loanres WHERE s\(index) IN ('fail', 'cannot')) listed WHERE \(listedFilter)")
            listedLoans.append("SELECT loan_id FROM lc_ll\(index)")
            parts.append("SELECT " + SQLScript.row(dialect, section: "loan", [
                "rule": rule, "k": "loan_id", "severity": "severity", "status": "status",
            ]) + " FROM lc_ll\(index)")
            if let waived {
                parts.append("SELECT " + SQLScript.row(dialect, section: "waived", ["rule": rule, "k": "loan_id"])
                    + " FROM lc_loan WHERE loan_id IN (\(waived))")
            }
            if request.failuresDirectory != nil {
                parts.append("SELECT " + SQLScript.row(dialect, section: "failure", [
                    "rule": rule, "k": "loan_id", "severity": "v\(index)", "status": "s\(index)", "a": "lender",
                    "b": "file_no", "c": "row_no",
                ]) + " FROM lc_loanres WHERE s\(index) IN ('fail', 'cannot')")
            }
        }
        for group in groupRules {
            parts += groupSections(group, cap: cap, adding: &script)
            listedLoans.append("SELECT loan_id FROM lc_lc\(group.index)")
        }
        if !listedLoans.isEmpty {
            script.add("lc_want", "SELECT DISTINCT loan_id FROM (\(listedLoans.joined(separator: " UNION ALL "))) wanted")
            parts.append(loanRows())
        }
        return parts
    }

    /// `loanrow`: the rows of the listed loans and contributing loans, for a tape loancheck cannot read
    /// itself (Parquet, an engine's table): `a` file, `b` record, `c` the loan's fields and `d` its
    /// fundings, packed (`\u{1F}` between fields, `\u{1C}` between fundings, `\u{1D}` in one, `\u{1E}`
    /// for NULL). The fundings are gathered for the wanted loans only (`lc_want`): an ordered
    /// aggregate over every fundings row, filtered afterwards, was most of DuckDB's time on a 1M tape.
    private func loanRows() -> String {
        let fields = ["lender", "product", "borrower_id", "borrower_group", "borrower_type", "purpose", "secured", "contract_date",
                      "disbursed_on", "principal", "balance", "credit_line", "apr", "region"]
        let null = dialect.string(SQLResult.null)
        let packed = fields.map { "COALESCE(CAST(l.\($0) AS \(dialect.text)), \(null))" }.joined(separator: " || \(dialect.string("\u{1F}")) || ")
        let funding = "f.funder || \(dialect.string("\u{1D}")) || CAST(f.share AS \(dialect.text))"
        let fundings = dialect.orderedConcat(funding, separator: "\u{1C}", orderBy: "f.file_no, f.row_no")
        return "SELECT " + SQLScript.row(dialect, section: "loanrow", [
            "k": "l.loan_id", "a": "l.file_no", "b": "l.row_no", "c": "(\(packed))", "d": "fr.fundings",
        ]) + " FROM lc_loan l LEFT JOIN (SELECT f.loan_id, \(fundings) AS fundings FROM lc_fund_rows f "
            + "WHERE f.loan_id IN (SELECT loan_id FROM lc_want) GROUP BY f.loan_id) fr "
            + "ON fr.loan_id = l.loan_id WHERE l.loan_id IN (SELECT loan_id FROM lc_want)"
    }

    private func groupSections(_ group: SQLGroupRules.Compiled, cap: Int, adding script: inout SQLScript) -> [String] {
        let index = group.index
        let rule = dialect.string(request.rules[index].rule.id)
        let severity = dialect.string(group.severity)
        let partsText = (0..<group.keyParts).map { "kp\($0)" }.joined(separator: " || \(dialect.string("\u{1F}")) || ")
        var parts: [String] = []
        parts.append("SELECT " + SQLScript.row(dialect, section: "total", [
            "rule": rule, "severity": severity, "status": "status", "a": "COUNT(*)",
        ]) + " FROM lc_gr\(index) WHERE status IS NOT NULL GROUP BY status")
        let waived = waivedList(index)
        let listedFilter = cap == 0 ? "TRUE" : "lc_rank <= \(cap)" + (waived.map { " OR k IN (\($0))" } ?? "")
        script.add("lc_lg\(index)", "SELECT * FROM (SELECT g.*, ROW_NUMBER() OVER (ORDER BY \(dialect.byteOrder("k"))) AS lc_rank "
            + "FROM lc_gr\(index) g WHERE status IS NOT NULL AND status <> 'pass') ranked WHERE \(listedFilter)")
        parts.append("SELECT " + SQLScript.row(dialect, section: "group", [
            "rule": rule, "k": "k", "severity": severity, "status": "status", "a": "actual", "b": "bound", "c": "n",
            "d": "(\(partsText))",
        ]) + " FROM lc_lg\(index)")
        script.add("lc_lc\(index)", "SELECT k, loan_id, amount, r FROM (SELECT p.k, p.loan_id, p.amount, ROW_NUMBER() OVER "
            + "(PARTITION BY p.k ORDER BY p.amount DESC, \(dialect.byteOrder("p.loan_id"))) AS r FROM (SELECT k, loan_id, "
            + "CASE WHEN v IS NOT NULL THEN v ELSE funded END AS amount FROM lc_gp\(index) WHERE k IN (SELECT k FROM lc_lg\(index))) p) "
            + "ranked WHERE r <= 3")
        parts.append("SELECT " + SQLScript.row(dialect, section: "contrib", [
            "rule": rule, "k": "k", "a": "r", "b": "loan_id", "c": "amount",
        ]) + " FROM lc_lc\(index)")
        if let waived {
            parts.append("SELECT DISTINCT " + SQLScript.row(dialect, section: "waived", ["rule": rule, "k": "k"])
                + " FROM lc_g\(index) WHERE k IN (\(waived))")
        }
        if request.failuresDirectory != nil {
            parts.append("SELECT " + SQLScript.row(dialect, section: "failure", [
                "rule": rule, "k": "k", "severity": severity, "status": "status", "a": "(\(partsText))", "b": "actual",
                "c": "bound", "d": "n",
            ]) + " FROM lc_gr\(index) WHERE status IS NOT NULL AND status <> 'pass'")
        }
        return parts
    }

    /// The keys waivers name for the rule, as an SQL list; nil when none.
    private func waivedList(_ index: Int) -> String? {
        guard let keys = request.waivedKeys[request.rules[index].rule.id], !keys.isEmpty else { return nil }
        return keys.sorted().map { dialect.string($0) }.joined(separator: ", ")
    }
}
