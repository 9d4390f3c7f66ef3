import Compliance

/// The `### Ledger audit` part of the Markdown report, with the content of the HTML ledger section: what
/// the audit read; a table of every ledger rule's true totals (checked, errors, warnings, info, cannot
/// evaluate, waived, listed / total) and a line per capped rule; the listed findings per lender; then the
/// listed unwaived findings (at most `maxRows`, the rest counted). Borrower keys are shown as short
/// hashes (`BorrowerMask`).
struct MarkdownLedger {
    /// Listed findings shown; the rest are counted (a comment is limited to 65,536 characters).
    static let maxRows = 100

    let digest: ReportDigest
    let labels: ReportLabels
    let options: ReportOptions

    private var ledger: LedgerDigest { digest.ledger }
    private static func cell(_ text: String) -> String { MarkdownReport.cell(text) }
    private static func code(_ text: String) -> String { MarkdownReport.code(text) }

    func render() -> String {
        var out = ""
        if let stamp = ledger.stamp {
            let cap = stamp.maxFindingsPerRule == 0 ? "—" : ReportWording.grouped(stamp.maxFindingsPerRule)
            out += "- **\(Self.cell(labels.engine))**: \(Self.code(stamp.engine))\n"
                + "- **\(Self.cell(labels.loans))**: \(ReportWording.grouped(stamp.loans))\n"
                + "- **\(Self.cell(labels.fundings))**: \(ReportWording.grouped(stamp.fundings))\n"
                + "- **\(Self.cell(labels.listedPerRule))**: \(cap)\n\n"
        }
        if !ledger.rules.isEmpty {
            out += MarkdownReport.header([labels.ledgerRules, labels.checked] + Array(labels.countHeaders.prefix(3))
                                         + [labels.cannotEvaluate, labels.countHeaders[4], labels.listedOfTotal],
                                         numeric: [1, 2, 3, 4, 5, 6, 7])
            for rule in ledger.rules {
                let counts = rule.counts
                out += MarkdownReport.row([Self.code(rule.id)] + [counts.checked, counts.error, counts.warning, counts.info,
                                                                   counts.cannotEvaluate, counts.waived].map(ReportWording.grouped)
                                          + ["\(ReportWording.grouped(rule.listed)) / \(ReportWording.grouped(rule.failures))"])
            }
            if let cap = ledger.stamp?.maxFindingsPerRule {
                let capped = ledger.rules.filter { $0.unlisted > 0 }
                if !capped.isEmpty { out += "\n" + capped.map { "- " + Self.cell(labels.capped($0, cap: cap)) + "\n" }.joined() }
            }
            out += "\n"
        }
        if !ledger.countsByLender.isEmpty {
            out += MarkdownReport.header([labels.listedPerLender] + labels.countHeaders, numeric: [1, 2, 3, 4, 5, 6])
            for (lender, institution, counts) in ledger.countsByLender {
                let name = institution.map { "\(Self.cell($0.name)) \(Self.code($0.id))" } ?? lender.map(Self.code) ?? Self.cell(labels.lenderNotKnown)
                out += MarkdownReport.row([name] + counts.columns.map(ReportWording.grouped))
            }
            out += "\n" + Self.cell(labels.perLenderNote) + "\n\n"
        }
        return out + "#### \(Self.cell(labels.listedFindings))\n\n" + findings()
    }

    /// The listed unwaived findings: rule, severity, subject, `file:line`, message, evidence, and the
    /// group's key and loans or the loan's product.
    private func findings() -> String {
        let open = ledger.findingsByRule.flatMap(\.findings).filter { !$0.isWaived }
        guard !open.isEmpty else { return Self.cell(labels.noLedgerFindings) + "\n" }
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        let mask = digest.wording.mask
        var out = MarkdownReport.header([labels.rule, labels.severityHeader, labels.subject, labels.location, labels.message,
                                         labels.evidence, labels.detail])
        for finding in open.prefix(Self.maxRows) {
            let location = finding.location.map { Self.code("\(paths.display($0.file)):\($0.line)") } ?? ""
            var evidence = [ReportWording.evidence(finding.evidence, language: labels.language, path: finding.path)].compactMap { $0 }
            evidence += finding.evidence.parameters.map { digest.wording.readings(labels.parameter($0)) }
            var message = digest.wording.message(of: finding)
            if let note = finding.regimeNote { message += " (\(labels.text(note)))" }
            if let waiver = finding.waiver { message += " — " + labels.waiver(waiver) }
            out += MarkdownReport.row([
                Self.code(finding.rule), Self.cell(labels.severity(finding.severity)),
                "\(Self.cell(labels.kind(finding.subject.kind))) \(Self.code(mask.id(of: finding)))", location, Self.cell(message),
                evidence.map(Self.cell).joined(separator: "<br>"), detail(finding, paths: paths),
            ])
        }
        if open.count > Self.maxRows { out += "\n" + Self.cell(labels.moreFindingsNotShown(open.count - Self.maxRows)) + "\n" }
        return out
    }

    /// `Key: lender `a`, borrower `borrower#…`<br>Loans: 3<br>Largest loans: `L1` ¥120,000 (`file:5`), …` or
    /// `Product: `p``.
    private func detail(_ finding: Finding, paths: ReportPaths) -> String {
        guard let detail = finding.ledger else { return "" }
        var lines: [String] = []
        if !detail.key.isEmpty {
            lines.append(Self.cell(labels.groupKey) + ": "
                         + detail.key.map { "\(Self.cell($0.name)) \(Self.code(BorrowerMask.shown($0)))" }.joined(separator: ", "))
        }
        if let count = detail.loanCount { lines.append(Self.cell(labels.loans) + ": " + ReportWording.grouped(count)) }
        if !detail.largest.isEmpty {
            lines.append(Self.cell(labels.largestLoans) + ": " + detail.largest.map { contributor in
                "\(Self.code(contributor.loanId)) \(Self.cell(digest.wording.readings(contributor.amount)))"
                    + (contributor.location.map { " (\(Self.code("\(paths.display($0.file)):\($0.line)")))" } ?? "")
            }.joined(separator: ", "))
        }
        if let product = detail.product { lines.append(Self.cell(labels.product) + ": " + Self.code(product)) }
        if let lender = detail.lender { lines.append(Self.cell(labels.lender) + ": " + Self.code(lender)) }
        if let borrower = detail.borrower { lines.append(Self.cell(labels.borrower) + ": " + Self.code(BorrowerMask.hash(borrower))) }
        return lines.joined(separator: "<br>")
    }
}
