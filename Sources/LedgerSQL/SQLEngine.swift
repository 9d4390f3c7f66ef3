import Compliance
import Diagnostics
import Dispatch
import LedgerAudit
import RuleLanguage
import Synchronization

/// `--engine duckdb | postgres | spark`: the ledger rules compiled to the engine's SQL and run by its own
/// client; the findings come back as the same snapshots the stream engine makes, so every report is
/// built by the same code.
///
/// On local CSV, loancheck itself checks the tables as the stream engine does while the engine runs
/// (errors are then the stream engine's, at the same `file:line:column`), and looks up the rows of the
/// listed failures to quote them. The SQL engines' own checks still run: a cell they cannot read is an
/// error, never a guess.
public struct SQLEngine: LedgerEngine {
    public let driver: SQLDriver
    public let local: any LocalTape

    public init(driver: SQLDriver, local: any LocalTape) {
        self.driver = driver
        self.local = local
    }

    public var name: String { driver.engine.rawValue }

    public func run(_ request: LedgerRequest) throws(LedgerError) -> LedgerRun {
        let compilation: SQLCompilation
        do {
            compilation = try SQLCompiler.compile(request, dialect: driver.engine.dialect)
        } catch {
            throw LedgerError(error)
        }
        let allLocal = compilation.sources.allSatisfy { if case .localCSV = $0.kind { true } else { false } }
        // The local check runs beside the engine.
        let validation = Mutex<Result<LocalTapeSummary, LedgerError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        if allLocal {
            let local = self.local
            DispatchQueue.global().async {
                let result = Result { () throws(LedgerError) in try local.validate(request) }
                validation.withLock { $0 = result }
                done.signal()
            }
        }
        let output = runEngine(compilation)
        var summary: LocalTapeSummary?
        if allLocal {
            done.wait()
            switch validation.withLock({ $0 }) {
            case .failure(let error)?: throw error
            case .success(let value)?: summary = value
            case nil: break
            }
        }
        let result: SQLResult
        switch output {
        case .failure(let error): throw error
        case .success(let value): result = value
        }
        if let summary, let counts = result.rows("rows").first {
            // PostgreSQL's COPY stops silently at a line `\.`; any engine that read another number of rows
            // than loancheck did has not audited the tape.
            let read = [counts.a, counts.b, counts.c].map { Int($0 ?? "") ?? -1 }
            let expected = [summary.loans, summary.fundings, summary.groupRows]
            if read != expected {
                throw LedgerError([.error("\(driver.engine.client) read \(read[0]) loans, \(read[1]) fundings rows and \(read[2]) "
                                          + "borrower-group rows; the tape has \(expected[0]), \(expected[1]) and \(expected[2])", at: nil,
                                          hint: "a row the engine's CSV reader skips or ends on (PostgreSQL stops at a line holding only \\.) "
                                              + "would go unaudited; audit this tape with --engine stream")])
            }
        }
        let errors = result.rows("error")
        guard errors.isEmpty else { throw SQLTapeErrors.error(errors, sources: compilation.sources, allLocal: allLocal) }
        return try SQLRunBuilder(request: request, compilation: compilation, result: result, local: allLocal ? local : nil,
                                 summary: summary).run()
    }

    /// Runs the script; a failure keeps the script for inspection and says where.
    private func runEngine(_ compilation: SQLCompilation) -> Result<SQLResult, LedgerError> {
        let directory: String
        do {
            directory = try ProcessRunner.temporaryDirectory()
        } catch {
            return .failure(LedgerError([.error(error.message, at: nil)]))
        }
        do {
            let bytes = try driver.run(script: compilation.script.text, directory: directory)
            let result = try SQLResult(csv: bytes)
            ProcessRunner.remove(directory)
            return .success(result)
        } catch let failure as SQLDriver.Failure {
            var notes = failure.details.split(separator: "\n").map { Diagnostic.Note(String($0)) }
            notes.append(Diagnostic.Note("the script is kept in \(directory)/script.sql"))
            return .failure(LedgerError([.error(failure.message, at: nil, hint: failure.hint, notes: notes)]))
        } catch let malformed as SQLResult.Malformed {
            return .failure(LedgerError([.error("\(driver.engine.client) returned a result loancheck cannot read: \(malformed.message)",
                                                at: nil, hint: "the script and the output are kept in \(directory)")]))
        } catch {
            return .failure(LedgerError([.error("\(driver.engine.client) failed", at: nil)]))
        }
    }
}
