import Foundation
import LoanCheckTestSupport
import Testing

@Suite(.serialized) struct AuditCommandTests {
    typealias L = LoanCheckBinary

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func examplesGiveTheDocumentedFindingsAsJSON() throws {
        let result = try L.run(["audit", "Examples", "--as-of", "2026-11-22", "--format", "json"])
        #expect(result.status == 1)
        let report = try json(result.stdout)
        #expect(report["asOf"] as? String == "2026-11-22")
        #expect((report["tool"] as? [String: Any])?["name"] as? String == "loancheck")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let failing = Set(findings.filter { ($0["waived"] as? Bool) == false && ($0["severity"] as? String) == "error" }
            .compactMap { $0["rule"] as? String })
        #expect(failing == [
            "CN-BANK-CREDIT-LINE", "CN-BANK-BULLET-TERM", "CN-BANK-PARTNER-SHARE", "CN-BANK-PARTNER-CONCENTRATION",
            "CN-BANK-LOCAL-REGION", "CN-CFC-CAPITAL", "CN-MLC-LEVERAGE-NONSTANDARD", "CN-MLC-UPFRONT-DEDUCTION",
            "CN-RATE-APR-24", "CN-RATE-APR-DISCLOSURE", "CN-ASSIST-PLATFORM-FEES",
            // From the loan tapes (Examples/ledger, Examples/ledger-east).
            "CN-BANK-LOAN-CREDIT-LINE", "CN-BANK-LOAN-PARTNER-SHARE", "CN-BANK-LOAN-REGION", "CN-CFC-LOAN-CREDIT-LINE",
            "CN-MLC-ONLINE-CONSUMER-LOANS", "CN-RATE-LOAN-APR-24",
        ])
        let share = try #require(findings.first { $0["rule"] as? String == "CN-BANK-PARTNER-SHARE" })
        #expect((share["subject"] as? [String: Any])?["id"] as? String == "tl-nationwide-loan")
        #expect(share["path"] as? String == "funding[1].share")
        let location = try #require(share["location"] as? [String: Any])
        #expect(location["file"] as? String == "Examples/products/tl-nationwide-loan.yaml")
        #expect(location["line"] as? Int == 22)
        #expect(location["column"] as? Int == 12)
        #expect((share["evidence"] as? [String: Any])?["actual"] as? String == "25%")
        #expect((share["evidence"] as? [String: Any])?["required"] as? String == "≥ 30%")
        let waived = findings.filter { ($0["waived"] as? Bool) == true }.compactMap { $0["rule"] as? String }
        #expect(waived == ["CN-BANK-LOCAL-REGION", "CN-BANK-LOAN-REGION"])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["error"] as? Int == 18)
        #expect(summary["cannotEvaluate"] as? Int == 1)
        #expect(summary["warning"] as? Int == 3)
        #expect(summary["waived"] as? Int == 2)
        let packs = try #require(report["packs"] as? [[String: Any]])
        #expect(packs.count == 10)
        #expect(packs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
    }

    /// The assisted-lending notice (金规〔2025〕9号) takes effect on 2025-10-01: the examples audited the day
    /// before and the day of differ by exactly its finding on the platform's fee, at the fee's provider.
    @Test func examplesOnTheEveAndTheDayOfTheAssistedLendingNoticeDifferByItsFindings() throws {
        func findings(_ date: String) throws -> (keys: Set<String>, all: [[String: Any]], summary: [String: Any]) {
            let result = try L.run(["audit", "Examples", "--as-of", date, "--format", "json", "--fail-on", "never"])
            #expect(result.status == 0)
            let report = try json(result.stdout)
            let all = try #require(report["findings"] as? [[String: Any]])
            let keys = Set(all.map { finding in
                let subject = (finding["subject"] as? [String: Any])?["id"] as? String ?? ""
                return "\(finding["rule"] as? String ?? "") \(subject) \(finding["path"] as? String ?? "") \(finding["severity"] as? String ?? "")"
            })
            return (keys, all, try #require(report["summary"] as? [String: Any]))
        }
        let eve = try findings("2025-09-30")
        let day = try findings("2025-10-01")
        #expect(eve.keys.subtracting(day.keys).isEmpty)
        #expect(day.keys.subtracting(eve.keys) == ["CN-ASSIST-PLATFORM-FEES xl-assisted pricing.fees[1].payee_type error"])
        #expect(eve.summary["error"] as? Int == 17)
        #expect(day.summary["error"] as? Int == 18)
        #expect(eve.summary["cannotEvaluate"] as? Int == 1 && day.summary["cannotEvaluate"] as? Int == 1)
        let fee = try #require(day.all.first { $0["rule"] as? String == "CN-ASSIST-PLATFORM-FEES" })
        let location = try #require(fee["location"] as? [String: Any])
        #expect(location["file"] as? String == "Examples/products/xl-assisted.yaml")
        #expect(location["line"] as? Int == 25)
        #expect(location["column"] as? Int == 17)
        #expect((fee["citation"] as? [String: Any])?["verified"] as? Bool == false)
    }

    @Test func failOnDecidesTheExitCode() throws {
        let arguments = ["audit", "Examples", "--as-of", "2026-11-22", "--format", "github"]
        #expect(try L.run(arguments).status == 1)
        #expect(try L.run(arguments + ["--fail-on", "never"]).status == 0)
    }

    @Test func draftWarningsFailOnlyAtWarning() throws {
        let directory = try L.temporaryDirectory()
        for file in ["tenglian-oml.yaml", "tenglian-tech.yaml"] {
            try FileManager.default.copyItem(atPath: L.repository + "/Examples/institutions/" + file, toPath: directory + "/" + file)
        }
        try FileManager.default.copyItem(atPath: L.repository + "/Examples/products/tl-biz-loan.yaml", toPath: directory + "/tl-biz-loan.yaml")
        #expect(try L.run(["audit", directory, "--as-of", "2026-11-22"]).status == 0)
        let strict = try L.run(["audit", directory, "--as-of", "2026-11-22", "--fail-on", "warning"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("warning[CN-OML-BUSINESS-CAP]"))
        #expect(strict.stdout.contains("draft, not in force"))
    }

    @Test func baselineMakesOnlyNewFindingsCount() throws {
        let directory = try L.temporaryDirectory()
        let baseline = directory + "/baseline.json"
        let first = try L.run(["audit", "Examples", "--as-of", "2026-11-22", "--write-baseline", baseline, "--format", "json", "--output", "/dev/null"])
        #expect(first.status == 1)
        let written = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(written.contains("\"CN-BANK-CREDIT-LINE\""))
        #expect(!written.contains("\"line\""))
        #expect(try L.run(["audit", "Examples", "--as-of", "2026-11-22", "--baseline", baseline]).status == 0)
        let broken = directory + "/broken.json"
        try "{not json".write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try L.run(["audit", "Examples", "--baseline", broken]).status == 2)
    }

    @Test func severalFormatsInOneRun() throws {
        let directory = try L.temporaryDirectory()
        let result = try L.run(["audit", "Examples", "--as-of", "2026-11-22", "--format", "sarif", "--output", directory + "/r.sarif",
                                "--format", "junit", "--output", directory + "/r.xml", "--format", "markdown"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("## loancheck"))
        let sarif = try json(try String(contentsOfFile: directory + "/r.sarif", encoding: .utf8))
        #expect(sarif["version"] as? String == "2.1.0")
        #expect(try String(contentsOfFile: directory + "/r.xml", encoding: .utf8).contains("<testsuites"))
    }

    @Test func chineseOutputFollowsLang() throws {
        let result = try L.run(["audit", "Examples/institutions", "--as-of", "2026-11-22"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(result.stdout.contains("华夏某消费金融公司") || result.stdout.contains("注册资本"))
        let english = try L.run(["audit", "Examples/institutions", "--as-of", "2026-11-22", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.contains("registered capital"))
    }

    @Test func invalidInputFailsClosedWithALocation() throws {
        let directory = try L.temporaryDirectory()
        try "kind: LoanProduct\nid: p\nshare: 30\n".write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try L.run(["audit", directory])
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.yaml:3:1: error: unknown field 'share' in LoanProduct"))
    }
}
