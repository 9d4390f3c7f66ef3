import Compliance
import Diagnostics

/// `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins), valid against the Apache Ant
/// JUnit schema (`junit.xsd`).
///
/// - one `<testsuite>` per rule (name = rule id, package = pack id), in pack order, even when no subject
///   was checked (tests="0");
/// - one `<testcase>` per rule × subject (`report.checks`): name = `Kind id`, classname = `pack.RULE-ID`;
/// - failed → `<failure type="RULE-ID">`, cannot evaluate → `<error type="RULE-ID">`; a check whose
///   findings are all waived passes, with a note in the suite's `<system-out>`;
/// - not applicable, not in force and exempt (closed product) → `<skipped message="…">`;
/// - the reproducibility stamp and the rule's citation and dates in every suite's `<properties>`;
/// - `time` is 0 and `timestamp` is the as-of date at midnight, so the same inputs give the same file.
///
/// A ledger rule checks millions of loans: a test case per loan is not possible. Its suite has one
/// `<testcase>` (name = rule id) whose `<failure>` (or `<error>` when every failure is "cannot
/// evaluate") lists the listed unwaived findings, and the suite's counts are the rule's true totals
/// (`tests` = loans or groups checked, `failures` = unwaived violations, `errors` = "cannot evaluate"),
/// with `ledger.*` properties (see `ledgerSuite`).
struct JUnitReport {
    let report: AuditReport

    private let wording: ReportWording

    init(report: AuditReport) {
        self.report = report
        wording = ReportWording(report: report)
    }

    func render() -> String {
        var xml = XMLWriter()
        xml.comment("\(wording.headerLine); \(wording.summaryLine)")
        xml.open("testsuites")
        let checkFindings = Set(report.checks.flatMap(\.findings))
        // A finding about a lender reached through its products is in each product's check already.
        let notices = report.findings.filter { !checkFindings.contains($0) && $0.ledger == nil && $0.products.isEmpty }
        let checks = Dictionary(grouping: report.checks, by: \.rule)
        let noticesByRule = Dictionary(grouping: notices, by: \.rule)
        let ledgerFindings = Dictionary(grouping: report.findings.filter { $0.ledger != nil }, by: \.rule)
        let ledgerTotals = Dictionary(LedgerRuleTotals.all(report).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, rule) in report.rules.enumerated() {
            if report.ledger != nil && rule.subject.isLedger {
                ledgerSuite(rule, id: index, totals: ledgerTotals[rule.id], findings: ledgerFindings[rule.id] ?? [],
                            notices: noticesByRule[rule.id] ?? [], into: &xml)
            } else {
                suite(rule, id: index, checks: checks[rule.id] ?? [], notices: noticesByRule[rule.id] ?? [], into: &xml)
            }
        }
        xml.close("testsuites")
        return xml.output
    }

    private enum Outcome {
        case passed
        case failure(message: String, body: String)
        case error(message: String, body: String)
        case skipped(String)
    }

    private func suite(
        _ rule: AuditReport.RuleSummary, id: Int, checks: [RuleCheck], notices: [Finding], into xml: inout XMLWriter
    ) {
        let outcomes = checks.map(outcome)
        var failures = 0, errors = 0, skipped = 0
        for outcome in outcomes {
            switch outcome {
            case .failure: failures += 1
            case .error: errors += 1
            case .skipped: skipped += 1
            case .passed: break
            }
        }
        xml.open("testsuite", [
            ("name", rule.id), ("package", rule.packId), ("id", String(id)),
            ("tests", String(checks.count)), ("failures", String(failures)), ("errors", String(errors)),
            ("skipped", String(skipped)), ("time", "0"), ("timestamp", "\(report.asOf)T00:00:00"),
            ("hostname", "localhost"),
        ])
        xml.open("properties")
        for (name, value) in properties(rule) {
            xml.empty("property", [("name", name), ("value", value)])
        }
        xml.close("properties")
        for (check, outcome) in zip(checks, outcomes) {
            let attributes = [("name", ReportWording.subject(check.subject)), ("classname", "\(check.packId).\(check.rule)"),
                              ("time", "0")]
            switch outcome {
            case .passed:
                xml.empty("testcase", attributes)
            case .failure(let message, let body):
                xml.open("testcase", attributes)
                xml.element("failure", [("message", message), ("type", check.rule)], text: body)
                xml.close("testcase")
            case .error(let message, let body):
                xml.open("testcase", attributes)
                xml.element("error", [("message", message), ("type", check.rule)], text: body)
                xml.close("testcase")
            case .skipped(let message):
                xml.open("testcase", attributes)
                xml.empty("skipped", [("message", message)])
                xml.close("testcase")
            }
        }
        xml.element("system-out", text: systemOut(checks: checks, notices: notices))
        xml.empty("system-err")
        xml.close("testsuite")
    }

