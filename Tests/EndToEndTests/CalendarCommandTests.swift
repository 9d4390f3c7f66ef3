import Foundation
import LoanCheckTestSupport
import Testing

/// `loancheck calendar`: the regime dates and parameter changes of the packs in a window, with the rules
/// and (given documents) the subjects each touches.
@Suite(.serialized) struct CalendarCommandTests {
    typealias L = LoanCheckBinary

    static let assistedLine = "2025-10-01  CN-ASSIST-PLATFORM-LISTED, CN-ASSIST-ENHANCER-LISTED, CN-ASSIST-LIST-PUBLISHED, "
        + "CN-ASSIST-PLATFORM-FEES, CN-ASSIST-ENHANCER-FEES take effect (cn-bank-assisted-lending-2025, 金规〔2025〕9号)\n"

    @Test func theAssistedLendingDayWithItsRulesAndSubjects() throws {
        let result = try L.run(["calendar", "--from", "2025-09-01", "--days", "61", "Examples"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            loancheck 0.1.0 — calendar 2025-09-01 through 2025-10-31 (61 days) — 10 packs, 20 documents

            \(Self.assistedLine)\
              CN-ASSIST-PLATFORM-LISTED: LoanProduct xl-assisted (passes), LoanProduct xl-legacy-line (exempt: closed before it binds new business)
              CN-ASSIST-ENHANCER-LISTED: LoanProduct hx-installment (passes), LoanProduct xl-assisted (passes), LoanProduct xl-legacy-line (exempt: closed before it binds new business)
              CN-ASSIST-LIST-PUBLISHED: LoanProduct hx-installment (passes), LoanProduct xl-assisted (passes), LoanProduct xl-legacy-line (exempt: closed before it binds new business)
              CN-ASSIST-PLATFORM-FEES: LoanProduct hs-rural-coloan (passes), LoanProduct hx-flex (passes), LoanProduct hx-installment (passes), LoanProduct js-city-consumer (passes), LoanProduct xl-assisted (fails), LoanProduct xl-big-line (passes), LoanProduct xl-bullet-18m (passes), LoanProduct xl-legacy-line (exempt: closed before it binds new business)
              CN-ASSIST-ENHANCER-FEES: LoanProduct hs-rural-coloan (passes), LoanProduct hx-flex (passes), LoanProduct hx-installment (passes), LoanProduct js-city-consumer (passes), LoanProduct xl-assisted (passes), LoanProduct xl-big-line (passes), LoanProduct xl-bullet-18m (passes), LoanProduct xl-legacy-line (exempt: closed before it binds new business)

            2025-10-01  parameter assessment_window of cn-bank-assisted-lending-2025: 6 months (金规〔2025〕9号（至少每季度评估一次增信服务机构代偿赔付能力）), read by CN-ASSIST-ENHANCER-REVIEW
              CN-ASSIST-ENHANCER-REVIEW: not in force that day (effective 2026-01-01)

            2 regime changes from 2025-09-01 through 2025-10-31

            """)
    }

    @Test func withoutDocumentsOnlyTheChanges() throws {
        let result = try L.run(["calendar", "--from", "2025-10-01", "--days", "92"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            loancheck 0.1.0 — calendar 2025-10-01 through 2025-12-31 (92 days) — 10 packs

            \(Self.assistedLine)
            2025-10-01  parameter assessment_window of cn-bank-assisted-lending-2025: 6 months (金规〔2025〕9号（至少每季度评估一次增信服务机构代偿赔付能力）), read by CN-ASSIST-ENHANCER-REVIEW

            2 regime changes from 2025-10-01 through 2025-12-31

            """)
    }

    @Test func jsonListsEventsRulesAndSubjects() throws {
        let result = try L.run(["calendar", "--from", "2025-10-01", "--days", "1", "Examples", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["from"] as? String == "2025-10-01")
        #expect(object["through"] as? String == "2025-10-01")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count == 2)
        let first = try #require(events.first)
        #expect(first["date"] as? String == "2025-10-01")
        #expect(first["kind"] as? String == "takes-effect")
        #expect(first["pack"] as? String == "cn-bank-assisted-lending-2025")
        #expect(first["instrument"] as? String == "金规〔2025〕9号")
        let rules = try #require(first["subjects"] as? [[String: Any]])
        let fees = try #require(rules.first { $0["rule"] as? String == "CN-ASSIST-PLATFORM-FEES" })
        let subjects = try #require(fees["subjects"] as? [[String: String]])
        #expect(subjects.first { $0["id"] == "xl-assisted" } == ["kind": "LoanProduct", "id": "xl-assisted", "status": "failed"])
        let parameter = try #require(events.last?["parameter"] as? [String: Any])
        #expect(parameter["name"] as? String == "assessment_window")
        #expect(parameter["value"] as? String == "6 months")
        #expect(events.last?["subjects"].map { ($0 as? [[String: Any]])?.first?["inForce"] as? Bool } == false)
    }

    @Test func aTestPacksRepealTransitionAndParameterDay() throws {
        let directory = try DiffFixture.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["calendar", "--from", "2031-12-01", "--days", "62", "--rules", directory + "/rules", directory + "/docs",
                                "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ## loancheck 0.1.0 — calendar 2031-12-01 through 2032-01-31 (62 days) — 11 packs, 5 documents

            | Date | Change | Pack | Subjects |
            |---|---|---|---|
            | 2032-01-01 | T-OLD is repealed from this day (diff-check, T-2032) | `diff-check` | `T-OLD`: LoanProduct p-28 (fails), LoanProduct p-35 (fails), LoanProduct tl-daily-loan (passes) |
            | 2032-01-01 | the transition ends for T-TRANSITION: enforced from this day (diff-check, T-2032) | `diff-check` | `T-TRANSITION`: LoanProduct p-28 (fails), LoanProduct p-35 (fails), LoanProduct tl-daily-loan (fails) |
            | 2032-01-01 | parameter line\\_cap of diff-check: ¥300,000 → ¥200,000 (T-2032 第一条), read by T-CAP | `diff-check` | `T-CAP`: LoanProduct p-28 (fails), LoanProduct p-35 (fails), LoanProduct tl-daily-loan (passes) |

            """)
    }

    @Test func badWindowsAreUsageErrors() throws {
        let zero = try L.run(["calendar", "--days", "0"])
        #expect(zero.status == 2)
        #expect(zero.stderr == "loancheck: error: --days must be 1 to 36600, not 0\n  hint: e.g. --days 365 for a year\n")
        let date = try L.run(["calendar", "--from", "2025-02-30"])
        #expect(date.status == 2)
        #expect(date.stderr == "loancheck: error: --from: day 30 does not exist: February has 28 days\n  hint: write a date as YYYY-MM-DD\n")
        let late = try L.run(["calendar", "--from", "9999-12-01", "--days", "32", "--format", "json"])
        #expect(late.status == 2)
        #expect(late.stderr == "loancheck: error: the window from 9999-12-01 for 32 days ends after the year 9999\n")
        let format = try L.run(["calendar", "--format", "html"])
        #expect(format.status == 2)
        #expect(format.stderr.hasPrefix("loancheck: error: --format must be text, json or markdown, not 'html'\n"))
    }
}
