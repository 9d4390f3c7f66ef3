import Diagnostics
import LedgerAudit

/// The tape problems an SQL engine found, as diagnostics. On a local CSV tape loancheck's own check has
/// already passed, so these are cells only loancheck reads (a spelling such as `20万`); on files and
/// tables only the engine reads, they are the tape's errors, located by file, record and loan id.
enum SQLTapeErrors {
    static func error(_ rows: [SQLResult.Row], sources: [SQLSource], allLocal: Bool) -> LedgerError {
        var diagnostics: [Diagnostic] = []
        var shown: [String: Int] = [:]
        var totals: [String: Int] = [:]
        for row in rows {
            let kind = row.rule ?? "error"
            shown[kind, default: 0] += 1
            totals[kind] = Int(row.a ?? "") ?? 0
            let source = Int(row.d ?? "").flatMap { number in sources.first { $0.fileNumber == number } }
            var place = source?.label ?? "the tape"
            if let record = row.e { place += ", record \(record)" }
            if let key = row.key { place += ", loan \(key)" }
            let column = row.b.map { " (\($0)" + (row.c.map { " '\($0)'" } ?? "") + ")" } ?? ""
            if allLocal {
                diagnostics.append(.error(
                    "\(place): the SQL engines cannot read this cell\(column), although loancheck's own reader does",
                    at: nil,
                    hint: "the SQL engines read plain spellings (150000.00, 23.5%, 2024-06-30, CN-GD or 广东); "
                        + "rewrite the cell, or audit with --engine stream"))
            } else {
                diagnostics.append(.error("\(place): \(kind)\(column)", at: nil, hint: hint(kind)))
            }
        }
        for (kind, total) in totals.sorted(by: { $0.key < $1.key }) where total > (shown[kind] ?? 0) {
            diagnostics.append(.error("… and \(total - (shown[kind] ?? 0)) more '\(kind)' errors (the first \(shown[kind] ?? 0) are shown)",
                                      at: nil))
        }
        return LedgerError(diagnostics)
    }

    private static func hint(_ kind: String) -> String {
        switch kind {
        case "bad cell": "see docs/ledger.md for the spellings of each column"
        case "unknown institution": "load the Institution document of every lender and funder"
        case "unknown product": "load the LoanProduct, or leave the cell empty"
        case "duplicate loan_id": "loan_id is unique across the tape"
        case "balance above principal": "balance is what is still outstanding of the principal on the schema's as_of"
        case "date order": "a loan is disbursed on or after its contract date and by the tape's as_of"
        case "funding shares": "the shares of a joint loan's funders add up to exactly 100%"
        case "funding of a loan not in loans": "every funded loan is a row of the loans table"
        case "funder listed twice": "list each funder of a loan once"
        case "borrower in two groups": "a borrower belongs to at most one group"
        default: "check the tape"
        }
    }
}