    /// A ledger rule's suite: `tests` = loans or groups checked, `failures` = unwaived violations, `errors`
    /// = "cannot evaluate" (both true totals, listed or not), and one test case named after the rule that
    /// fails with the listed unwaived findings and a line for those not listed. Properties add
    /// `ledger.checked`, `ledger.failures` (waived included), `ledger.listed`, `ledger.unlisted`.
    private func ledgerSuite(
        _ rule: AuditReport.RuleSummary, id: Int, totals: LedgerRuleTotals?, findings: [Finding], notices: [Finding],
        into xml: inout XMLWriter
    ) {
        let checked = totals?.counts.checked ?? 0
        let violations = totals.map { $0.counts.error + $0.counts.warning + $0.counts.info } ?? 0
        let cannotEvaluate = totals?.counts.cannotEvaluate ?? 0
        let open = violations + cannotEvaluate
        xml.open("testsuite", [
            ("name", rule.id), ("package", rule.packId), ("id", String(id)),
            ("tests", String(checked)), ("failures", String(violations)), ("errors", String(cannotEvaluate)),
            ("skipped", "0"), ("time", "0"), ("timestamp", "\(report.asOf)T00:00:00"), ("hostname", "localhost"),
        ])
        xml.open("properties")
        var ledger: [(String, String)] = [("ledger.checked", String(checked))]
        if let totals {
            ledger += [("ledger.failures", String(totals.failures)), ("ledger.listed", String(totals.listed)),
                       ("ledger.unlisted", String(totals.unlisted))]
        }
        for (name, value) in properties(rule) + ledger {
            xml.empty("property", [("name", name), ("value", value)])
        }
        xml.close("properties")
        let ordered = TextReport.ordered(findings)
        if checked > 0 {
            let attributes = [("name", rule.id), ("classname", "\(rule.packId).\(rule.id)"), ("time", "0")]
            if open == 0 {
                xml.empty("testcase", attributes)
            } else {
                let noun = rule.subject == .loanGroup ? "groups" : "loans"
                var message = "\(ReportWording.grouped(open)) of \(ReportWording.grouped(checked)) \(noun) fail\(open == 1 ? "s" : "")"
                if cannotEvaluate > 0 { message += " (\(ReportWording.grouped(cannotEvaluate)) cannot be evaluated)" }
                var body = ordered.filter { !$0.isWaived }.map(body).joined(separator: "\n")
                if let totals, totals.unlisted > 0, let cap = report.ledger?.maxFindingsPerRule {
                    body += (body.isEmpty ? "" : "\n") + ReportWording.cappedLine(totals, cap: cap) + "\n"
                }
                xml.open("testcase", attributes)
                xml.element(violations > 0 ? "failure" : "error", [("message", message), ("type", rule.id)], text: body)
                xml.close("testcase")
            }
        }
        var out = ""
        for finding in ordered where finding.isWaived {
            out += "\(wording.mask.subject(of: finding)): passes by waiver\n" + body(finding)
        }
        out += notices.map(body).joined()
        xml.element("system-out", text: out)
        xml.empty("system-err")
        xml.close("testsuite")
    }

