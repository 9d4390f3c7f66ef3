import Foundation
import LoanCheckTestSupport
import Testing

/// The SQL engines these tests can reach, from the environment `scripts/sql-conformance.sh` sets
/// (`scripts/ensure-sql-engines.sh`, `scripts/pg-test-cluster.sh start`): a test of an engine runs only
/// when its client is set and executable.
enum SQLEngines {
    static let environment = ProcessInfo.processInfo.environment

    static func executable(_ variable: String) -> String? {
        guard let path = environment[variable], !path.isEmpty, FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return path
    }

    static func onPath(_ name: String) -> String? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let duckdb = executable("LOANCHECK_DUCKDB")
    /// `psql` (`LOANCHECK_PSQL`, else on PATH) when `PGHOST` names a server.
    static let psql: String? = (environment["PGHOST"] ?? "").isEmpty ? nil : executable("LOANCHECK_PSQL") ?? onPath("psql")
    /// One Spark session takes about two minutes: only when asked for (`LOANCHECK_SPARK_CONFORMANCE=1`).
    static let spark: String? = environment["LOANCHECK_SPARK_CONFORMANCE"] == "1" ? executable("LOANCHECK_SPARK") : nil
    static let sqlglotPython = executable("LOANCHECK_SQLGLOT_PYTHON")
}

/// Running the built binary and the engines' clients, and comparing what they write.
enum SQLConformance {
    typealias L = LoanCheckBinary

    static let asOf = "2026-11-22"

    /// The first line where two texts differ, or nil when they are equal.
    static func firstDifference(_ left: String, _ right: String) -> String? {
        guard left != right else { return nil }
        let a = left.split(separator: "\n", omittingEmptySubsequences: false)
        let b = right.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? String(a[index]) : "<end>"
            let y = index < b.count ? String(b[index]) : "<end>"
            if x != y { return "line \(index + 1): \(x)  ≠  \(y)" }
        }
        return "the texts differ in their final line break"
    }

    /// `loancheck audit PATHS --engine ENGINE --format json` (and `--failures-out` when given).
    static func audit(_ paths: [String], engine: String, failuresOut: String? = nil, timeout: TimeInterval = 300) throws
        -> LoanCheckBinary.Output {
        var arguments = ["audit"] + paths + ["--as-of", asOf, "--format", "json", "--engine", engine]
        if let failuresOut { arguments += ["--failures-out", failuresOut] }
        return try L.run(arguments, timeout: timeout)
    }

    /// The engine's JSON report is the stream engine's, byte for byte, apart from the engine's name.
    static func expectSameReport(_ output: LoanCheckBinary.Output, engine: String, as stream: LoanCheckBinary.Output,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.status == stream.status, "\(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stdout.contains("\"engine\": \"\(engine)\""), sourceLocation: sourceLocation)
        let renamed = output.stdout.replacingOccurrences(of: "\"engine\": \"\(engine)\"", with: "\"engine\": \"stream\"")
        #expect(firstDifference(renamed, stream.stdout) == nil, sourceLocation: sourceLocation)
        #expect(output.stderr == stream.stderr, sourceLocation: sourceLocation)
    }

    /// Two `--failures-out` directories hold the same files with the same bytes.
    static func expectSameFiles(_ directory: String, as expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: expected).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == names, sourceLocation: sourceLocation)
        #expect(!names.isEmpty, sourceLocation: sourceLocation)
        for name in names {
            let got = (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "<missing>"
            let want = try String(contentsOfFile: expected + "/" + name, encoding: .utf8)
            #expect(firstDifference(got, want) == nil, "\(name)", sourceLocation: sourceLocation)
        }
    }

    /// Runs a client with its standard output into `outputFile`; the status and standard error.
    static func runClient(_ executable: String, _ arguments: [String], outputFile: String,
                          environment extra: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let errorFile = outputFile + ".stderr"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "")
    }

    /// A fresh directory holding `files` (relative paths).
    static func directory(_ files: [String: String], under name: String = "tape") throws -> String {
        let base = try L.temporaryDirectory()
        let root = base + "/" + name
        for (path, text) in files {
            let file = root + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return root
    }
}

/// A deterministic tape from `AuditBenchmark generate-ledger` (built beside `loancheck` by
/// `swift build`): every ledger rule's violations and exact boundary rows, `expected.json` with the
/// totals the audit must report, and the stream engine's report and `--failures-out` for it.
struct GeneratedTape {
    let directory: String
    let stream: LoanCheckBinary.Output
    let streamFailures: String
    /// Rule id → (error, warning, cannotEvaluate), from `expected.json`.
    let expected: [String: [Int]]

    init(loans: Int = 3000) throws {
        let generator = URL(fileURLWithPath: LoanCheckBinary.binary).deletingLastPathComponent().appendingPathComponent("AuditBenchmark").path
        try #require(FileManager.default.isExecutableFile(atPath: generator), "\(generator) is missing: run `swift build`")
        directory = try LoanCheckBinary.temporaryDirectory()
        let made = try SQLConformance.runClient(generator, ["generate-ledger", String(loans), directory + "/tape"],
                                                outputFile: directory + "/generate.out")
        try #require(made.status == 0, "\(made.stderr)")
        streamFailures = directory + "/failures-stream"
        stream = try SQLConformance.audit([directory + "/tape"], engine: "stream", failuresOut: streamFailures)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/tape/expected.json"))
        let totals = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["totals"] as? [String: [String: Int]])
        expected = totals.mapValues { [$0["error"] ?? -1, $0["warning"] ?? -1, $0["cannotEvaluate"] ?? -1] }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// `--engine ENGINE` on the tape: the stream engine's report and failures files, and the totals of
    /// `expected.json`.
    func expectConformance(engine: String, timeout: TimeInterval = 300, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(stream.status == 1, "\(stream.stderr)", sourceLocation: sourceLocation)
        let failures = directory + "/failures-" + engine
        let output = try SQLConformance.audit([directory + "/tape"], engine: engine, failuresOut: failures, timeout: timeout)
        SQLConformance.expectSameReport(output, engine: engine, as: stream, sourceLocation: sourceLocation)
        try SQLConformance.expectSameFiles(failures, as: streamFailures, sourceLocation: sourceLocation)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
                                  sourceLocation: sourceLocation)
        let byRule = try #require((report["summary"] as? [String: Any])?["byRule"] as? [String: [String: Any]], sourceLocation: sourceLocation)
        #expect(expected.count == 14, sourceLocation: sourceLocation)
        // Cannot-evaluate findings are counted apart from the violations (byRule's error leaves them out).
        for (rule, totals) in expected.sorted(by: { $0.key < $1.key }) {
            let got = ["error", "warning", "cannotEvaluate"].map { byRule[rule]?[$0] as? Int ?? -1 }
            #expect(got == totals, "\(rule)", sourceLocation: sourceLocation)
        }
    }
}
