import Foundation
import LoanCheckTestSupport
import Testing

/// Ledger audits through the built binary: tapes read strictly (every bad cell located), the same
/// findings however the file is written or split, true totals under a cap, every failure in
/// `--failures-out`.
@Suite(.serialized) struct LedgerAuditTests {
    typealias L = LoanCheckBinary

    static let institutions = SmallLedgerTape.institutions

    static let schema = SmallLedgerTape.schema
    static let header = SmallLedgerTape.header

    private func tape(_ loans: String, fundings: String = "loan_id,institution,share\n", schema: String = schema) throws -> String {
        let directory = try L.temporaryDirectory()
        try Self.institutions.write(toFile: directory + "/institutions.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/tape", withIntermediateDirectories: true)
        try schema.write(toFile: directory + "/tape/schema.yaml", atomically: true, encoding: .utf8)
        try loans.write(toFile: directory + "/tape/loans.csv", atomically: true, encoding: .utf8)
        try fundings.write(toFile: directory + "/tape/fundings.csv", atomically: true, encoding: .utf8)
        return directory
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aBadCellIsAnErrorAtItsColumnWithTheLineAndAHint() throws {
        let directory = try tape(Self.header + "L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,23.5,CN-GD\n")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("""
            \(directory)/tape/loans.csv:2:71: error: apr: a percentage needs a % sign
              2 | L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,23.5,CN-GD
                |                                                                       ^
              hint: write 23.5%, or set `format: fraction` for 0.235-style cells
            """))
        #expect(result.stderr.contains("loancheck: 1 error in the ledger input; nothing was audited"))
    }

    @Test func everyKindOfTapeErrorIsReportedAndBounded() throws {
        var loans = Self.header
        loans += "L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,150.00,20%,CN-GD\n"  // balance above principal
        loans += "L2,oml-b,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"   // unknown lender
        loans += "L3,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"
        loans += "L3,oml-a,B2,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,20%,CN-GD\n"   // duplicate id
        for index in 0..<150 { loans += "X\(index),oml-a,B9,someone,consumption,2025-01-10,2025-01-10,1.00,1.00,20%,CN-GD\n" }
        let fundings = "loan_id,institution,share\nL3,bank-a,70%\nL3,oml-a,29.99%\nL9,bank-a,100%\n"
        let directory = try tape(loans, fundings: fundings)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(result.status == 2)
        let file = directory + "/tape/loans.csv"
        #expect(result.stderr.contains("\(file):2:65: error: balance: the balance (¥150.00) is above the principal (¥100.00)"))
        #expect(result.stderr.contains("\(file):3:4: error: lender: no institution 'oml-b' is loaded"))
        #expect(result.stderr.contains("hint: did you mean 'oml-a'?"))
        #expect(result.stderr.contains("\(file):5:1: error: duplicate loan_id 'L3'"))
        #expect(result.stderr.contains("\(directory)/tape/fundings.csv:2:11: error: the shares of loan 'L3' add up to 99.99%, not exactly 100%"))
        #expect(result.stderr.contains("\(directory)/tape/fundings.csv:4:1: error: fundings name loan 'L9', which is not in the loans table"))
        #expect(result.stderr.contains("\(file):6:13: error: borrower_type: 'someone' is not one of individual, business"))
        #expect(result.stderr.contains("loancheck: error: 50 more bad cell errors in the tape are not listed"))
        let badCellLines = result.stderr.split(separator: "\n").filter { $0.contains("error: borrower_type:") }
        #expect(badCellLines.count == 100)
    }

