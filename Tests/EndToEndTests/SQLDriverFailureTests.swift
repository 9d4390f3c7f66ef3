import Foundation
import LoanCheckTestSupport
import Testing

extension SQLConformanceTests {
    /// An engine that fails, or answers with less than the script's whole result, stops the audit with
    /// exit 2 and the engine's own message — never a report. The engines are stand-ins here (a shell
    /// script as `LOANCHECK_DUCKDB`, …, printing what the real client prints), so these always run.
    @Suite struct DriverFailures {
        typealias L = LoanCheckBinary
        typealias C = SQLConformance

        /// Audits the small tape with `engine`, its client being a shell script of `body`.
        private func audit(_ engine: String, variable: String, client body: String) throws -> (LoanCheckBinary.Output, String) {
            let directory = try C.directory(SQLTapes.files(loans: SQLTapes.loans))
            let client = directory + "/fake-client"
            try ("#!/bin/sh\n" + body + "\n").write(toFile: client, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: client)
            let result = try L.run(["audit", directory, "--as-of", C.asOf, "--engine", engine], environment: [variable: client])
            return (result, directory)
        }

        /// The lines of standard error; the directory the script was kept in is removed.
        private func head(_ result: LoanCheckBinary.Output) -> [String] {
            let lines = result.stderr.split(separator: "\n").map(String.init)
            for line in lines {
                guard let kept = line.range(of: " kept in /") else { continue }
                let path = "/" + line[kept.upperBound...].replacingOccurrences(of: "/script.sql", with: "")
                if path.contains("/loancheck-sql-") { try? FileManager.default.removeItem(atPath: path) }
            }
            return lines
        }

        @Test func aFailedQueryIsTheEnginesMessage() throws {
            let (result, directory) = try audit("duckdb", variable: "LOANCHECK_DUCKDB", client: """
                echo 'Binder Error: Referenced column "x" not found in FROM clause!' >&2
                echo 'LINE 1: SELECT x FROM lc_loan' >&2
                exit 1
                """)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(result.status == 2)
            #expect(result.stdout == "")
            let lines = head(result)
            #expect(lines.first == "loancheck: error: duckdb failed (exit 1): Binder Error: Referenced column \"x\" not found in FROM clause!")
            #expect(lines.contains("  note: LINE 1: SELECT x FROM lc_loan"))
            #expect(lines.contains("  hint: the query is loancheck's: check the tape with `loancheck validate`, and report the error with the kept script"))
        }

        @Test func noServerIsSaidWithHowToStartOne() throws {
            let (result, directory) = try audit("postgres", variable: "LOANCHECK_PSQL", client: """
                echo 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory' >&2
                exit 2
                """)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(result.status == 2)
            let lines = head(result)
            #expect(lines.first == "loancheck: error: psql failed (exit 2): psql: error: connection to server on socket "
                + "\"/var/run/postgresql/.s.PGSQL.5432\" failed: No such file or directory")
            #expect(lines.contains("  hint: start the server, or point PGHOST, PGPORT, PGUSER, PGDATABASE at it "
                + "(scripts/pg-test-cluster.sh start for a local one)"))
        }

        @Test func anEmptyOrCutResultIsIncomplete() throws {
            let (result, directory) = try audit("duckdb", variable: "LOANCHECK_DUCKDB", client: "echo 'section,rule,k,severity,status,a,b,c,d,e'")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(head(result).prefix(2) == [
                "loancheck: error: the result of duckdb is incomplete: it has no 'rows' line",
                "  hint: a result is the whole output of the script's last query, from its header line on",
            ])
        }

        @Test func noResultIsAnError() throws {
            let (result, directory) = try audit("duckdb", variable: "LOANCHECK_DUCKDB", client: "exit 0")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(result.status == 2)
            #expect(head(result).first == "loancheck: error: duckdb returned a result loancheck cannot read: the engine printed no result "
                + "(no line 'section,rule,k,severity,status,a,b,c,d,e')")
        }

        /// The engine read other rows than loancheck did (PostgreSQL's COPY stops at a line `\.`).
        @Test func otherRowCountsThanTheTapesAreAnError() throws {
            let (result, directory) = try audit("duckdb", variable: "LOANCHECK_DUCKDB", client: """
                echo 'section,rule,k,severity,status,a,b,c,d,e'
                printf 'rows,\\036,\\036,\\036,\\036,2,2,0,\\036,\\036\\n'
                """)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(result.status == 2)
            #expect(head(result).first == "loancheck: error: duckdb read 2 loans, 2 fundings rows and 0 borrower-group rows; "
                + "the tape has 3, 2 and 0")
        }
    }
}
