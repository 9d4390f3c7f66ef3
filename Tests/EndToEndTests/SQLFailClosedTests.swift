import Foundation
import LoanCheckTestSupport
import Testing

extension SQLConformanceTests {
    /// Bad inputs to the SQL engines and to `loancheck import` stop with exit 2 and a clear message —
    /// never a report. The cases that need no engine always run.
    @Suite struct FailClosed {
        typealias L = LoanCheckBinary
        typealias C = SQLConformance

        private func tape(_ loans: String = SQLTapes.loans) throws -> String { try C.directory(SQLTapes.files(loans: loans)) }

        // MARK: - Clients

        @Test(arguments: [("duckdb", "LOANCHECK_DUCKDB", "duckdb"), ("postgres", "LOANCHECK_PSQL", "psql"),
                          ("spark", "LOANCHECK_SPARK", "spark-submit")])
        func aClientThatIsNotExecutableIsAnErrorNamingTheVariable(_ engine: String, _ variable: String, _ client: String) throws {
            let directory = try tape()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let result = try L.run(["audit", directory, "--as-of", C.asOf, "--engine", engine], environment: [variable: "/nonexistent"])
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == """
                loancheck: error: \(variable)=/nonexistent is not an executable file
                  hint: point \(variable) at the \(client) client, or unset it to use the one on PATH
                loancheck: 1 error in the ledger input; nothing was audited

                """)
        }

