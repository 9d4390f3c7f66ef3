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
    /// Where the result comes from: the engine's client run now, or a result the user's own cluster
    /// produced from a printed script (`loancheck import`).
    public enum Runner: Sendable {
        case driver(SQLDriver)
        case imported(result: [UInt8], manifest: SQLManifest, tool: String)
    }

    public let runner: Runner
    public let local: any LocalTape

    public init(driver: SQLDriver, local: any LocalTape) {
        runner = .driver(driver)
        self.local = local
    }

    public init(importing result: [UInt8], manifest: SQLManifest, tool: String, local: any LocalTape) {
        runner = .imported(result: result, manifest: manifest, tool: tool)
        self.local = local
    }

    public var name: String {
        switch runner {
        case .driver(let driver): driver.engine.rawValue
        case .imported(_, let manifest, _): manifest.dialect
        }
    }

    private var dialect: SQLDialect {
        switch runner {
        case .driver(let driver): driver.engine.dialect
        case .imported(_, let manifest, _): SQLDialect(rawValue: manifest.dialect) ?? .duckdb
        }
    }

    private var client: String {
        switch runner {
        case .driver(let driver): driver.engine.client
        case .imported: "the imported result"
        }
    }

    public func run(_ request: LedgerRequest) throws(LedgerError) -> LedgerRun {
        let compilation: SQLCompilation
        do {
            compilation = try SQLCompiler.compile(request, dialect: dialect)
        } catch {
            throw LedgerError(error)
        }
        if case .imported(_, let manifest, let tool) = runner {
            guard SQLDialect(rawValue: manifest.dialect) != nil else {
                throw LedgerError([.error("the manifest names the dialect '\(manifest.dialect)'", at: nil,
                                          hint: "dialects: \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            let current = SQLManifest(tool: tool, compilation: compilation, request: request, packs: request.rules.map(\.pack))
            let differences = manifest.differences(from: current)
            guard differences.isEmpty else {
                throw LedgerError([.error("the result is stale: it does not belong to this audit", at: nil,
                                          hint: "run `loancheck sql` again and the new script on the engine, then import its result",
                                          notes: differences.map { Diagnostic.Note($0) })])
            }
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
                throw LedgerError([.error("\(client) read \(read[0]) loans, \(read[1]) fundings rows and \(read[2]) "
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

    /// Runs the script (or reads the imported result); a failure keeps the script for inspection and
    /// says where.
    private func runEngine(_ compilation: SQLCompilation) -> Result<SQLResult, LedgerError> {
        let driver: SQLDriver
        switch runner {
        case .imported(let bytes, _, _):
            do {
                return .success(try SQLResult(csv: bytes))
            } catch {
                return .failure(LedgerError([.error("the imported result cannot be read: \(error.message)", at: nil,
                                                    hint: "import the CSV the script's last query wrote, with its header line")]))
            }
        case .driver(let value): driver = value
        }
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
            return .failure(LedgerError([.error("\(client) returned a result loancheck cannot read: \(malformed.message)",
                                                at: nil, hint: "the script and the output are kept in \(directory)")]))
        } catch {
            return .failure(LedgerError([.error("\(client) failed", at: nil)]))
        }
    }
}
