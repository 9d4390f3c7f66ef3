import Compliance
import Foundation
@testable import LedgerSQL
import Testing

/// A printed script's manifest: a result is imported only when this audit compiles to the same script
/// from the same packs and tape bytes; every kind of staleness is named.
@Suite struct SQLManifestTests {
    static let script = String(repeating: "a", count: 64)
    static let otherScript = String(repeating: "b", count: 64)

    private func manifest(tool: String = "loancheck 1", dialect: String = "duckdb", asOf: String = "2026-11-22", maxFindingsPerRule: Int = 1000,
                          script: String = script, packs: [(String, String, String)] = [("p1", "2026.11", "11aa"), ("p2", "1", "22bb")],
                          tape: [(String, String)] = [("/t/loans.csv", "33cc"), ("/t/fundings.csv", "44dd")]) throws -> SQLManifest {
        let object: [String: Any] = [
            "formatVersion": 1, "tool": tool, "dialect": dialect, "asOf": asOf, "maxFindingsPerRule": maxFindingsPerRule,
            "script": script, "packs": packs.map { ["id": $0.0, "version": $0.1, "sha256": $0.2] },
            "tape": tape.map { ["path": $0.0, "sha256": $0.1] },
        ]
        return try SQLManifest.read(Array(try JSONSerialization.data(withJSONObject: object)))
    }

    @Test func theSameAuditIsFresh() throws {
        #expect(try manifest().differences(from: try manifest()) == [])
        // The tool that printed the script is not compared: the script's digest is.
        #expect(try manifest().differences(from: try manifest(tool: "loancheck 2")) == [])
    }

    @Test func eachSettingThatDiffersIsNamed() throws {
        let now = try manifest(dialect: "postgres", asOf: "2026-11-23", maxFindingsPerRule: 0)
        #expect(try manifest().differences(from: now) == [
            "the dialect was duckdb, now postgres",
            "the as-of date was 2026-11-22, now 2026-11-23",
            "--max-findings-per-rule was 1000, now 0",
        ])
    }

    @Test func aChangedAddedOrRemovedPackIsNamed() throws {
        let before = try manifest()
        #expect(before.differences(from: try manifest(packs: [("p1", "2026.11", "99ff"), ("p2", "1", "22bb")])) == [
            "rule pack p1 2026.11 (sha256 99ff…) is not the one the script was compiled from",
        ])
        #expect(before.differences(from: try manifest(packs: [("p1", "2026.12", "11aa"), ("p2", "1", "22bb")])) == [
            "rule pack p1 2026.12 (sha256 11aa…) is not the one the script was compiled from",
        ])
        #expect(before.differences(from: try manifest(packs: [("p1", "2026.11", "11aa"), ("p2", "1", "22bb"), ("p3", "1", "55ee")])) == [
            "rule pack p3 1 (sha256 55ee…) is not the one the script was compiled from",
        ])
        #expect(before.differences(from: try manifest(packs: [("p2", "1", "22bb")])) == [
            "rule pack p1 was loaded when the script was compiled, and is not now",
        ])
    }

    @Test func aChangedOrNewTapeFileIsNamed() throws {
        let before = try manifest()
        #expect(before.differences(from: try manifest(tape: [("/t/loans.csv", "0000"), ("/t/fundings.csv", "44dd")])) == [
            "/t/loans.csv has changed since the script was compiled",
        ])
        #expect(before.differences(from: try manifest(tape: [("/t/loans.csv", "33cc"), ("/t/fundings.csv", "44dd"), ("/t/more.csv", "66")]))
                == ["/t/more.csv is not a file of the tape the script was compiled for"])
    }

    @Test func anotherScriptIsNamedOnlyWhenNothingElseExplainsIt() throws {
        let before = try manifest()
        #expect(before.differences(from: try manifest(script: Self.otherScript)) == [
            "the documents, schema or waivers compile to another script now (sha256 bbbbbbbbbbbb…, was aaaaaaaaaaaa…)",
        ])
        // A file dropped from the tape changes the script (its sources are in it).
        #expect(before.differences(from: try manifest(script: Self.otherScript, tape: [("/t/loans.csv", "33cc")])) == [
            "the documents, schema or waivers compile to another script now (sha256 bbbbbbbbbbbb…, was aaaaaaaaaaaa…)",
        ])
        #expect(before.differences(from: try manifest(asOf: "2026-12-01", script: Self.otherScript)) == [
            "the as-of date was 2026-11-22, now 2026-12-01",
        ])
    }

    /// Built from a compilation: the local CSV files stamped with their bytes' digest, the script's
    /// digest, and a tape file edited afterwards found stale.
    @Test func aManifestStampsTheLocalFilesAndTheScript() throws {
        let scratch = try ScratchDirectory(SmallTape.files())
        defer { scratch.remove() }
        let rules = try SQLTestRequests.shippedRules()
        let request = try SQLTestRequests.request([scratch.path], rules: rules)
        let compilation = try SQLCompiler.compile(request, dialect: .duckdb)
        let manifest = SQLManifest(tool: "loancheck test", compilation: compilation, request: request, packs: request.rules.map(\.pack))
        #expect(manifest.dialect == "duckdb")
        #expect(manifest.asOf == "2026-11-22")
        #expect(manifest.maxFindingsPerRule == 1000)
        #expect(manifest.script == SHA256.hex(compilation.script.text))
        #expect(manifest.tape == [
            SQLManifest.Stamp(path: scratch.path + "/tape/loans.csv", sha256: SHA256.hex(SmallTape.loans)),
            SQLManifest.Stamp(path: scratch.path + "/tape/fundings.csv", sha256: SHA256.hex(SmallTape.fundings)),
        ])
        #expect(manifest.packs.map(\.id) == ["cn-bank-internet-lending-2020", "cn-bank-internet-lending-by-reference",
                                             "cn-bank-internet-lending-notice-2021", "cn-consumer-finance", "cn-interest-rate-caps",
                                             "cn-microlender"])
        #expect(try SQLManifest.read(Array(try manifest.json().utf8)) == manifest)

        try (SmallTape.loans + "L4,oml-a,B4,individual,consumption,2025-01-10,2025-01-10,1.00,1.00,18%,CN-GD\n")
            .write(toFile: scratch.path + "/tape/loans.csv", atomically: true, encoding: .utf8)
        let again = try SQLCompiler.compile(request, dialect: .duckdb)
        let now = SQLManifest(tool: "loancheck test", compilation: again, request: request, packs: request.rules.map(\.pack))
        #expect(manifest.differences(from: now) == ["\(scratch.path)/tape/loans.csv has changed since the script was compiled"])
    }
}
