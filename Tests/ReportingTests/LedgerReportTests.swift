import Compliance
import Foundation
@testable import Reporting
import Testing

/// The text, GitHub, JUnit and SARIF formats on a report with a ledger audit (`LedgerReportFixture`).
@Suite struct LedgerReportTests {
    @Test func textShowsTheTapeTheGroupsAndTheCap() throws {
        let text = ReportRenderer.render(try LedgerReportFixture.report(), format: .text)
        // The ledger findings come first (ledger/ sorts before products/); the quoted rows show the
        // borrower cell hashed — a quoted one ("B-3003") too — and the caret still points at the credit line.
        #expect(text.hasPrefix("""
        loancheck 0.9.0-test — as of 2025-11-22 — 2 packs, 6 documents, 1,204,562 loans (engine stream)

        ledger/loans.csv:2:1: error[TEST-BORROWER-BALANCE]: the balance of nb/borrower#63f0af8c is ¥200,000.01; it must be ≤ ¥200,000
          2 | L-0001,nb,weili-consumer,borrower#63f0af8c,individual,consumption,false,2024-01-05,2024-01-05,150000.00,150000.00,,18%,CN-GD
            | ^
          subject: LoanGroup nb/borrower#63f0af8c
          key: lender nb, borrower borrower#63f0af8c
          loans: 2, largest: L-0001 ¥150,000 (ledger/loans.csv:2), L-0002 ¥50,000.01 (ledger/loans.csv:3)
          evidence: actual ¥200,000.01, required ≤ ¥200,000
          detail: ¥200,000.01 over 2 loans (largest: L-0001 ¥150,000, L-0002 ¥50,000.01), required ≤ ¥200,000 (sum(loans, p => p.funded) <= param.balance_cap)
          parameter: balance_cap = ¥200,000 (from 2020-01-01)
          citation: Test Measures 第三条 (effective 2020-01-01)

        ledger/loans.csv:4:101: error[CN-BANK-LOAN-CREDIT-LINE]: the loan's credit line is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          4 | L-0003,nb,weili-consumer,borrower#be516691,individual,consumption,false,2024-03-01,2024-03-01,10000.00,8000.00,300000.00,18%,CN-GD
            |                                                                                                                ^
          subject: Loan L-0003, credit_line
          loan: product weili-consumer, lender nb, borrower borrower#be516691
          evidence: actual ¥300,000, required ≤ ¥200,000
          detail: loan.credit_line = ¥300,000 > ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)

        ledger/loans.csv:5:1: error[TEST-BORROWER-BALANCE]: the balance of nb/borrower#bbbb6d0e is ¥300,000; it must be ≤ ¥200,000
          5 | L-0004,nb,,borrower#bbbb6d0e,individual,consumption,false,2024-03-02,2024-03-02,300000.00,300000.00,,18%,CN-GD
            | ^
          subject: LoanGroup nb/borrower#bbbb6d0e
          key: lender nb, borrower borrower#bbbb6d0e
          loans: 1, largest: L-0004 ¥300,000 (ledger/loans.csv:5)
          evidence: actual ¥300,000, required ≤ ¥200,000
          detail: ¥300,000 over 1 loan (largest: L-0004 ¥300,000), required ≤ ¥200,000 (sum(loans, p => p.funded) <= param.balance_cap)
          parameter: balance_cap = ¥200,000 (from 2020-01-01)
          citation: Test Measures 第三条 (effective 2020-01-01)
          waived by 合规部 until 2026-12-31: 已于报告日后结清

