import Compliance
import Diagnostics
import FoundationEssentials
import LedgerTape
import LoanDomain
import RuleLanguage

/// Runs ledger rules' pack test cases through an engine: each case's inline tables are written to a
/// scratch directory and audited like a real tape (same reader, same engine, same findings).
public enum LedgerPackTests {
    public static func runner(engine: any LedgerEngine) -> LedgerTestRunner {
        { outcome, tape, pack, rule, asOf in
            let directory = FileManager.default.temporaryDirectory.path + "/loancheck-pack-test-\(UInt64.random(in: 0...UInt64.max))"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                return .failure(PackTestProblems(["cannot create a scratch directory: \(error)"]))
            }
            var sources: [TapeTable: TableSource] = [:]
            for table in TapeTable.allCases {
                guard let (text, location) = tape.tables[table.rawValue] else { continue }
                let path = directory + "/" + table.rawValue + ".csv"
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                    return .failure(PackTestProblems(["cannot write \(path)"]))
                }
                sources[table] = TableSource(table: table, files: [path], external: [], delimiter: UInt8(ascii: ","), columns: [:],
                                             location: location)
            }
            guard let loans = sources[.loans] else { return .failure(PackTestProblems(["the tape has no loans table"])) }
            let schema = LedgerSchema(id: "pack-test", asOf: tape.asOf, file: directory + "/schema.yaml", location: loans.location,
                                      asOfLocation: loans.location, loans: loans, fundings: sources[.fundings],
                                      borrowerGroups: sources[.borrowerGroups])
            guard let entry = LedgerRequest.RuleEntry(pack: pack, rule: rule) else {
                return .failure(PackTestProblems(["\(rule.id) is not a ledger rule"]))
            }
            let request = LedgerRequest(schemas: [schema], rules: [entry], documents: outcome.documents, asOf: asOf,
                                        maxFindingsPerRule: 0, waivedKeys: [:], failuresDirectory: nil)
            do throws(LedgerError) {
                let run = try engine.run(request)
                return .success(LedgerFindingBuilder(request: request).findings(run))
            } catch {
                return .failure(PackTestProblems(error.diagnostics.map { "tape error: \($0)" }))
            }
        }
    }
}
