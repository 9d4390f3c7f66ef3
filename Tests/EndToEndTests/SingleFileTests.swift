import Foundation
import LoanCheckTestSupport
import Testing

/// `validate --no-references FILE`, `-` for standard input, and `--color` (issue 20, item 11).
@Suite(.serialized) struct SingleFileTests {
    typealias L = LoanCheckBinary

    static let product = "Examples/products/xl-big-line.yaml"

    @Test func aSingleFileIsCheckedWithoutItsReferences() throws {
        let alone = try L.run(["validate", Self.product])
        #expect(alone.status == 2)
        #expect(alone.stderr.hasPrefix(
            "Examples/products/xl-big-line.yaml:6:9: error: unknown reference in 'lender': no Institution with id 'xinlian-bank' is loaded\n"))
        let checked = try L.run(["validate", "--no-references", Self.product])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout == "validate: 1 file, 0 Institution, 1 LoanProduct, 0 Waiver; no errors\n")
        // The file itself is still checked in full.
        let text = try String(contentsOfFile: L.repository + "/" + Self.product, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "max: 30万", with: "max: 30万元元")
        #expect(broken != text)
        let bad = try L.run(["validate", "--no-references", "-"], standardInput: broken)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("<stdin>:"), "\(bad.stderr)")
    }

    @Test func standardInputIsReadForValidateAndAudit() throws {
        let text = try String(contentsOfFile: L.repository + "/" + Self.product, encoding: .utf8)
        let validated = try L.run(["validate", "--no-references", "-"], standardInput: text)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout == "validate: 1 file, 0 Institution, 1 LoanProduct, 0 Waiver; no errors\n")
        // audit: the product from standard input with the institutions it refers to from a directory.
        let audited = try L.run(["audit", "-", "Examples/institutions", "--as-of", "2026-11-22", "--format", "github"], standardInput: text)
        #expect(audited.status == 1, "\(audited.stderr)")
        #expect(audited.stdout.hasPrefix("::error file=<stdin>,line=10,col=29,title=CN-BANK-CREDIT-LINE::"), "\(audited.stdout.prefix(400))")
        let twice = try L.run(["validate", "-", "-"], standardInput: text)
        #expect(twice.status == 2)
        #expect(twice.stderr.hasPrefix("loancheck: error: standard input ('-') is named 2 times\n  hint: name it once\n"))
        let noKind = try L.run(["validate", "--no-references", "-"], standardInput: "services: {}\n")
        #expect(noKind.stderr == """
            <stdin>:1:1: error: document has no 'kind'
              1 | services: {}
                | ^
              hint: add `kind:` with one of Institution, LoanProduct, Waiver
            loancheck: 1 error in the input; nothing was audited

            """)
    }

    @Test func colorIsChosenOnTheCommandLine() throws {
        let args = ["audit", "Examples", "--as-of", "2026-11-22"]
        let always = try L.run(args + ["--color", "always"])
        #expect(always.status == 1)
        #expect(always.stdout.contains("\u{1B}[1;31merror\u{1B}[0m"), "\(always.stdout.prefix(300))")
        // NO_COLOR (set by the test runner) does not turn `always` off; `never` and `auto` off a terminal give none.
        #expect(!(try L.run(args + ["--color", "never"]).stdout.contains("\u{1B}[")))
        #expect(!(try L.run(args + ["--color", "auto"], environment: ["NO_COLOR": ""]).stdout.contains("\u{1B}[")))
        let diagnostics = try L.run(["validate", "--color", "always", "--no-references", "-"], standardInput: "services: {}\n")
        #expect(diagnostics.stderr.hasPrefix("<stdin>:1:1: \u{1B}["), "\(diagnostics.stderr)")
        let wrong = try L.run(args + ["--color", "yes"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr == "loancheck: error: --color must be auto, always or never, not 'yes'\n")
    }
}