        @Test func aClientNotOnPathIsAnErrorSayingHowToInstallIt() throws {
            let directory = try tape()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let result = try L.run(["audit", directory, "--as-of", C.asOf, "--engine", "duckdb"],
                                   environment: ["LOANCHECK_DUCKDB": "", "PATH": "/nonexistent"])
            #expect(result.status == 2)
            #expect(result.stderr == """
                loancheck: error: --engine duckdb needs the `duckdb` client, which is not on PATH
                  hint: install it (scripts/ensure-sql-engines.sh duckdb) or set LOANCHECK_DUCKDB to its path
                loancheck: 1 error in the ledger input; nothing was audited

                """)
        }

        // MARK: - The tape

        /// loancheck checks a local tape itself while the engine runs: its errors are the stream engine's,
        /// at the same lines and columns.
        @Test(.enabled(if: !SQLTapes.availableEngines.isEmpty)) func aLocalTapeWithErrorsGivesTheStreamEnginesErrors() throws {
            let loans = SQLTapes.header + """
                L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,150.00,20%,CN-GD
                L2,oml-b,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD
                L5,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,23.5,CN-GD
                L3,oml-a,B2,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,广东

                """
            let directory = try tape(loans)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let stream = try C.audit([directory], engine: "stream")
            #expect(stream.status == 2)
            #expect(stream.stderr.contains("\(directory)/tape/loans.csv:2:65: error: balance: the balance (¥150.00) is above the principal"))
            #expect(stream.stderr.contains("\(directory)/tape/loans.csv:3:4: error: lender: no institution 'oml-b' is loaded"))
            #expect(stream.stderr.contains("\(directory)/tape/loans.csv:4:71: error: apr: a percentage needs a % sign"))
            #expect(stream.stderr.hasSuffix("loancheck: 3 errors in the ledger input; nothing was audited\n"))
            for engine in SQLTapes.availableEngines {
                let result = try C.audit([directory], engine: engine)
                #expect(result.status == 2)
                // The JSON report asked for holds the same input errors (they reach every report format).
                #expect(C.firstDifference(result.stdout, stream.stdout) == nil, "\(engine)")
                #expect(C.firstDifference(result.stderr, stream.stderr) == nil, "\(engine)")
            }
        }

        /// A spelling the unit parser reads but the SQL engines do not (a thin space, U+2009) stops the
        /// audit, naming the cell — it is never read as empty.
        @Test(.enabled(if: !SQLTapes.availableEngines.isEmpty)) func aCellOnlyLoancheckReadsStopsTheAuditAtTheCell() throws {
            let loans = SQLTapes.loans.replacingOccurrences(of: "100.00,50.00", with: "\u{2009}100.00,50.00")
            let directory = try tape(loans)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(try C.audit([directory], engine: "stream").status == 1)
            for engine in SQLTapes.availableEngines {
                let result = try C.audit([directory], engine: engine)
                #expect(result.status == 2)
                #expect(result.stderr == """
                    loancheck: error: \(directory)/tape/loans.csv, record 1, loan L1: the SQL engines cannot read this cell (principal '\u{2009}100.00'), although loancheck's own reader does
                      hint: the SQL engines read plain spellings (150000.00, 23.5%, 2024-06-30, CN-GD or 广东); rewrite the cell, or audit with --engine stream
                    loancheck: 1 error in the ledger input; nothing was audited

                    """, "\(engine)")
            }
        }

        // MARK: - Imported results

        /// A printed script's manifest, the tape and a result file, in a fresh directory.
        private struct Printed {
            let directory: String
            let tape: String
            let manifest: String
            let result: String

            init(result text: String) throws {
                directory = try L.temporaryDirectory()
                tape = directory + "/tape"
                for (path, content) in SQLTapes.files(loans: SQLTapes.loans) {
                    let file = tape + "/" + path
                    try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                            withIntermediateDirectories: true)
                    try content.write(toFile: file, atomically: true, encoding: .utf8)
                }
                manifest = directory + "/manifest.json"
                result = directory + "/result.csv"
                let printed = try L.run(["sql", "--dialect", "duckdb", tape, "--as-of", C.asOf, "--output", directory + "/script.sql",
                                         "--manifest", manifest])
                try #require(printed.status == 0, "\(printed.stderr)")
                try text.write(toFile: result, atomically: true, encoding: .utf8)
            }

            func importing(asOf: String = C.asOf, _ extra: [String] = []) throws -> LoanCheckBinary.Output {
                try L.run(["import", result, "--manifest", manifest, tape, "--as-of", asOf] + extra)
            }

            func remove() { try? FileManager.default.removeItem(atPath: directory) }
        }

        static let header = "section,rule,k,severity,status,a,b,c,d,e\n"
        static let null = "\u{1E}"
        /// The result's `rows` line for the small tape: 3 loans, 2 fundings rows, no borrower groups.
        static let rows = "rows,\(null),\(null),\(null),\(null),3,2,0,\(null),\(null)\n"

        @Test func aResultOfAnotherTapeOrDateIsStaleAndEachReasonIsNamed() throws {
            let printed = try Printed(result: Self.header + Self.rows)
            defer { printed.remove() }
            try (SQLTapes.loans + "L4,oml-a,B4,individual,consumption,2025-01-10,2025-01-10,1.00,1.00,18%,CN-GD\n")
                .write(toFile: printed.tape + "/tape/loans.csv", atomically: true, encoding: .utf8)
            let result = try printed.importing(asOf: "2026-11-23", ["--max-findings-per-rule", "5"])
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == """
                loancheck: error: the result is stale: it does not belong to this audit
                  note: the as-of date was 2026-11-22, now 2026-11-23
                  note: --max-findings-per-rule was 1000, now 5
                  note: \(printed.tape)/tape/loans.csv has changed since the script was compiled
                  hint: run `loancheck sql` again and the new script on the engine, then import its result
                loancheck: 1 error in the ledger input; nothing was audited

                """)
        }

        @Test func aResultOfOtherRulesIsStale() throws {
            let printed = try Printed(result: Self.header + Self.rows)
            defer { printed.remove() }
            let result = try printed.importing(["--disable-rule", "CN-RATE-LOAN-APR-24"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("loancheck: error: the result is stale: it does not belong to this audit\n"
                + "  note: the documents, schema or waivers compile to another script now (sha256 "))
        }

        @Test func aFileThatIsNotTheScriptsResultIsAnError() throws {
            let printed = try Printed(result: "loan_id,lender\nL1,oml-a\n")
            defer { printed.remove() }
            let result = try printed.importing()
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("""
                loancheck: error: the imported result cannot be read: the engine printed no result (no line 'section,rule,k,severity,status,a,b,c,d,e')
                  hint: import the CSV the script's last query wrote, with its header line

                """))
        }

        /// An empty or cut result (its header, no `rows` line) was read as an audit without a finding.
        @Test func aResultWithoutItsRowCountsIsIncomplete() throws {
            for text in [Self.header, Self.header + "total,CN-RATE-LOAN-APR-24,\(Self.null),error,pass,3,,,,\n"] {
                let printed = try Printed(result: text)
                defer { printed.remove() }
                let result = try printed.importing()
                #expect(result.status == 2)
                #expect(result.stdout == "")
                #expect(result.stderr.hasPrefix("loancheck: error: the imported result is incomplete: it has no 'rows' line"))
            }
        }

        /// A number no engine prints, in a result a user edited: an error, not a crash or a hang.
        @Test func anOutOfRangeNumberInAResultIsAnError() throws {
            let group = "group,CN-MLC-ONLINE-CONSUMER-LOANS,oml-a/B1,error,fail,1E9223372036854775807,200000,1,oml-a\u{1F}B1,\(Self.null)\n"
            let printed = try Printed(result: Self.header + Self.rows + group)
            defer { printed.remove() }
            let result = try printed.importing()
            #expect(!result.crashed && !result.timedOut)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("loancheck: error: internal error: the SQL engine's result has a group row without its key, sum or count"))
        }
    }
}
