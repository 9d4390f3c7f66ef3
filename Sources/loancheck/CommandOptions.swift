import ArgumentParser
import Compliance
import Diagnostics
import LedgerAudit
import LedgerSQL
import LedgerStream
import FoundationEssentials
import Reporting
import RuleLanguage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing and checking of option values shared by the commands (usage errors exit 2).
enum CommandOptions {
    /// `--as-of`, or today's local calendar date.
    static func asOfDate(_ text: String?) throws -> CivilDate {
        guard let text else { return today() }
        do {
            return try UnitParser.date(text)
        } catch {
            throw CommandSupport.usageError("--as-of: \(error.message)", hint: error.hint ?? "write a date as YYYY-MM-DD")
        }
    }

    /// Today in the local time zone (a calendar date: the regulations count days, not instants).
    static func today() -> CivilDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CivilDate(dayNumber: 0)
    }

    /// `--engine`: the ledger engine that runs the Loan and LoanGroup rules.
    static func ledgerEngine(_ name: String) throws -> any LedgerEngine {
        switch name {
        case "stream": return StreamEngine()
        case "duckdb": return SQLEngine(driver: SQLDriver(engine: .duckdb), local: StreamLocalTape())
        case "postgres": return SQLEngine(driver: SQLDriver(engine: .postgres), local: StreamLocalTape())
        case "spark": return SQLEngine(driver: SQLDriver(engine: .spark), local: StreamLocalTape())
        default:
            throw CommandSupport.usageError("unknown engine '\(name)'",
                                            hint: Suggestions.hint(for: name, in: ["stream", "duckdb", "postgres", "spark"])
                                                ?? "engines: stream, duckdb, postgres, spark")
        }
    }

    /// `--fail-on`: a severity, or nil for `never`.
    static func threshold(_ text: String) throws -> FindingSeverity? {
        if text == "never" { return nil }
        guard let severity = FindingSeverity(rawValue: text) else {
            throw CommandSupport.usageError("--fail-on must be error, warning, info or never, not '\(text)'",
                                            hint: Suggestions.hint(for: text, in: ["error", "warning", "info", "never"]))
        }
        return severity
    }

    /// `--lang`, defaulting to zh when `LANG` starts with zh.
    static func language(_ text: String?) throws -> ReportLanguage {
        if let text {
            guard let language = ReportLanguage(rawValue: text) else {
                throw CommandSupport.usageError("--lang must be zh or en, not '\(text)'")
            }
            return language
        }
        let lang = ProcessInfo.processInfo.environment["LANG"] ?? ""
        return lang.hasPrefix("zh") ? .zh : .en
    }

    /// Where each report goes: the Nth `--output` receives the Nth `--format`.
    static func outputTargets(formats: [String], outputs: [String]) throws -> [(format: ReportFormat, path: String?)] {
        let names = formats.isEmpty ? ["text"] : formats
        var targets: [(format: ReportFormat, path: String?)] = []
        for (index, name) in names.enumerated() {
            guard let format = ReportFormat(rawValue: name) else {
                throw CommandSupport.usageError("unknown format '\(name)'",
                                                hint: Suggestions.hint(for: name, in: ReportFormat.allCases.map(\.rawValue))
                                                    ?? "formats: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            targets.append((format, index < outputs.count ? outputs[index] : nil))
        }
        if outputs.count > names.count {
            throw CommandSupport.usageError("more --output files than --format options",
                                            hint: "give one --format per --output, e.g. --format sarif --output report.sarif")
        }
        if targets.filter({ $0.path == nil }).count > 1 {
            throw CommandSupport.usageError("only one report can go to standard output",
                                            hint: "give an --output for each --format but one")
        }
        return targets
    }
}
