import Foundation
import LoanCheckTestSupport
import Testing

/// `loancheck diff --from --to`: the findings that appear, disappear or change between two dates, with
/// their causes, in every format; exit 1 only for a new or worse finding at or above --fail-on.
@Suite(.serialized) struct DiffCommandTests {
    typealias L = LoanCheckBinary

    static let assistedCause = "CN-ASSIST-PLATFORM-FEES takes effect 2025-10-01 (cn-bank-assisted-lending-2025, 金规〔2025〕9号)"

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theAssistedLendingNoticeAppearsOnItsFirstDay() throws {
        let result = try L.run(["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("loancheck 0.1.0 — diff 2025-09-30 → 2025-10-01 — 10 packs, 20 documents, 19 loans (engine stream)\n"))
        #expect(result.stdout.contains("""
            regime changes after 2025-09-30 through 2025-10-01:
              2025-10-01  CN-ASSIST-PLATFORM-LISTED, CN-ASSIST-ENHANCER-LISTED, CN-ASSIST-LIST-PUBLISHED, CN-ASSIST-PLATFORM-FEES, \
            CN-ASSIST-ENHANCER-FEES take effect (cn-bank-assisted-lending-2025, 金规〔2025〕9号)

            """))
        #expect(result.stdout.contains("""
            appear on 2025-10-01: 1

            Examples/products/xl-assisted.yaml:25:17: error[CN-ASSIST-PLATFORM-FEES]: a fee is paid to a platform operator \
            (pricing.fees[1].payee_type is platform); platform operators may not charge borrowers interest or fees in any form

            """))
        #expect(result.stdout.contains("  evidence: actual platform, required ≠ platform\n"))
        #expect(result.stdout.contains("  cause: \(Self.assistedCause)\n\ndisappear on 2025-10-01: 0\n\nchange between 2025-09-30 and 2025-10-01: 0\n"))
        #expect(result.stdout.hasSuffix("\n1 appears, 0 disappear, 0 change; new or worse on 2025-10-01: 1 error, 0 warnings, 0 info\n"))
    }

    @Test func jsonNamesTheChangeItsFindingAndItsCause() throws {
        let result = try L.run(["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--format", "json", "--lang", "en"])
        #expect(result.status == 1)
        let object = try json(result.stdout)
        #expect(object["from"] as? String == "2025-09-30")
        #expect(object["to"] as? String == "2025-10-01")
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change["change"] as? String == "appeared")
        #expect(change["newOrWorse"] as? Bool == true)
        let finding = try #require(change["finding"] as? [String: Any])
        #expect(finding["rule"] as? String == "CN-ASSIST-PLATFORM-FEES")
        #expect(finding["path"] as? String == "pricing.fees[1].payee_type")
        #expect((finding["subject"] as? [String: String]) == ["kind": "LoanProduct", "id": "xl-assisted"])
        let causes = try #require(change["causes"] as? [[String: Any]])
        #expect(causes.count == 1)
        #expect(causes.first?["kind"] as? String == "takes-effect")
        #expect(causes.first?["date"] as? String == "2025-10-01")
        #expect(causes.first?["pack"] as? String == "cn-bank-assisted-lending-2025")
        #expect(causes.first?["text"] as? String == Self.assistedCause)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["appeared"] as? Int == 1)
        #expect(summary["disappeared"] as? Int == 0)
        #expect(summary["changed"] as? Int == 0)
        #expect((summary["newOrWorse"] as? [String: Int]) == ["error": 1, "warning": 0, "info": 0])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["kind"] as? String } == ["takes-effect", "parameter-change"])
        #expect(timeline.first?["rules"] as? [String] == ["CN-ASSIST-PLATFORM-LISTED", "CN-ASSIST-ENHANCER-LISTED", "CN-ASSIST-LIST-PUBLISHED",
                                                          "CN-ASSIST-PLATFORM-FEES", "CN-ASSIST-ENHANCER-FEES"])
    }

    @Test func sarifJUnitAndGitHubCarryOnlyTheNewFinding() throws {
        let base = ["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--lang", "en", "--format"]
        let sarif = try L.run(base + ["sarif"])
        #expect(sarif.status == 1)
        let runs = try #require(try json(sarif.stdout)["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["CN-ASSIST-PLATFORM-FEES"])
        let github = try L.run(base + ["github"])
        #expect(github.status == 1)
        let commands = github.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(commands.count == 1)
        #expect(commands.first?.hasPrefix("::error file=Examples/products/xl-assisted.yaml,line=25,col=17,title=CN-ASSIST-PLATFORM-FEES::") == true)
        #expect(github.stdout.hasSuffix(
            "loancheck 0.1.0 — as of 2025-10-01 — 10 packs, 20 documents, 19 loans (engine stream): 1 error, 0 warnings, 0 info, 0 cannot evaluate, 0 waived\n"))
        let junit = try L.run(base + ["junit"])
        #expect(junit.status == 1)
        #expect(junit.stdout.components(separatedBy: "<failure ").count - 1 == 1)
        #expect(junit.stdout.contains("<failure message=\"error: a fee is paid to a platform operator"))
    }

    @Test func htmlHasATimelineAndTheFindingWithItsCause() throws {
        let result = try L.run(["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--format", "html", "--lang", "en"])
        #expect(result.status == 1)
        let html = result.stdout
        #expect(html.contains("<section id=\"timeline\" aria-labelledby=\"timeline-title\">"))
        #expect(html.contains("<li class=\"event\" data-date=\"2025-10-01\" data-kind=\"takes-effect\" data-pack=\"cn-bank-assisted-lending-2025\">"
            + "<time datetime=\"2025-10-01\">2025-10-01</time>CN-ASSIST-PLATFORM-LISTED, CN-ASSIST-ENHANCER-LISTED, CN-ASSIST-LIST-PUBLISHED, "
            + "CN-ASSIST-PLATFORM-FEES, CN-ASSIST-ENHANCER-FEES take effect (cn-bank-assisted-lending-2025, 金规〔2025〕9号) — explains 1 finding below</li>"))
        #expect(html.contains("<li class=\"audit\" data-date=\"2025-09-30\" data-kind=\"audit\"><time datetime=\"2025-09-30\">2025-09-30</time>"
            + "audit on 2025-09-30: 17 errors, 3 warnings, 0 info, 1 cannot evaluate, 2 waived</li>"))
        #expect(html.contains("<section id=\"appeared\" aria-labelledby=\"appeared-title\" data-count=\"1\">"))
        #expect(html.contains("<section id=\"disappeared\" aria-labelledby=\"disappeared-title\" data-count=\"0\">"))
        #expect(html.contains("<p class=\"cause\" data-cause=\"takes-effect\"><strong>Cause: </strong>\(Self.assistedCause)</p>\n</article>"))
        let markdown = try L.run(["diff", "--from", "2025-09-30", "--to", "2025-10-01", "Examples", "--format", "markdown", "--lang", "en"])
        #expect(markdown.stdout.contains("| `CN-ASSIST-PLATFORM-FEES` | error | `LoanProduct xl-assisted` | `pricing.fees[1].payee_type` | "
            + "`Examples/products/xl-assisted.yaml:25` | actual platform, required ≠ platform | \(Self.assistedCause) |\n"))
    }

    @Test func aParameterChangeARepealATransitionAndAWaiver() throws {
        let directory = try DiffFixture.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["diff", "--from", "2031-12-31", "--to", "2032-01-01", directory + "/docs", "--rules", directory + "/rules", "--lang", "en"]
        let result = try L.run(arguments)
        #expect(result.status == 1)
        let out = result.stdout
        #expect(out.contains("""
            regime changes after 2031-12-31 through 2032-01-01:
              2032-01-01  T-OLD is repealed from this day (diff-check, T-2032)
              2032-01-01  the transition ends for T-TRANSITION: enforced from this day (diff-check, T-2032)
              2032-01-01  parameter line_cap of diff-check: ¥300,000 → ¥200,000 (T-2032 第一条), read by T-CAP

            """))
        // Appears: the bound falls under the product's line.
        #expect(out.contains("""
            \(directory)/docs/p-28.yaml:10:30: error[T-CAP]: credit line ¥280,000
            """))
        #expect(out.contains("  evidence: actual ¥280,000, required ≤ ¥200,000\n"))
        #expect(out.contains("  cause: parameter line_cap changes on 2032-01-01: ¥300,000 → ¥200,000 (diff-check, T-2032 第一条)\n"))
        // Appears: the waiver no longer holds (a date in the inputs).
        #expect(out.contains("  cause: input-dependent: waiver expired after 2031-12-31 (approved by 合规部): 存量产品 (\(directory)/docs/waiver.yaml:6:10)\n"))
        // Disappears: the rule is repealed.
        #expect(out.contains("\(directory)/docs/p-35.yaml:10:30: error[T-OLD]: credit line ¥350,000\n"))
        #expect(out.components(separatedBy: "  cause: T-OLD is repealed from 2032-01-01 (diff-check, T-2032)\n").count - 1 == 2)
        // Changes: severity at the end of the transition, value with the parameter.
        #expect(out.components(separatedBy: """
              severity: warning → error
              cause: the transition of T-TRANSITION ends: enforced from 2032-01-01 (diff-check, T-2032)

            """).count - 1 == 3)
        #expect(out.contains("""
              value: actual ¥350,000, required ≤ ¥300,000 → actual ¥350,000, required ≤ ¥200,000
              cause: parameter line_cap changes on 2032-01-01: ¥300,000 → ¥200,000 (diff-check, T-2032 第一条)

            """))
        #expect(out.hasSuffix("\n2 appear, 3 disappear, 4 change; new or worse on 2032-01-01: 4 errors, 1 warning, 0 info\n"))

        let json = try json(try L.run(arguments + ["--format", "json"]).stdout)
        let changes = try #require(json["changes"] as? [[String: Any]])
        let kinds = changes.map { change -> String in
            let finding = change["finding"] as? [String: Any]
            let subject = finding?["subject"] as? [String: String]
            return "\(change["change"] as? String ?? "") \(finding?["rule"] as? String ?? "") \(subject?["id"] ?? "")"
        }
        #expect(kinds == ["appeared T-CAP p-28", "appeared T-TERM tl-daily-loan", "disappeared T-OLD p-28", "disappeared T-OLD p-35",
                          "disappeared T-TERM tl-daily-loan", "changed T-TRANSITION p-28", "changed T-CAP p-35",
                          "changed T-TRANSITION p-35", "changed T-TRANSITION tl-daily-loan"])
        let severity = changes[5]["severity"] as? [String: String]
        #expect(severity == ["from": "warning", "to": "error"])
        #expect((changes[6]["before"] as? [String: Any]).flatMap { $0["evidence"] as? [String: Any] }?["required"] as? String == "≤ ¥300,000")
    }

    @Test func aLoanTapeIsAuditedOnBothDates() throws {
        let directory = try DiffFixture.make(tape: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["diff", "--from", "2031-12-31", "--to", "2032-01-01", directory + "/docs", "--rules", directory + "/rules",
                                "--lang", "en", "--format", "json"])
        #expect(result.status == 1)
        let changes = try #require(try json(result.stdout)["changes"] as? [[String: Any]])
        let loans = changes.filter { (($0["finding"] as? [String: Any])?["rule"] as? String) == "T-LOAN-APR" }
        #expect(loans.count == 1)
        let finding = try #require(loans.first?["finding"] as? [String: Any])
        #expect((finding["subject"] as? [String: String]) == ["kind": "Loan", "id": "L-1"])
        #expect((finding["location"] as? [String: Any])?["line"] as? Int == 2)
        #expect((finding["evidence"] as? [String: Any])?["required"] as? String == "≤ 20%")
        #expect(loans.first?["change"] as? String == "appeared")
        let causes = try #require(loans.first?["causes"] as? [[String: Any]])
        #expect(causes.map { $0["text"] as? String } == ["parameter loan_apr_cap changes on 2032-01-01: 24% → 20% (diff-loans, T-LOANS 第一条)"])
    }

    @Test func onlyNewOrWorseFindingsFailTheRun() throws {
        let directory = try DiffFixture.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let common = [directory + "/docs", "--rules", directory + "/rules", "--lang", "en"]
        // Nothing changes between these dates.
        let quiet = try L.run(["diff", "--from", "2032-01-02", "--to", "2032-01-03"] + common)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.contains("regime changes after 2032-01-02 through 2032-01-03: none\n"))
        #expect(quiet.stdout.hasSuffix("\n0 appear, 0 disappear, 0 change; new or worse on 2032-01-03: 0 errors, 0 warnings, 0 info\n"))
        // New errors appear on 2032-01-01, and --fail-on never lets the run pass.
        let never = try L.run(["diff", "--from", "2031-12-31", "--to", "2032-01-01", "--fail-on", "never"] + common)
        #expect(never.status == 0)
        // The same day on both sides: nothing differs.
        let same = try L.run(["diff", "--from", "2032-01-01", "--to", "2032-01-01"] + common)
        #expect(same.status == 0)
        #expect(same.stdout.contains("appear on 2032-01-01: 0\n"))
    }

    @Test func badDatesAreUsageErrors() throws {
        let bad = try L.run(["diff", "--from", "2025-13-01", "--to", "2025-10-01", "Examples"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "loancheck: error: --from: month 13 does not exist\n  hint: months are 01 to 12\n")
        let reversed = try L.run(["diff", "--from", "2025-10-02", "--to", "2025-10-01", "Examples"])
        #expect(reversed.status == 2)
        #expect(reversed.stderr == "loancheck: error: --from 2025-10-02 is after --to 2025-10-01\n  hint: give the earlier date as --from\n")
        #expect(reversed.stdout.isEmpty)
        let missing = try L.run(["diff", "--from", "2025-10-01", "Examples"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Error: Missing expected argument '--to <to>'\n"))
        let repeated = try L.run(["diff", "--from", "2025-09-30", "--to", "2025-10-01", "--to", "2025-10-02", "Examples"])
        #expect(repeated.status == 2)
        #expect(repeated.errorLines == ["loancheck: error: --to is given 2 times ('2025-10-01', '2025-10-02'); it takes one value"])
    }
}
