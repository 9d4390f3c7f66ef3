import LoanCheckTestSupport
import Compliance
import FoundationEssentials
import LedgerAudit
@testable import LedgerStream
import LoanDomain
import RuleLanguage
import Testing

/// A tape, the institutions it names and a one-rule test pack in a scratch directory, turned into the
/// request the stream engine runs (what `loancheck audit` builds, without the report).
struct StreamEngineFixture {
    let directory: String
    let request: LedgerRequest

    static let header = SmallLedgerTape.header

    static let institutions = SmallLedgerTape.institutions

    /// `ruleLines`: the rule's keys after its id, title, severity, dates, citation and message; `loans`:
    /// the loans table's files (`loans-1.csv`, `loans-2.csv`, …), each read as its own chunk at least.
    init(rule ruleLines: String, loans: [String], fundings: String = "loan_id,institution,share\n", asOf: String = "2026-11-22") throws {
        directory = FileManager.default.temporaryDirectory.path + "/loancheck-stream-\(UInt64.random(in: 0...UInt64.max))"
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/rules/schema", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: directory + "/tape", withIntermediateDirectories: true)
        let schema = try String(contentsOfFile: LedgerLoweringTests.repositoryRules + "/schema/documents.yaml", encoding: .utf8)
        let pack = """
            kind: RulePack
            id: stream-fixture
            version: "1"
            status: in-force
            title: {zh: t, en: t}
            authority: {zh: a, en: a}
            instrument: x
            rules:
              - id: T-LEDGER
                title: {zh: t, en: t}
                severity: error
                effective: 2020-01-01
                citation: {regulation: {zh: r, en: r}, article: 一, verified: false}
                message: {zh: m, en: m}
            \(ruleLines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

            """
        let names = loans.indices.map { "loans-\($0 + 1).csv" }
        var texts = [
            "rules/schema/documents.yaml": schema, "rules/pack.yaml": pack, "institutions.yaml": Self.institutions,
            "tape/schema.yaml": "kind: LedgerSchema\nid: t\nas_of: 2026-10-31\nloans: {files: [\(names.joined(separator: ", "))]}\n"
                + "fundings: {files: [fundings.csv]}\n",
            "tape/fundings.csv": fundings,
        ]
        for (name, text) in zip(names, loans) { texts["tape/" + name] = text }
        for (path, text) in texts {
            try #require(manager.createFile(atPath: directory + "/" + path, contents: Data(text.utf8)))
        }
        let rules = try PackLoader().load(shipped: directory + "/rules", extra: [])
        let outcome = DocumentLoader(schema: rules.schema).load(files: [directory + "/institutions.yaml", directory + "/tape/schema.yaml"])
        try #require(!outcome.hasErrors, "\(outcome.diagnostics)")
        let auditor = LedgerAuditor(rules: rules, engine: StreamEngine())
        request = try #require(try auditor.request(outcome, asOf: try UnitParser.date(asOf), options: .init()))
    }

    /// The path of the loans table's file `number` (1-based).
    func loansPath(_ number: Int) -> String { directory + "/tape/loans-\(number).csv" }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
