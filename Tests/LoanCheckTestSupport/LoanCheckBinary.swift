import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `loancheck` binary as a user or CI would, for the end-to-end and robustness tests
/// (`LOANCHECK_BIN`, else beside the test bundle, else `.build/debug/loancheck`). Inputs may be huge or
/// hostile: output goes to files (a pipe could fill up and block the child), and a child that outlives
/// `timeout` is killed and reported as a hang.
public enum LoanCheckBinary {
    public struct Output: Sendable {
        public let status: Int32
        /// True when the child was killed by a signal (a crash: the shell would report 128 + signal).
        public let crashed: Bool
        public let timedOut: Bool
        public let stdout: String
        public let stderr: String

        /// The exit code a shell would show: the status, or 128 + the signal for a crash.
        public var shellStatus: Int32 { crashed ? 128 + status : status }
    }

    /// The checkout this file belongs to.
    public static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    public static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["LOANCHECK_BIN"], !path.isEmpty { return path }
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for directory in [bundle, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("loancheck").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repository + "/.build/debug/loancheck"
    }()

    /// Runs `loancheck arguments` in `directory` (default: the checkout) with `environment` added, stdin
    /// `standardInput` (default: empty), colours off and `LOANCHECK_RULES` and the `LOANCHECK_MAX_…` limits unset.
    /// `executable` runs another program the same way (a script that drives loancheck).
    public static func run(
        _ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:],
        timeout: TimeInterval = 120, standardInput: String? = nil, executable: String = binary
    ) throws -> Output {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var input: FileHandle?
        if let standardInput {
            let inPath = scratch + "/stdin"
            _ = FileManager.default.createFile(atPath: inPath, contents: Data(standardInput.utf8))
            input = FileHandle(forReadingAtPath: inPath)
        }
        defer { try? input?.close() }
        let outPath = scratch + "/stdout"
        let errPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? out.close()
            try? err.close()
        }

        let process = try start(arguments, in: directory, environment: extra, standardOutput: out, standardError: err,
                                standardInput: input, executable: executable)

        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let stdout = String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return Output(status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
                      timedOut: timedOut, stdout: stdout, stderr: stderr)
    }

    /// Starts `loancheck arguments` like `run` but without waiting, with standard output and standard
    /// error where the caller wants them (e.g. a pipe whose reading end is closed).
    public static func start(
        _ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:],
        standardOutput: FileHandle, standardError: FileHandle, standardInput: FileHandle? = nil, executable: String = binary
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? repository)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["LANG"] = "C"
        environment.removeValue(forKey: "LOANCHECK_RULES")
        // The input limits are the defaults unless a test sets them.
        for key in environment.keys where key.hasPrefix("LOANCHECK_MAX_") { environment.removeValue(forKey: key) }
        // A crash should end the child at once, not after the Swift backtracer has printed.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = standardInput ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The largest resident set, in megabytes, of any child process this test process has waited for.
    public static func peakChildMemoryMB() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Int(usage.ru_maxrss) / 1024  // kilobytes
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        return Int(usage.ru_maxrss) / (1024 * 1024)  // bytes
        #endif
    }

    /// A fresh temporary directory (removed by the caller).
    public static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "loancheck-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