        ledger/loans.csv:6:88: error[CN-BANK-LOAN-CREDIT-LINE]: the loan's credit line is ¥250,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          6 | L-0005,nb,,borrower#7942baf3,individual,consumption,false,2024-04-01,2024-04-01,20000.00,15000.00,250000.00,18%,CN-GD
            |                                                                                                   ^
          subject: Loan L-0005, credit_line
          loan: borrower borrower#7942baf3
          evidence: actual ¥250,000, required ≤ ¥200,000
          detail: loan.credit_line = ¥250,000 > ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)


        """))
        #expect(text.hasSuffix("""
          waived by 合规部 (苏金复〔2022〕15号) until 2026-06-30: 存量业务自然到期

        products/weili.yaml:8:30: error[CN-BANK-CREDIT-LINE]: the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          8 | credit_line: {min: 500, max: 30万}
            |                              ^
          subject: LoanProduct weili-consumer, credit_line.max
          evidence: actual ¥300,000, required ≤ ¥200,000
          detail: product.credit_line.max = ¥300,000 > ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)

        CN-BANK-LOAN-CREDIT-LINE: 2 of 52,311 failures listed (--max-findings-per-rule 2; --failures-out DIR lists all)

        52,313 errors, 0 warnings, 0 info, 0 cannot evaluate, 2 waived

        """))
        for borrower in ["B-1001", "B-2001", "B-3003", "B-5005"] {
            #expect(!text.contains(borrower))
        }
    }

    @Test func githubAnnotatesTheTapeRows() throws {
        let output = ReportRenderer.render(try LedgerReportFixture.report(), format: .github, options: ReportOptions(sourceRoot: "/repo"))
        #expect(output.split(separator: "\n").map(String.init) == [
            "::error file=ledger/loans.csv,line=2,col=1,title=TEST-BORROWER-BALANCE::the balance of nb/borrower#63f0af8c is ¥200,000.01; it must be ≤ ¥200,000%0Asubject: LoanGroup nb/borrower#63f0af8c%0Akey: lender nb, borrower borrower#63f0af8c%0Aloans: 2, largest: L-0001 ¥150,000 (ledger/loans.csv:2), L-0002 ¥50,000.01 (ledger/loans.csv:3)%0Aevidence: actual ¥200,000.01, required ≤ ¥200,000%0Adetail: ¥200,000.01 over 2 loans (largest: L-0001 ¥150,000, L-0002 ¥50,000.01), required ≤ ¥200,000 (sum(loans, p => p.funded) <= param.balance_cap)%0Aparameter: balance_cap = ¥200,000 (from 2020-01-01)%0Acitation: Test Measures 第三条 (effective 2020-01-01)",
            "::error file=ledger/loans.csv,line=4,col=101,title=CN-BANK-LOAN-CREDIT-LINE::the loan's credit line is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank%0Asubject: Loan L-0003, credit_line%0Aloan: product weili-consumer, lender nb, borrower borrower#be516691%0Aevidence: actual ¥300,000, required ≤ ¥200,000%0Adetail: loan.credit_line = ¥300,000 > ¥200,000 (param.credit_line_cap)%0Aparameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)%0Acitation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)",
            "::error file=ledger/loans.csv,line=6,col=88,title=CN-BANK-LOAN-CREDIT-LINE::the loan's credit line is ¥250,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank%0Asubject: Loan L-0005, credit_line%0Aloan: borrower borrower#7942baf3%0Aevidence: actual ¥250,000, required ≤ ¥200,000%0Adetail: loan.credit_line = ¥250,000 > ¥200,000 (param.credit_line_cap)%0Aparameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)%0Acitation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)",
            "::error file=products/weili.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::the credit line per borrower is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank%0Asubject: LoanProduct weili-consumer, credit_line.max%0Aevidence: actual ¥300,000, required ≤ ¥200,000%0Adetail: product.credit_line.max = ¥300,000 > ¥200,000 (param.credit_line_cap)%0Aparameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)%0Acitation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)",
            "CN-BANK-LOAN-CREDIT-LINE: 2 of 52,311 unwaived failures annotated; the others are in the report (--failures-out DIR lists all)",
            "loancheck 0.9.0-test — as of 2025-11-22 — 2 packs, 6 documents, 1,204,562 loans (engine stream): 52,313 errors, 0 warnings, 0 info, 0 cannot evaluate, 2 waived",
        ])
    }

    @Test func githubAnnotatesAtMostTenFindingsOfALedgerRule() throws {
        let output = ReportRenderer.render(try LedgerReportFixture.report(extraLoans: 12), format: .github)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains(",title=CN-BANK-LOAN-CREDIT-LINE::") }.count == GitHubAnnotations.maxLedgerAnnotationsPerRule)
        // In file and line order: the two rows of the tape, then the first eight of the others.
        #expect(lines.filter { $0.contains(",title=CN-BANK-LOAN-CREDIT-LINE::") }.last?.hasPrefix("::error file=ledger/loans.csv,line=107,col=1,") == true)
        #expect(lines.contains(
            "CN-BANK-LOAN-CREDIT-LINE: 10 of 52,323 unwaived failures annotated; the others are in the report (--failures-out DIR lists all)"))
        // Document findings are not capped.
        #expect(lines.contains { $0.hasPrefix("::error file=products/weili.yaml,line=8,col=30,title=CN-BANK-CREDIT-LINE::") })
    }

    @Test func junitHasOneTestCasePerLedgerRuleWithTheTrueTotals() throws {
        let xml = ReportRenderer.render(try LedgerReportFixture.report(), format: .junit)
        #expect(xml.hasPrefix("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- loancheck 0.9.0-test — as of 2025-11-22 — 2 packs, 6 documents, 1,204,562 loans (engine stream); 52,313 errors, 0 warnings, 0 info, 0 cannot evaluate, 2 waived -->
        """))
        #expect(xml.contains(#"""
          <testsuite name="CN-BANK-LOAN-CREDIT-LINE" package="cn-bank-internet-lending-2020" id="1" tests="982113" failures="52311" errors="0" skipped="0" time="0" timestamp="2025-11-22T00:00:00" hostname="localhost">
        """#))
        #expect(xml.contains(#"""
              <property name="waiver" value="TEST-BORROWER-BALANCE nb/borrower#bbbb6d0e applied until 2026-12-31 by 合规部"/>
              <property name="ledger.checked" value="982113"/>
              <property name="ledger.failures" value="52311"/>
              <property name="ledger.listed" value="2"/>
              <property name="ledger.unlisted" value="52309"/>
            </properties>
            <testcase name="CN-BANK-LOAN-CREDIT-LINE" classname="cn-bank-internet-lending-2020.CN-BANK-LOAN-CREDIT-LINE" time="0">
              <failure message="52,311 of 982,113 loans fail" type="CN-BANK-LOAN-CREDIT-LINE">error: ledger/loans.csv:4:101: the loan's credit line is ¥300,000; it must be ≤ ¥200,000 for an unsecured personal consumer loan of a bank
          subject: Loan L-0003, credit_line
          loan: product weili-consumer, lender nb, borrower borrower#be516691
        """#))
        #expect(xml.contains(#"""
          loan: borrower borrower#7942baf3
          evidence: actual ¥250,000, required ≤ ¥200,000
          detail: loan.credit_line = ¥250,000 &gt; ¥200,000 (param.credit_line_cap)
          parameter: credit_line_cap = ¥200,000 (from 2020-07-17, 商业银行互联网贷款管理暂行办法 第六条)
          citation: CBIRC Order 2020 No. 9 (Internet Loans of Commercial Banks) 第六条 (effective 2020-07-17) (article number not verified)

        CN-BANK-LOAN-CREDIT-LINE: 2 of 52,311 failures listed (--max-findings-per-rule 2; --failures-out DIR lists all)
        </failure>
            </testcase>
            <system-out/>
        """#))
        // The group rule: one failing group, the waived one passes in system-out.
        #expect(xml.contains(#"""
          <testsuite name="TEST-BORROWER-BALANCE" package="test-ledger" id="3" tests="310422" failures="1" errors="0" skipped="0" time="0" timestamp="2025-11-22T00:00:00" hostname="localhost">
        """#))
        #expect(xml.contains(#"""
              <failure message="1 of 310,422 groups fails" type="TEST-BORROWER-BALANCE">error: ledger/loans.csv:2:1: the balance of nb/borrower#63f0af8c is ¥200,000.01; it must be ≤ ¥200,000
          subject: LoanGroup nb/borrower#63f0af8c
          key: lender nb, borrower borrower#63f0af8c
          loans: 2, largest: L-0001 ¥150,000 (ledger/loans.csv:2), L-0002 ¥50,000.01 (ledger/loans.csv:3)
        """#))
        #expect(xml.contains(#"""
            <system-out>LoanGroup nb/borrower#bbbb6d0e: passes by waiver
        error: ledger/loans.csv:5:1: the balance of nb/borrower#bbbb6d0e is ¥300,000; it must be ≤ ¥200,000
        """#))
        for borrower in ["B-1001", "B-2001", "B-3003", "B-5005"] {
            #expect(!xml.contains(borrower))
        }
    }

    @Test func sarifPointsAtTheTapeCellAndKeepsTheKeyInProperties() throws {
        let report = try LedgerReportFixture.report()
        let text = ReportRenderer.render(report, format: .sarif, options: ReportOptions(sourceRoot: "/repo"))
        let run = try #require(try SARIFShape.decode(text).runs.first)
        #expect(run.tool.driver.rules.map(\.id) == ["CN-BANK-CREDIT-LINE", "CN-BANK-LOAN-CREDIT-LINE", "CN-BANK-BULLET-TERM", "TEST-BORROWER-BALANCE"])
        #expect(run.artifacts.map(\.location.uri).contains("ledger/loans.csv"))
        let group = try #require(run.results.first { $0.ruleId == "TEST-BORROWER-BALANCE" && $0.suppressions == nil })
        #expect(group.ruleIndex == 3 && group.level == "error")
        #expect(group.message.text == "the balance of nb/borrower#63f0af8c is ¥200,000.01; it must be ≤ ¥200,000")
        let location = try #require(group.locations.first)
        #expect(location.physicalLocation?.artifactLocation.uri == "ledger/loans.csv")
        #expect(location.physicalLocation?.artifactLocation.uriBaseId == "%SRCROOT%")
        #expect(location.physicalLocation?.region?.startLine == 2 && location.physicalLocation?.region?.startColumn == 1)
        #expect(location.logicalLocations.first?.name == "nb/borrower#63f0af8c")
        #expect(location.logicalLocations.first?.fullyQualifiedName == "LoanGroup/nb/borrower#63f0af8c")
        // The fingerprint is the baseline key's, on the full key: a group keeps its identity.
        #expect(group.partialFingerprints["loancheckFindingKey/v1"] == SHA256.hex("TEST-BORROWER-BALANCE|LoanGroup/nb/B-1001|"))
        let loan = try #require(run.results.first { $0.ruleId == "CN-BANK-LOAN-CREDIT-LINE" })
        #expect(loan.locations.first?.physicalLocation?.region?.startLine == 4 && loan.locations.first?.physicalLocation?.region?.startColumn == 101)
        #expect(loan.locations.first?.logicalLocations.first?.fullyQualifiedName == "Loan/L-0003/credit_line")
        #expect(loan.partialFingerprints["loancheckFindingKey/v1"] == SHA256.hex("CN-BANK-LOAN-CREDIT-LINE|Loan/L-0003|credit_line"))
        // properties keep the full key and the ledger detail, as the JSON report does.
        #expect(text.contains("""
                  "properties": {
                    "severity": "error",
                    "subject": {
                      "kind": "LoanGroup",
                      "id": "nb/B-1001"
                    },
        """))
        #expect(text.contains("""
                    "ledger": {
                      "product": null,
                      "key": [
                        {
                          "name": "lender",
                          "value": "nb"
                        },
                        {
                          "name": "borrower",
                          "value": "B-1001"
                        }
                      ],
                      "loans": 2,
        """))
        // The capped rule is a note of the invocation; the stamp has the ledger and the true totals.
        #expect(text.contains("""
              "invocations": [
                {
                  "executionSuccessful": true,
                  "toolExecutionNotifications": [
                    {
                      "level": "note",
                      "message": {
                        "text": "CN-BANK-LOAN-CREDIT-LINE: 2 of 52,311 failures listed (--max-findings-per-rule 2; --failures-out DIR lists all)"
                      }
                    }
                  ]
                }
              ],
        """))
        #expect(text.contains("""
                "ledger": {
                  "engine": "stream",
                  "loans": 1204562,
                  "fundings": 0,
                  "maxFindingsPerRule": 2
                }
        """))
        #expect(text.contains("""
                    "CN-BANK-LOAN-CREDIT-LINE": {
                      "error": 52311,
                      "warning": 0,
                      "info": 0,
                      "waived": 0,
                      "cannotEvaluate": 0,
                      "checked": 982113
                    },
        """))
        // What a viewer shows to people has no borrower id.
        let shown = run.results.flatMap { [$0.message.text] + $0.locations.flatMap { $0.logicalLocations.flatMap { [$0.name, $0.fullyQualifiedName] } } }
        #expect(!shown.contains { $0.contains("B-1001") || $0.contains("B-3003") })
    }

    @Test func jsonKeepsTheFullKeyForMachines() throws {
        let json = ReportRenderer.render(try LedgerReportFixture.report(), format: .json)
        #expect(json.contains(#""message": "the balance of nb/B-1001 is ¥200,000.01; it must be ≤ ¥200,000","#))
        #expect(!json.contains("borrower#"))
    }
}
