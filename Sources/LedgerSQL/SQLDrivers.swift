#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An engine's own client, run on a compiled script: `duckdb`, `psql`, `spark-submit` (DESIGN §8.4).
public struct SQLDriver: Sendable {
    public enum Engine: String, Sendable, CaseIterable {
        case duckdb
        case postgres
        case spark

        public var dialect: SQLDialect {
            switch self {
            case .duckdb: .duckdb
            case .postgres: .postgres
            case .spark: .spark
            }
        }

        /// The variable that names the client, and the client looked up on `PATH` without it.
        var variable: String {
            switch self {
            case .duckdb: "LOANCHECK_DUCKDB"
            case .postgres: "LOANCHECK_PSQL"
            case .spark: "LOANCHECK_SPARK"
            }
        }

        var client: String {
            switch self {
            case .duckdb: "duckdb"
            case .postgres: "psql"
            case .spark: "spark-submit"
            }
        }
    }

    /// Why the engine gave no result: the client is missing, or it failed (its own message).
    public struct Failure: Error, Sendable {
        public let message: String
        public let hint: String?
        /// The engine's standard error, as it printed it.
        public let details: String
    }

    public let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    /// The client's path: `$LOANCHECK_…` if set, else the first on `PATH`.
    public func client() throws(Failure) -> String {
        if let value = getenv(engine.variable).map({ String(cString: $0) }), !value.isEmpty {
            guard let found = ProcessRunner.find(value) else {
                throw Failure(message: "\(engine.variable)=\(value) is not an executable file",
                              hint: "point \(engine.variable) at the \(engine.client) client, or unset it to use the one on PATH",
                              details: "")
            }
            return found
        }
        guard let found = ProcessRunner.find(engine.client) else {
            throw Failure(message: "--engine \(engine.rawValue) needs the `\(engine.client)` client, which is not on PATH",
                          hint: "install it (scripts/ensure-sql-engines.sh \(engine.rawValue)) or set \(engine.variable) to its path",
                          details: "")
        }
        return found
    }

    /// Runs `script` in `directory` (a private temporary directory) and returns the result's CSV bytes.
    public func run(script: String, directory: String) throws(Failure) -> [UInt8] {
        let executable = try client()
        let scriptPath = directory + "/script.sql"
        do {
            try ProcessRunner.write(script, to: scriptPath)
            let outcome: ProcessRunner.Outcome
            switch engine {
            case .duckdb:
                // -bail: stop at the first failing statement; NULL printed as a character no cell holds.
                outcome = try ProcessRunner.run(executable, arguments: ["-bail", "-csv", "-init", "/dev/null", "-nullvalue", SQLResult.null,
                                                                        "-c", ".read \(scriptPath)", ":memory:"],
                                                workingDirectory: directory)
            case .postgres:
                outcome = try ProcessRunner.run(executable, arguments: ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-P",
                                                                        "null=\(SQLResult.null)", "-f", scriptPath],
                                                workingDirectory: directory)
            case .spark:
                let runner = directory + "/runner.py"
                try ProcessRunner.write(SparkRunner.source, to: runner)
                let output = directory + "/result.csv"
                outcome = try ProcessRunner.run(executable, arguments: SparkRunner.submitArguments + [runner, scriptPath, output],
                                                environment: ["PYSPARK_PYTHON": SparkRunner.python(beside: executable)],
                                                workingDirectory: directory)
                if outcome.status == 0 { return ProcessRunner.readAll(output) }
            }
            guard outcome.status == 0 else { throw failure(outcome) }
            return outcome.standardOutput
        } catch let error as ProcessRunner.LaunchError {
            throw Failure(message: error.message, hint: nil, details: "")
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(message: "\(engine.client) failed", hint: nil, details: "")
        }
    }

    private func failure(_ outcome: ProcessRunner.Outcome) -> Failure {
        let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        // The engine's own first error line is the message; the rest is kept as it printed it.
        let first = lines.first { $0.localizedStandardContainsError } ?? lines.first ?? "exit status \(outcome.status)"
        let lowered = outcome.standardError.lowercased()
        let hint: String
        if lowered.contains("connection") || lowered.contains("could not connect") || lowered.contains("no such file or directory") && engine == .postgres {
            hint = "start the server, or point PGHOST, PGPORT, PGUSER, PGDATABASE at it (scripts/pg-test-cluster.sh start for a local one)"
        } else if lowered.contains("outofmemoryerror") || lowered.contains("out of memory") {
            hint = "give the engine more memory (Spark: SPARK_DRIVER_MEMORY / --driver-memory in spark-defaults.conf), or run it on a cluster"
        } else {
            hint = "the query is loancheck's: check the tape with `loancheck validate`, and report the error with the kept script"
        }
        let details = lines.filter { $0 != first }.suffix(30)
        return Failure(message: "\(engine.client) failed (exit \(outcome.status)): \(first)", hint: hint,
                       details: details.joined(separator: "\n"))
    }
}

extension String {
    /// A line of an engine's standard error that states the error (not a log line or a stack frame).
    fileprivate var localizedStandardContainsError: Bool {
        let lowered = lowercased()
        return lowered.hasPrefix("error") || lowered.contains(" error:") || lowered.hasPrefix("psql:") || lowered.contains("exception:")
    }
}
