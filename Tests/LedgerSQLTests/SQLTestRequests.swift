import LoanCheckTestSupport
import Compliance
import Diagnostics
import Foundation
import LedgerAudit
import LoanDomain
import RuleLanguage
import Testing

/// Ledger requests built as `loancheck audit` and `loancheck sql` build them: rule packs through the
/// `PackLoader`, documents discovered and loaded from disk (a local CSV's header is read from the file),
/// the request made by a `LedgerAuditor` — so the compiler sees what the command line gives it.
enum SQLTestRequests {
    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The shipped packs.
    static func shippedRules() throws -> RuleSet {
        try PackLoader().load(shipped: repository + "/Rules", extra: [])
    }

    /// One pack (YAML text) beside the repository's document schema, without the shipped packs; the
    /// pack is written to `directory/pack.yaml`, so diagnostics name that file.
    static func rules(pack: String, in directory: String) throws -> RuleSet {
        let rulesDirectory = directory + "/rules"
        try FileManager.default.createDirectory(atPath: rulesDirectory + "/schema", withIntermediateDirectories: true)
        let schema = try String(contentsOfFile: repository + "/Rules/schema/documents.yaml", encoding: .utf8)
        try schema.write(toFile: rulesDirectory + "/schema/documents.yaml", atomically: true, encoding: .utf8)
        try pack.write(toFile: rulesDirectory + "/pack.yaml", atomically: true, encoding: .utf8)
        return try PackLoader().load(shipped: rulesDirectory, extra: [])
    }

    /// The request for the documents and tape under `paths`.
    static func request(_ paths: [String], rules: RuleSet, asOf: String = "2026-11-22", maxFindingsPerRule: Int = 1000,
                        failuresDirectory: String? = nil) throws -> LedgerRequest {
        let discovery = InputDiscovery().discover(paths)
        let outcome = DocumentLoader(schema: rules.schema).load(files: discovery.files)
        guard !outcome.hasErrors, discovery.diagnostics.isEmpty else {
            throw DiagnosticList(discovery.diagnostics + outcome.diagnostics)
        }
        let auditor = LedgerAuditor(rules: rules, engine: CompileOnly())
        let options = LedgerAuditor.Options(maxFindingsPerRule: maxFindingsPerRule, failuresDirectory: failuresDirectory)
        return try #require(try auditor.request(outcome, asOf: try UnitParser.date(asOf), options: options))
    }
}

/// The engine of a request that is only compiled in these tests.
struct CompileOnly: LedgerEngine {
    var name: String { "none" }
    func run(_ request: LedgerRequest) throws(LedgerError) -> LedgerRun {
        throw LedgerError([.error("these tests compile requests, they do not run them", at: nil)])
    }
}

/// A directory of files for one test (relative paths, parents created), removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init(_ files: [String: String]) throws {
        // Resolved: the compiler names local files by their real path (/tmp may be a link).
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        path = base + "/loancheck-sql-tests-\(UUID().uuidString)"
        for (name, text) in files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A small tape: two institutions, a LedgerSchema of local CSV files, one loan of each lender and a
/// joint loan.
enum SmallTape {
    static let institutions = SmallLedgerTape.institutions

    static let loansHeader = String(SmallLedgerTape.header.dropLast())

    static let loans = SmallLedgerTape.loans

    static let fundings = SmallLedgerTape.fundings

    /// The files of a tape read from local CSV (`schema` names them).
    static func files(schema: String = localSchema) -> [String: String] {
        ["institutions.yaml": institutions, "tape/schema.yaml": schema, "tape/loans.csv": loans, "tape/fundings.csv": fundings]
    }

    static let localSchema = "kind: LedgerSchema\nid: t\nas_of: 2026-10-31\nloans: {files: [loans.csv]}\nfundings: {files: [fundings.csv]}\n"

    /// The same tape as tables of the engine's catalogue (what Trino reads).
    static let tableSchema = """
        kind: LedgerSchema
        id: lake
        as_of: 2026-10-31
        loans: {table: hive.lending.loans}
        fundings: {table: hive.lending.fundings}
        borrower_groups: {table: hive.lending.borrower_groups}

        """
}
