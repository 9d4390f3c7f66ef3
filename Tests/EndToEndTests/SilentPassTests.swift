import Foundation
import LoanCheckTestSupport
import Testing

/// The silent passes of the defects issue (#17 items 1–6), reproduced as a user would: each of these
/// turned an audit green, or hid a finding, before it was fixed.
@Suite(.serialized) struct SilentPassTests {
    typealias L = LoanCheckBinary

    static let bank = "kind: Institution\nid: bank-a\nname: Bank A\ntype: national-bank\nregistered_in: CN-GD\n"

    /// The reproductions' product: a bank's consumer loan with the given term and pricing.
    static func product(termMin: String, termMax: String, rate: String, disclosed: String, lender: String = "bank-a") -> String {
        """
        kind: LoanProduct
        id: p
        name: P
        lender: \(lender)
        borrower: individual
        purpose: consumption
        secured: false
        credit_line: {min: 1000, max: 20万}
        term: {min: \(termMin), max: \(termMax)}
        repayment: equal-installment
        pricing:
          rate: \(rate)
          disclosed_apr: \(disclosed)
        regions: [CN-GD]

        """
    }

    static func waiver(rule: String, reason: String = "pilot pricing", expires: String) -> String {
        "kind: Waiver\nrule: \(rule)\nsubject: p\nreason: \(reason)\napproved_by: risk\nexpires: \(expires)\n"
    }

