import Foundation
import LoanCheckTestSupport
import Testing

/// A `--baseline` file that cannot be used says what is wrong with it: not valid JSON, or valid JSON of
/// the wrong shape (which field is missing or has the wrong type).
@Suite(.serialized) struct BaselineFileTests {
    typealias L = LoanCheckBinary

    @Test func aBaselineOfTheWrongShapeSaysWhatIsWrong() throws {
        let directory = try L.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let head = #""format": "loancheck-baseline", "version": 1, "asOf": "2026-11-22""#
        let cases: [(text: String, message: String)] = [
            ("{\(head)}", "is not a loancheck baseline: missing field 'entries'"),
            ("{\(head), \"entries\": {}}", "is not a loancheck baseline: field 'entries' must be a list"),
            ("{\(head), \"entries\": [{\"rule\": 1}]}", "is not a loancheck baseline: field 'entries[0].rule' must be a string"),
            ("[]", "is not a loancheck baseline: expected an object at the top level"),
            ("{not json", "is not valid JSON"),
            ("", "is empty"),
        ]
        for (text, message) in cases {
            try text.write(toFile: directory + "/b.json", atomically: true, encoding: .utf8)
            let result = try L.run(["audit", "Examples", "--baseline", directory + "/b.json"])
            #expect(result.status == 2, "\(text)")
            #expect(result.stderr == """
                loancheck: error: baseline '\(directory)/b.json' \(message)
                  hint: write one with --write-baseline FILE

                """, "\(text)")
        }
    }
}
