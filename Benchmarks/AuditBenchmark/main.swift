import Compliance
import Diagnostics
import Dispatch
import FoundationEssentials
import LoanDomain
import Reporting
import RuleLanguage
import Synchronization
import YAML

#if canImport(Glibc)
import Glibc
#endif

/// The audit benchmark (docs/performance.md):
///
///     AuditBenchmark generate N DIR [--single-file]   write a synthetic corpus of N products
///     AuditBenchmark institutions N DIR --shape chain|star|none [--single-file]
///                                                     write N institutions linked in that shape
///     AuditBenchmark phases DIR [--rules RULES]       time each phase of an audit of DIR in-process
///     AuditBenchmark generate-ledger N DIR            write a loan tape of N loans with injected cases
///
/// `scripts/benchmark.sh` drives the product corpora, and compares the end-to-end `loancheck audit` with a
/// libyaml-only parse of the same files (the floor); `scripts/benchmark-ledger.sh` drives
/// `generate-ledger` (docs/performance.md, "Ledger audits").
enum AuditBenchmark {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "generate":
            guard arguments.count >= 3, let count = Int(arguments[1]) else { usage() }
            let generator = CorpusGenerator(products: count, singleFile: arguments.contains("--single-file"))
            let files = try generator.write(to: arguments[2])
            print("wrote \(count) products in \(files) file\(files == 1 ? "" : "s") under \(arguments[2])")
        case "generate-ledger":
            guard arguments.count == 3, let count = Int(arguments[1]) else { usage() }
            let summary = try LedgerTapeGenerator(rows: count).write(to: arguments[2])
            print("wrote \(summary.loans) loans (\(summary.jointLoans) joint), \(summary.bytes) bytes of CSV under \(arguments[2])")
        case "institutions":
            guard arguments.count >= 3, let count = Int(arguments[1]), count > 0,
                  let shape = arguments.firstIndex(of: "--shape").flatMap({ arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil })
                      .flatMap(InstitutionCorpus.Shape.init(rawValue:)) else { usage() }
            let corpus = InstitutionCorpus(count: count, shape: shape, singleFile: arguments.contains("--single-file"))
            let files = try corpus.write(to: arguments[2])
            print("wrote \(count) institutions (\(shape.rawValue)) in \(files) file\(files == 1 ? "" : "s") under \(arguments[2])")
        case "sizes":
            print("Value", MemoryLayout<Value>.size, "Ratio", MemoryLayout<Ratio>.size, "SourceLocation?", MemoryLayout<SourceLocation?>.size,
                  "RuleCheck", MemoryLayout<RuleCheck>.size, "Finding", MemoryLayout<Finding>.size)
        case "phases":
            guard arguments.count >= 2 else { usage() }
            let rules = arguments.firstIndex(of: "--rules").map { arguments[$0 + 1] } ?? RulesDirectory.locate()
            try phases(directory: arguments[1], rules: rules)
        default:
            usage()
        }
    }

    static func usage() -> Never {
        print("usage: AuditBenchmark generate N DIR [--single-file] | institutions N DIR --shape chain|star|none [--single-file]"
              + " | phases DIR [--rules RULES] | generate-ledger N DIR")
        exit(2)
    }

    static func phases(directory: String, rules rulesDirectory: String?) throws {
        let clock = ContinuousClock()
        var timings: [(String, Duration, Int)] = []
        func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
            let start = clock.now
            let result = try work()
            timings.append((name, clock.now - start, currentResidentMB()))
            return result
        }
        let total = clock.now
        let rules = try measure("compile packs") { try PackLoader().load(shipped: rulesDirectory, extra: []) }
        let files = measure("discover") { InputDiscovery().discover([directory]).files }
        // Parsed as the audit parses (flat documents, no tree), but all kept, so that loading is timed apart.
        let streams = try measure("parse (YAML)") { () throws -> [ParsedFlatStream] in
            let results = Mutex<[Int: ParsedFlatStream]>([:])
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                do {
                    var documents: [FlatDocument] = []
                    _ = try YAMLReader.parseFlatFile(atPath: files[index]) { documents.append($0) }
                    results.withLock { $0[index] = ParsedFlatStream(file: files[index], documents: documents) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            if let first = failures.withLock({ $0.first }) { throw BenchmarkError(message: first) }
            return results.withLock { all in (0..<files.count).compactMap { all[$0] } }
        }
        let outcome = measure("load and validate") { DocumentLoader(schema: rules.schema).load(flatStreams: streams) }
        guard !outcome.hasErrors else { throw BenchmarkError(message: outcome.diagnostics.prefix(3).map { $0.description }.joined(separator: "\n")) }
        let asOf = CivilDate(year: 2026, month: 11, day: 22) ?? CivilDate(dayNumber: 0)
        let report = try measure("evaluate") { () throws -> AuditReport in
            switch Auditor(rules: rules, toolVersion: "bench").audit(outcome, asOf: asOf, language: .en, warnExpiringDays: 30, baseline: nil) {
            case .success(let report): return report
            case .failure(let error): throw BenchmarkError(message: error.description)
            }
        }
        let json = measure("report (json)") { ReportRenderer.render(report, format: .json) }
        let elapsed = clock.now - total
        let products = outcome.documents.products.count
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("files \(files.count), products \(products), institutions \(outcome.documents.institutions.count), findings \(report.findings.count), json \(json.utf8.count) bytes")
        for (name, duration, resident) in timings {
            print("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(milliseconds(duration).padding(toLength: 6, withPad: " ", startingAt: 0)) ms   RSS after: \(resident) MB")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("  total                \(milliseconds(elapsed)) ms, \(Int(Double(products) / max(seconds, 1e-9))) products/s, peak RSS \(usage.ru_maxrss / 1024) MB")
    }

    /// Resident set size now (Linux `/proc/self/statm`), in MB.
    static func currentResidentMB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1024 * 1024)
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(Int(value.rounded()))
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension String {
    func padding(toLength length: Int, withPad pad: String, startingAt _: Int) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}

try AuditBenchmark.main()