    private func directory(_ files: [String: String]) throws -> String {
        let directory = try L.temporaryDirectory()
        for (name, text) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return directory
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: 1. A waiver never hides "cannot evaluate"

    @Test func aWaiverDoesNotHideARuleThatCannotBeEvaluated() throws {
        let directory = try self.directory([
            "bank.yaml": Self.bank,
            "p.yaml": Self.product(termMin: "30 days", termMax: "90 days", rate: "0.5% per day", disclosed: "15%"),
            "w-apr.yaml": Self.waiver(rule: "CN-RATE-APR-24", expires: "2027-06-30"),
            "w-disclosure.yaml": Self.waiver(rule: "CN-RATE-APR-DISCLOSURE", expires: "2027-06-30"),
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("0 errors, 0 warnings, 0 info, 2 cannot evaluate, 0 waived"))
        #expect(text.stdout.contains("the waiver approved by risk until 2027-06-30 does not apply: it covers the violation it was approved for, not a rule that could not be evaluated"))
        let report = try json(try L.run(["audit", directory, "--as-of", "2026-11-22", "--format", "json"]).stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let apr = try #require(findings.first { $0["rule"] as? String == "CN-RATE-APR-24" })
        #expect(apr["cannotEvaluate"] as? Bool == true && apr["waived"] as? Bool == false && apr["severity"] as? String == "error")
        #expect((apr["waiver"] as? [String: Any])?["status"] as? String == "not-applicable")
    }

    // MARK: 2. No rules

    @Test func aRulesDirectoryWithoutPacksIsAnError() throws {
        let directory = try self.directory(["bank.yaml": Self.bank])
        let empty = try self.directory([:])
        let schemaOnly = try self.directory([:])
        defer { for path in [directory, empty, schemaOnly] { try? FileManager.default.removeItem(atPath: path) } }
        try FileManager.default.createDirectory(atPath: schemaOnly + "/schema", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: L.repository + "/Rules/schema/documents.yaml", toPath: schemaOnly + "/schema/documents.yaml")

        let emptyExtra = try L.run(["audit", directory, "--rules", empty, "--as-of", "2026-11-22"])
        #expect(emptyExtra.status == 2)
        #expect(emptyExtra.stderr.contains("error: the rules directory '\(empty)' holds no rule pack"))

        let noPacks = try L.run(["audit", directory, "--as-of", "2026-11-22"], environment: ["LOANCHECK_RULES": schemaOnly])
        #expect(noPacks.status == 2)
        #expect(noPacks.stderr.contains("error: no rule is loaded: an audit would check nothing"))

        let missing = try L.run(["audit", directory, "--as-of", "2026-11-22"], environment: ["LOANCHECK_RULES": directory + "/nowhere"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: LOANCHECK_RULES names '\(directory)/nowhere', which is not a directory"))

        let emptyVariable = try L.run(["audit", directory, "--as-of", "2026-11-22"], environment: ["LOANCHECK_RULES": ""])
        #expect(emptyVariable.status == 2)
        #expect(emptyVariable.stderr.contains("error: LOANCHECK_RULES is set but empty"))

        let notRules = try L.run(["audit", directory, "--as-of", "2026-11-22"], environment: ["LOANCHECK_RULES": empty])
        #expect(notRules.status == 2)
        #expect(notRules.stderr.contains("which holds no schema/documents.yaml (not a rules directory)"))
    }

    @Test func noRuleInForceIsAnErrorUnlessAllowed() throws {
        let directory = try self.directory(["bank.yaml": Self.bank])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let early = try L.run(["audit", directory, "--as-of", "2010-01-01"])
        #expect(early.status == 2)
        #expect(early.stderr.contains("error: no rule is in force on 2010-01-01: the audit would check nothing"))
        #expect(early.stderr.contains("hint: check --as-of (the earliest rule takes effect on 2014-01-01); pass --allow-no-rules to audit anyway"))
        #expect(try L.run(["audit", directory, "--as-of", "2010-01-01", "--allow-no-rules"]).status == 0)
    }

    // MARK: 3. A pack that replaces a shipped pack

    static let shadowPack = """
        kind: RulePack
        id: cn-interest-rate-caps
        version: "1"
        status: in-force
        title: {zh: t, en: t}
        authority: {zh: a, en: a}
        instrument: x
        rules: []

        """

    @Test func aReplacingPackCannotDropShippedRulesSilently() throws {
        let directory = try self.directory([
            "bank.yaml": Self.bank,
            "products/p.yaml": Self.product(termMin: "6 months", termMax: "12 months", rate: "36% per year", disclosed: "36%"),
        ])
        let shadow = try self.directory(["caps.yaml": Self.shadowPack])
        defer { for path in [directory, shadow] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try L.run(["audit", directory, "--as-of", "2026-11-22"]).status == 1)

        let dropped = try L.run(["audit", directory, "--rules", shadow, "--as-of", "2026-11-22"])
        #expect(dropped.status == 2)
        #expect(dropped.stderr.contains(
            "error: the pack 'cn-interest-rate-caps' in \(shadow)/caps.yaml replaces the shipped pack and drops its rules "
                + "CN-RATE-APR-24, CN-RATE-LOAN-APR-24, CN-RATE-PRIVATE-LPR4, CN-RATE-LOAN-PRIVATE-LPR4, CN-RATE-PRIVATE-OVERDUE-LPR4, "
                + "CN-RATE-PRIVATE-CHARGES-LPR4, CN-RATE-OVERDUE-24, CN-RATE-PRIVATE-2015, CN-RATE-LOAN-PRIVATE-2015"))
        #expect(dropped.stderr.contains(
            "hint: keep the rules in the replacing pack, or switch them off explicitly with --disable-rule CN-RATE-APR-24 "
                + "--disable-rule CN-RATE-LOAN-APR-24 --disable-rule CN-RATE-PRIVATE-LPR4 --disable-rule CN-RATE-LOAN-PRIVATE-LPR4 "
                + "--disable-rule CN-RATE-PRIVATE-OVERDUE-LPR4 --disable-rule CN-RATE-PRIVATE-CHARGES-LPR4 --disable-rule CN-RATE-OVERDUE-24 "
                // A hint is shown up to the diagnostics' length limit: the last rule's name is cut.
                + "--disable-rule CN-RATE-PRIVATE-2015 --disable-rule CN-RATE-LOAN… (13 more characters)"))

        let dropped6 = ["CN-RATE-APR-24", "CN-RATE-LOAN-APR-24", "CN-RATE-PRIVATE-LPR4", "CN-RATE-LOAN-PRIVATE-LPR4",
                        "CN-RATE-PRIVATE-OVERDUE-LPR4", "CN-RATE-PRIVATE-CHARGES-LPR4", "CN-RATE-OVERDUE-24",
                        "CN-RATE-PRIVATE-2015", "CN-RATE-LOAN-PRIVATE-2015"]
        let optIn = ["audit", directory, "--rules", shadow, "--as-of", "2026-11-22"] + dropped6.flatMap { ["--disable-rule", $0] }
        let text = try L.run(optIn)
        let line = "shipped pack cn-interest-rate-caps 2026.11 is replaced by \(shadow)/caps.yaml (version 1): "
            + "drops \(dropped6.joined(separator: ", ")) (disabled)"
        #expect(text.stderr.contains("loancheck: notice: " + line + "\n"))
        #expect(text.stdout.contains("rules changed for this run: " + line + "\n"))
        let report = try json(try L.run(optIn + ["--format", "json"]).stdout)
        let changes = try #require(report["ruleChanges"] as? [String: Any])
        let replaced = try #require((changes["replacedPacks"] as? [[String: Any]])?.first)
        #expect(replaced["id"] as? String == "cn-interest-rate-caps")
        #expect(replaced["removedRules"] as? [String] == dropped6)
        #expect((changes["disabledRules"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == dropped6)
        let sarif = try json(try L.run(optIn + ["--format", "sarif"]).stdout)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        let notification = try #require((invocation["toolConfigurationNotifications"] as? [[String: Any]])?.first)
        #expect(notification["level"] as? String == "warning")
        #expect((notification["message"] as? [String: Any])?["text"] as? String == line)
        let html = try L.run(optIn + ["--format", "html"]).stdout
        #expect(html.contains(#"<table id="stamp-rule-changes""#))
    }

    @Test func disablingAnUnknownRuleIsAnError() throws {
        let directory = try self.directory(["bank.yaml": Self.bank])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22", "--disable-rule", "CN-RATE-APR-25"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: --disable-rule names unknown rule 'CN-RATE-APR-25'"))
        #expect(result.stderr.contains("hint: did you mean 'CN-RATE-APR-24'?"))
    }

    // MARK: 4. A baseline does not mask "cannot evaluate" or escalation

    @Test func aBaselinedViolationThatBecomesCannotEvaluateIsNew() throws {
        let directory = try self.directory([
            "bank.yaml": Self.bank,
            "p.yaml": Self.product(termMin: "6 months", termMax: "12 months", rate: "30% per year", disclosed: "30%"),
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let baseline = directory + "/../" + (directory as NSString).lastPathComponent + "-base.json"
        defer { try? FileManager.default.removeItem(atPath: baseline) }
        #expect(try L.run(["audit", directory, "--as-of", "2026-11-22", "--write-baseline", baseline]).status == 1)
        #expect(try L.run(["audit", directory, "--as-of", "2026-11-22", "--baseline", baseline]).status == 0)
        try Self.product(termMin: "30 days", termMax: "90 days", rate: "0.5% per day", disclosed: "30%")
            .write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22", "--baseline", baseline, "--format", "json"])
        #expect(result.status == 1)
        let findings = try #require(try json(result.stdout)["findings"] as? [[String: Any]])
        let apr = try #require(findings.first { $0["rule"] as? String == "CN-RATE-APR-24" })
        #expect(apr["cannotEvaluate"] as? Bool == true && apr["baseline"] as? String == "new")
    }

    // MARK: 5. The waiver in force applies, whatever the file names

    @Test func theRenewedWaiverAppliesWhateverTheOrder() throws {
        for (expiredName, renewedName) in [("waiver-2025.yaml", "waiver-2027.yaml"), ("z-waiver-2025.yaml", "waiver-2027.yaml")] {
            let directory = try self.directory([
                "bank.yaml": Self.bank,
                "p.yaml": Self.product(termMin: "6 months", termMax: "12 months", rate: "30% per year", disclosed: "30%"),
                expiredName: Self.waiver(rule: "CN-RATE-APR-24", reason: "first", expires: "2025-12-31"),
                renewedName: Self.waiver(rule: "CN-RATE-APR-24", reason: "renewed", expires: "2027-12-31"),
            ])
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let result = try L.run(["audit", directory, "--as-of", "2026-11-22", "--format", "json"])
            #expect(result.status == 0, "with \(expiredName)")
            let report = try json(result.stdout)
            let waivers = try #require(report["waivers"] as? [[String: Any]])
            let byReason = Dictionary(uniqueKeysWithValues: waivers.compactMap { w in (w["reason"] as? String).map { ($0, w) } })
            #expect(byReason["renewed"]?["status"] as? String == "applied")
            #expect(byReason["first"]?["status"] as? String == "expired")
            #expect((byReason["first"]?["supersededBy"] as? [String: Any])?["file"] as? String == directory + "/" + renewedName)
            let messages = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(!messages.contains { $0.contains("can be removed") })
        }
    }

    // MARK: 6. A product's lender lends

    @Test func aPlatformCannotBeALender() throws {
        let platform = "kind: Institution\nid: plat\nname: P\ntype: platform\nregistered_in: CN-GD\n"
        let directory = try self.directory([
            "plat.yaml": platform,
            "p.yaml": Self.product(termMin: "6 months", termMax: "12 months", rate: "100% per year", disclosed: "100%", lender: "plat"),
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try L.run(["audit", directory, "--as-of", "2026-11-22"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(directory)/p.yaml:4:9: error: 'lender' must name an institution of type national-bank, local-bank, foreign-bank-branch, consumer-finance, auto-finance, trust, microlender, online-microlender, private-lender, but 'plat' is a platform"))
        #expect(result.stderr.contains("hint: the lender is the institution that books the loan; a platform (助贷平台) or a guarantor does not lend"))
    }
}
