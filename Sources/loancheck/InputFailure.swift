import Compliance
import Diagnostics
import LoanDomain

/// Invalid inputs found before an audit could run: every diagnostic (each with its kind, the
/// `LC-INPUT-…` rule of the reports), what had been read by then, and the line that closes the
/// diagnostics on standard error. `audit` and `validate` print it as before and then write every report
/// they were asked for (`AuditReport.inputCheck`), and exit 2.
struct InputFailure: Error {
    var diagnostics: [Diagnostic]
    var sources: SourceTexts
    /// The rule set, when the packs loaded.
    var rules: RuleSet?
    /// The document files read (stamped in the reports).
    var inputs: [InputFile] = []
    /// Every input file found, read or not: no output may overwrite one.
    var files: [String] = []
    /// `loancheck: 2 errors in the input; nothing was audited`, printed after the diagnostics.
    var closing: String?
    /// At most this many diagnostics are printed (tapes have their own bound).
    var limit = CommandSupport.diagnosticLimit

    /// At most this many input problems are listed in a report, in the order they are printed; a last
    /// one counts the rest.
    static let reportLimit = 1_000

    /// Prints the diagnostics and the closing line to standard error (the text of every earlier version).
    func printToStandardError() {
        CommandSupport.report(diagnostics, sources: sources, limit: limit)
        if let closing { FileOutput.standardError.write(closing + "\n") }
    }

    /// The diagnostics for a report: in the order printed, at most `reportLimit`, the rest counted.
    var listed: [Diagnostic] {
        let ordered = CommandSupport.ordered(diagnostics)
        guard ordered.count > Self.reportLimit else { return ordered }
        let more = ordered.count - Self.reportLimit
        let kind = ordered[Self.reportLimit].kind ?? .schema
        return Array(ordered.prefix(Self.reportLimit))
            + [Diagnostic.error("\(more) more input problem\(more == 1 ? "" : "s") not listed", at: nil,
                                hint: "fix the first \(Self.reportLimit); the rest are often the same mistake repeated").classified(as: kind)]
    }

    /// `loancheck: 2 errors in the input; nothing was audited`.
    static func closingLine(_ diagnostics: [Diagnostic], in what: String = "the input") -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        var line = OutputLanguage.inputErrorsLine(errors, what: what == "the input" ? "input" : "ledger input")
        line.removeLast()
        return line
    }
}
