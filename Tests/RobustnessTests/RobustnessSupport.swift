import Foundation
import LoanCheckTestSupport
import Testing

/// A temporary directory for generated inputs, removed when the value goes away.
final class Scratch {
    let path: String

    init() throws { path = try LoanCheckBinary.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (UTF-8) to `name` under the directory, creating folders; returns the name.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = URL(fileURLWithPath: path + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return name
    }

    /// Streams a large file: `header`, then `chunk` repeated until the file has at least `size` bytes,
    /// then `trailer`. Never holds more than one chunk in memory.
    func writeLarge(_ name: String, header: String, chunk: String, size: Int, trailer: String = "") throws {
        let full = path + "/" + name
        try #require(FileManager.default.createFile(atPath: full, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: full))
        defer { try? handle.close() }
        var written = 0
        try handle.write(contentsOf: Data(header.utf8))
        written += header.utf8.count
        let block = Data(String(repeating: chunk, count: max(1, (1 << 20) / max(1, chunk.utf8.count))).utf8)
        while written < size {
            try handle.write(contentsOf: block)
            written += block.count
        }
        try handle.write(contentsOf: Data(trailer.utf8))
    }

    func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 150) throws -> LoanCheckBinary.Output {
        try LoanCheckBinary.run(arguments, in: path, environment: environment, timeout: timeout)
    }
}

/// Valid documents to build hostile variants from.
enum Documents {
    static let institution = """
        kind: Institution
        id: mlc-a
        name: 甲小贷
        type: microlender
        registered_in: CN-GD
        capital: {registered: 5亿, paid_in: 5亿}
        financials: {as_of: 2025-12-31, net_assets: 6亿, nonstandard_financing: 4亿, standard_financing: 10亿}

        """

    /// A product of `mlc-a`; each argument replaces one value (the line numbers do not change:
    /// credit_line is line 8, rate line 12, disclosed_apr line 13, regions line 14).
    static func product(
        id: String = "p-1", min: String = "500", max: String = "20万", rate: String = "0.05% per day",
        disclosedApr: String = "18.25%", extra: String = ""
    ) -> String {
        """
        kind: LoanProduct
        id: \(id)
        name: 产品
        lender: mlc-a
        borrower: individual
        purpose: consumption
        secured: false
        credit_line: {min: \(min), max: \(max)}
        term: 12 months
        repayment: equal-installment
        pricing:
          rate: \(rate)
          disclosed_apr: \(disclosedApr)
        regions: [CN-GD]
        \(extra)
        """
    }
}

extension LoanCheckBinary.Output {
    /// The `file:line:col: error: message…` header lines of the diagnostics on standard error.
    var errorLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") && !$0.hasPrefix(" ") }
    }

    /// Whether standard error has an error at `file:line:col` (column optional) whose message starts
    /// with `message`.
    func hasError(_ file: String, line: Int, column: Int? = nil, _ message: String) -> Bool {
        let prefix = column.map { "\(file):\(line):\($0): error: " } ?? "\(file):\(line):"
        return errorLines.contains { header in
            guard header.hasPrefix(prefix) else { return false }
            guard let range = header.range(of: ": error: ") else { return false }
            return header[range.upperBound...].hasPrefix(message)
        }
    }

    /// A summary for failed expectations.
    var summary: String {
        "exit \(shellStatus)\(timedOut ? " (killed after the timeout: a hang)" : "")\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(4000))"
    }
}

/// Every hostile run must end by itself, without a crash.
func expectNoCrashOrHang(_ output: LoanCheckBinary.Output, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!output.timedOut, "loancheck hung: \(output.summary)", sourceLocation: sourceLocation)
    #expect(!output.crashed && output.shellStatus < 128, "loancheck crashed: \(output.summary)", sourceLocation: sourceLocation)
}

/// No child run so far used more than `LOANCHECK_TEST_MEMORY_MB` (default 2048) megabytes resident.
func expectBoundedMemory(sourceLocation: SourceLocation = #_sourceLocation) {
    let limit = ProcessInfo.processInfo.environment["LOANCHECK_TEST_MEMORY_MB"].flatMap(Int.init) ?? 2_048
    let peak = LoanCheckBinary.peakChildMemoryMB()
    #expect(peak < limit, "a loancheck run used \(peak) MB", sourceLocation: sourceLocation)
}