    @Test func theSameTapeGivesTheSameFindingsWhateverItsLayoutOrSize() throws {
        // 40,000 loans (over 1 MB, so the scan is split across threads), one borrower over the cap.
        var lf = Self.header
        for index in 0..<40_000 {
            let borrower = index % 20_000
            lf += "L\(index),oml-a,\"B\(borrower)\",individual,consumption,2025-01-10,2025-01-10,100000.00,100000.00,\"18%\",CN-GD\n"
        }
        lf += "LX,oml-a,\"B7\",individual,consumption,2025-01-10,2025-01-10,0.01,0.01,18%,CN-GD\n"
        let crlf = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: "\r\n")
        var reports: [String] = []
        for text in [lf, crlf] {
            let directory = try tape(text)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let result = try L.run(["audit", directory, "--as-of", "2026-11-22", "--format", "json"])
            #expect(result.status == 1)
            let report = try json(result.stdout)
            let findings = try #require(report["findings"] as? [[String: Any]])
            let rules = findings.map { "\($0["rule"] ?? "") \(($0["subject"] as? [String: Any])?["id"] ?? "")" }
            reports.append(rules.joined(separator: "\n"))
            let byRule = try #require((report["summary"] as? [String: Any])?["byRule"] as? [String: Any])
            let consumer = try #require(byRule["CN-MLC-ONLINE-CONSUMER-LOANS"] as? [String: Any])
            #expect(consumer["checked"] as? Int == 20_000 && consumer["error"] as? Int == 1)
            #expect((byRule["CN-RATE-LOAN-APR-24"] as? [String: Any])?["checked"] as? Int == 40_001)
        }
        #expect(reports[0] == "CN-MLC-ONLINE-CONSUMER-LOANS oml-a/B7")
        #expect(reports[0] == reports[1])
    }

    @Test func aCappedListKeepsTrueTotalsAndFailuresOutListsAll() throws {
        var loans = Self.header
        for index in 0..<5 { loans += "L\(index),bank-a,B\(index),individual,consumption,2025-01-10,2025-01-10,100.00,50.00,25%,CN-GD\n" }
        let directory = try tape(loans)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/failures"
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22", "--format", "json", "--max-findings-per-rule", "2",
                                "--failures-out", out])
        #expect(result.status == 1)
        let report = try json(result.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.compactMap { ($0["subject"] as? [String: Any])?["id"] as? String } == ["L0", "L1"])
        #expect((report["summary"] as? [String: Any])?["error"] as? Int == 5)
        let csv = try String(contentsOfFile: out + "/CN-RATE-LOAN-APR-24.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "rule,severity,status,loan_id,lender,file,line")
        #expect(lines.count == 6)
        #expect(lines[5] == "CN-RATE-LOAN-APR-24,error,violation,L4,bank-a,\(directory)/tape/loans.csv,6")
        // A rule with nothing failing still gets its (empty) file.
        #expect(try String(contentsOfFile: out + "/CN-MLC-ONLINE-CONSUMER-LOANS.csv", encoding: .utf8)
                == "rule,severity,status,key,lender,borrower,actual,bound,loans\n")
    }

    /// The listed failures are the first in loan-id byte order, wherever they sit in the tape, so every
    /// engine lists the same loans ("L10" sorts before "L2").
    @Test func aCappedListTakesTheSmallestLoanIdsInByteOrder() throws {
        var loans = Self.header
        for index in (0..<12).reversed() {
            loans += "L\(index),bank-a,B\(index),individual,consumption,2025-01-10,2025-01-10,100.00,50.00,25%,CN-GD\n"
        }
        let directory = try tape(loans)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22", "--format", "json", "--max-findings-per-rule", "3"])
        #expect(result.status == 1)
        let report = try json(result.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.compactMap { ($0["subject"] as? [String: Any])?["id"] as? String } == ["L0", "L1", "L10"])
        #expect((report["summary"] as? [String: Any])?["error"] as? Int == 12)
    }

    @Test func aColumnMappingReadsAnotherLayout() throws {
        let schema = """
            kind: LedgerSchema
            id: east
            as_of: 2026-10-31
            loans: {files: [loans.csv], delimiter: "|"}
            fundings: {files: [fundings.csv]}
            columns:
              loan_id: XDJJH
              lender: NBJGH
              borrower_id: KHBH
              borrower_type: {column: KHLX, values: {"1": individual, "2": business}}
              purpose: {column: DKYT, values: {"01": consumption, "02": business}}
              contract_date: {column: HTRQ, format: yyyyMMdd}
              disbursed_on: {column: FFRQ, format: yyyyMMdd}
              principal: {column: DKJE, format: fen}
              balance: {column: DKYE, format: fen}
              apr: {column: NHLL, format: fraction}
              region: SF

            """
        let loans = "XDJJH|NBJGH|KHBH|KHLX|DKYT|HTRQ|FFRQ|DKJE|DKYE|NHLL|SF|BZ\nJ1|bank-a|C1|1|01|20250110|20250110|1000000|500000|0.2401|广东|x\n"
        let directory = try tape(loans, schema: schema)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(directory)/tape/loans.csv:2:52: error[CN-RATE-LOAN-APR-24]: the loan's all-in APR is 24.01%; it must be ≤ 24%"))
    }

    @Test func aMappingToAColumnTheFileLacksIsAnErrorAtTheHeader() throws {
        let schema = Self.schema + "columns: {loan_id: XDJJH}\n"
        let directory = try tape(Self.header, schema: schema)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(directory)/tape/loans.csv:1:1: error: the loans table '\(directory)/tape/loans.csv' has no column 'XDJJH' (mapped from loan_id): 借据号, unique across the tape"))
        #expect(result.stderr.contains("note: \(directory)/tape/schema.yaml:6:20: mapped here"))
        #expect(result.stderr.contains("hint: the file's columns are loan_id, lender, borrower_id, borrower_type, purpose, contract_date, "
                                       + "disbursed_on, principal, balance, apr, region"))
    }

    @Test func aGroupWaiverNamesItsKeyAndAWaiverForAMissingLoanIsAnError() throws {
        var loans = Self.header
        loans += "L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,200000.01,200000.01,18%,CN-GD\n"
        let directory = try tape(loans)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let waiver = "kind: Waiver\nrule: CN-MLC-ONLINE-CONSUMER-LOANS\nsubject: oml-a/B1\nreason: r\napproved_by: a\nexpires: 2027-01-01\n"
        try waiver.write(toFile: directory + "/waiver.yaml", atomically: true, encoding: .utf8)
        let waived = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(waived.status == 0)
        #expect(waived.stdout.contains("0 errors, 0 warnings, 0 info, 0 cannot evaluate, 1 waived"))
        try waiver.replacingOccurrences(of: "oml-a/B1", with: "oml-a/B2").write(toFile: directory + "/waiver.yaml", atomically: true, encoding: .utf8)
        let missing = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: waiver names group 'oml-a/B2', which the tape does not have for rule CN-MLC-ONLINE-CONSUMER-LOANS"))
    }

    @Test func aTapeDatedAfterTheAuditIsAnError() throws {
        let directory = try tape(Self.header)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-10-30"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(directory)/tape/schema.yaml:3:8: error: the tape's as_of (2026-10-31) is after the audit's as-of date (2026-10-30)"))
    }
}
