import Foundation
import LoanCheckTestSupport
import Testing

/// Broken rule packs given with `--rules DIR` (a temporary pack next to the shipped ones). A defect the
/// loader can see fails closed at load (exit 2, located); a rule that cannot be evaluated at audit time
/// is an error finding "cannot evaluate" (exit 1) — never a pass.
@Suite(.timeLimit(.minutes(2)))
struct BadPackTests {
    /// A directory with one product and its lender, and `pack/probe.yaml`.
    static func scratch(pack: String, extra: [(String, String)] = []) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("docs/inst.yaml", Documents.institution)
        try scratch.write("docs/p.yaml", Documents.product())
        try scratch.write("pack/probe.yaml", pack)
        for (name, text) in extra { try scratch.write(name, text) }
        return scratch
    }

    static func audit(_ scratch: Scratch, asOf: String = "2026-11-22") throws -> LoanCheckBinary.Output {
        let output = try scratch.run(["audit", "docs", "--rules", "pack", "--as-of", asOf])
        expectNoCrashOrHang(output)
        return output
    }

    /// The line of the pack (1-based) that holds `text`.
    static func line(of text: String, in pack: String) -> Int {
        let lines = pack.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }

    // MARK: - Defects found at load: exit 2 with a location

    @Test func typeErrorInARequirement() throws {
        let pack = ProbePack.text(rules: [ProbePack.rule(id: "ROBUST-TYPE", require: "product.credit_line.max <= 30%")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        let line = Self.line(of: "require: product.credit_line.max", in: pack)
        #expect(output.hasError("pack/probe.yaml", line: line, column: 38, "cannot compare money and ratio"), "\(output.summary)")
        #expect(output.stdout.isEmpty, "nothing is audited with a broken pack")
    }

    @Test func unknownFieldInARule() throws {
        let rule = ProbePack.rule(id: "ROBUST-FIELD", require: "product.secured == false")
            .replacingOccurrences(of: "    severity: error", with: "    severty: error")
        let pack = ProbePack.text(rules: [rule])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        let line = Self.line(of: "severty:", in: pack)
        #expect(output.hasError("pack/probe.yaml", line: line, column: 5, "unknown key 'severty' in a rule"), "\(output.summary)")
        #expect(output.hasError("pack/probe.yaml", line: Self.line(of: "- id: ROBUST-FIELD", in: pack), column: 5,
                                "a rule is missing 'severity'"), "\(output.summary)")
        #expect(output.stderr.contains("did you mean 'severity'?"), "\(output.summary)")
    }

    @Test func unknownFieldInADocumentPath() throws {
        let pack = ProbePack.text(rules: [ProbePack.rule(id: "ROBUST-PATH", require: "product.credit_lines.max <= 20万")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        let line = Self.line(of: "require: product.credit_lines", in: pack)
        #expect(output.hasError("pack/probe.yaml", line: line, column: 22, "LoanProduct has no field 'credit_lines'"), "\(output.summary)")
        #expect(output.stderr.contains("did you mean 'credit_line'?"), "\(output.summary)")
    }

    @Test func undefinedParameter() throws {
        let parameters = "  cap:\n    type: money\n    history:\n      - {from: 2020-01-01, value: 20万}\n"
        let pack = ProbePack.text(parameters: parameters,
                                  rules: [ProbePack.rule(id: "ROBUST-PARAM", require: "product.credit_line.max <= param.cpa")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        let line = Self.line(of: "require: product.credit_line.max <= param.cpa", in: pack)
        #expect(output.hasError("pack/probe.yaml", line: line, "Params.robustness-probe has no field 'cpa'"), "\(output.summary)")
        #expect(output.stderr.contains("did you mean 'cap'?"), "\(output.summary)")
    }

    /// Parameters hold values, not expressions, so they cannot refer to each other and no cycle can be
    /// written: a value naming another parameter is just an invalid value.
    @Test func parameterNamingAnotherParameterIsAnInvalidValue() throws {
        let parameters = """
              a:
                type: money
                history:
                  - {from: 2020-01-01, value: param.b}
              b:
                type: money
                history:
                  - {from: 2020-01-01, value: param.a}

            """
        let pack = ProbePack.text(parameters: parameters,
                                  rules: [ProbePack.rule(id: "ROBUST-CYCLE", require: "product.credit_line.max <= param.a")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        #expect(output.hasError("pack/probe.yaml", line: Self.line(of: "value: param.b", in: pack), "expected an amount of money"),
                "\(output.summary)")
        #expect(output.hasError("pack/probe.yaml", line: Self.line(of: "value: param.a", in: pack), "expected an amount of money"),
                "\(output.summary)")
    }

    @Test func parameterWithoutAnyValue() throws {
        let parameters = "  cap:\n    type: money\n    history: []\n"
        let pack = ProbePack.text(parameters: parameters,
                                  rules: [ProbePack.rule(id: "ROBUST-EMPTY", require: "product.credit_line.max <= param.cap")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        #expect(output.hasError("pack/probe.yaml", line: Self.line(of: "    type: money", in: pack), column: 5, "parameter 'cap' has no value"),
                "\(output.summary)")
    }

    @Test func waiverForAnUnknownRule() throws {
        let waiver = """
            kind: Waiver
            rule: ROBUST-NOPE
            subject: p-1
            reason: test
            approved_by: 合规部
            expires: 2030-01-01

            """
        let pack = ProbePack.text(rules: [ProbePack.aprRule])
        let scratch = try Self.scratch(pack: pack, extra: [("docs/waiver.yaml", waiver)])
        let output = try Self.audit(scratch)
        #expect(output.status == 2)
        #expect(output.hasError("docs/waiver.yaml", line: 2, column: 7, "waiver names unknown rule 'ROBUST-NOPE'"), "\(output.summary)")
        #expect(output.stderr.contains("did you mean 'ROBUST-APR'?"), "\(output.summary)")
        #expect(output.stdout.isEmpty, "nothing is audited")

        let validate = try scratch.run(["validate", "docs", "--rules", "pack"])
        expectNoCrashOrHang(validate)
        #expect(validate.status == 2, "validate checks waivers against the loaded rules too: \(validate.summary)")
        #expect(validate.hasError("docs/waiver.yaml", line: 2, column: 7, "waiver names unknown rule 'ROBUST-NOPE'"), "\(validate.summary)")
    }

    @Test func packThatIsNotValidYAML() throws {
        let pack = ProbePack.text(rules: [ProbePack.aprRule]) + "  - id: [unclosed\n"
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 2)
        #expect(output.errorLines.contains { $0.hasPrefix("pack/probe.yaml:") }, "\(output.summary)")
    }

    // MARK: - Defects found at audit time: an error finding, exit 1, never a pass

    @Test func parameterWithNoValueAtTheAsOfDateCannotEvaluate() throws {
        let parameters = "  cap:\n    type: money\n    history:\n      - {from: 2030-01-01, value: 20万}\n"
        let pack = ProbePack.text(parameters: parameters,
                                  rules: [ProbePack.rule(id: "ROBUST-LATER", require: "product.credit_line.max <= param.cap")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 1, "\(output.summary)")
        #expect(output.stdout.contains("ROBUST-LATER"), "\(output.summary)")
        #expect(output.stdout.contains("cannot evaluate: missing param.cap"), "\(output.summary)")
        // From 2030 it has a value, and the compliant product passes.
        let later = try Self.audit(Self.scratch(pack: pack), asOf: "2030-01-01")
        #expect(later.status == 0, "\(later.summary)")
    }

    @Test func divisionByZeroAtRunTimeCannotEvaluate() throws {
        let require = "product.credit_line.max / (product.credit_line.max - product.credit_line.max) >= 0%"
        let pack = ProbePack.text(rules: [ProbePack.rule(id: "ROBUST-DIV", require: require)])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 1, "\(output.summary)")
        #expect(output.stdout.contains("cannot evaluate: division by zero"), "\(output.summary)")
        #expect(output.stdout.contains("pack/probe.yaml") || output.stdout.contains("docs/p.yaml:"), "\(output.summary)")
    }

    @Test func aGuardThatCannotEvaluateIsNotAPass() throws {
        let rule = ProbePack.rule(id: "ROBUST-GUARD", appliesTo: "product.credit_line.max / (product.credit_line.min - 500) > 1%",
                                  require: "true")
        let output = try Self.audit(Self.scratch(pack: ProbePack.text(rules: [rule])))
        #expect(output.status == 1, "\(output.summary)")
        #expect(output.stdout.contains("cannot evaluate: division by zero"), "\(output.summary)")
    }

    @Test func arithmeticUnderflowAtRunTimeCannotEvaluate() throws {
        let tiny = "0.00000000000000000000000000000000000001"
        let pack = ProbePack.text(rules: [ProbePack.rule(
            id: "ROBUST-TINY", require: "product.credit_line.max * \(tiny) * \(tiny) * \(tiny) * \(tiny) >= 0")])
        let output = try Self.audit(Self.scratch(pack: pack))
        #expect(output.status == 1, "\(output.summary)")
        #expect(output.stdout.contains("cannot evaluate: arithmetic underflow"), "\(output.summary)")
    }
}