    private func outcome(_ check: RuleCheck) -> Outcome {
        switch check.status {
        case .passed:
            return .passed
        case .notApplicable:
            return .skipped("not applicable: the rule's applies_to is false for this subject")
        case .notInForce:
            return .skipped("not in force on \(report.asOf)")
        case .exemptClosed:
            return .skipped("exempt: the product closed before the rule took effect")
        case .failed, .cannotEvaluate:
            let open = check.findings.filter { !$0.isWaived }
            guard let first = open.first else { return .passed }
            var message = "\(first.severity.rawValue): \(wording.message(of: first))"
            if open.count > 1 { message += " (and \(open.count - 1) more)" }
            let body = check.findings.map(body).joined(separator: "\n")
            return check.status == .cannotEvaluate || open.contains(where: \.cannotEvaluate)
                ? .error(message: message, body: body) : .failure(message: message, body: body)
        }
    }

    /// A finding as plain text: `severity: file:line:col: message` and the detail lines.
    private func body(_ finding: Finding) -> String {
        let place = finding.location.map { "\($0): " } ?? ""
        var lines = ["\(finding.severity.rawValue): \(place)\(wording.message(of: finding))"]
        lines += wording.detailLines(finding).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Waived checks (which pass) and the rule's notices (waivers about to expire, unused waivers).
    private func systemOut(checks: [RuleCheck], notices: [Finding]) -> String {
        var out = ""
        for check in checks where [.failed, .cannotEvaluate].contains(check.status) {
            let findings = check.findings
            guard !findings.isEmpty, findings.allSatisfy(\.isWaived) else { continue }
            out += "\(ReportWording.subject(check.subject)): passes by waiver\n"
            out += findings.map(body).joined()
        }
        for notice in notices {
            out += body(notice)
        }
        return out
    }

    /// The rule's facts and the reproducibility stamp.
    private func properties(_ rule: AuditReport.RuleSummary) -> [(String, String)] {
        var properties: [(String, String)] = [
            ("rule.title", wording.text(rule.title)),
            ("rule.severity", rule.severity.rawValue),
            ("rule.citation", wording.citation(rule.citation, effective: rule.effective)),
            ("rule.effective", rule.effective.description),
        ]
        if let enforced = rule.enforced { properties.append(("rule.enforced", enforced.description)) }
        if let repealed = rule.repealed { properties.append(("rule.repealed", repealed.description)) }
        if let newBusiness = rule.newBusinessFrom { properties.append(("rule.newBusinessFrom", newBusiness.description)) }
        properties.append(("rule.regime", wording.regime(of: rule)))
        if let appliesTo = rule.appliesTo { properties.append(("rule.appliesTo", appliesTo)) }
        properties.append(("rule.requirement", rule.requirement))
        properties += rule.parameters.map { ("rule.parameter", $0.text) }
        return properties + stamp
    }

    /// `tool`, `asOf`, `language`, one `pack` (`id version sha256`), `input` (`sha256  path`, the
    /// `sha256sum` line format) and `waiver` property per item.
    private var stamp: [(String, String)] {
        var properties: [(String, String)] = [
            ("tool", "\(report.toolName) \(report.toolVersion)"), ("asOf", report.asOf.description),
            ("language", report.language.rawValue),
        ]
        properties += report.packs.map { ("pack", "\($0.id) \($0.version) \($0.sha256)") }
        properties += report.ruleChanges.lines.map { ("ruleChange", $0) }
        properties += report.inputs.map { ("input", "\($0.sha256)  \($0.path)") }
        properties += report.waivers.map { record in
            let subject = wording.mask.waiverSubject(record.subject, rule: report.rules.first { $0.id == record.rule }?.subject)
            return ("waiver", "\(record.rule) \(subject) \(record.status.rawValue) until \(record.expires)"
                + " by \(record.approvedBy)\(record.reference.map { " (\($0))" } ?? "")")
        }
        return properties
    }
}
