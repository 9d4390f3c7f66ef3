import Compliance

/// The inline SVG charts of the HTML report: findings per rule (a stacked bar chart) and the subject ×
/// rule matrix of check outcomes.
///
/// Every chart is `role="img"` with a `<title>` and a `<desc>` (referenced by `aria-labelledby` /
/// `aria-describedby`) that state what it shows in words; every bar and cell also has its own `<title>`
/// (a tooltip on screen) and `data-*` attributes with its numbers, for checks. Sizes are computed from
/// estimated text widths (ids are drawn in a monospaced font), so no script or font is needed.
struct HTMLCharts {
    let digest: ReportDigest
    let labels: ReportLabels

    /// Matrix rows per SVG, so that a matrix prints as page-sized pieces (30 rows of 22 px and a header
    /// of rule ids fit on an A4 page).
    static let matrixRowsPerChart = 30

    private static let monoFont = "ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', monospace"
    private static let textFont = "system-ui, 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif"

    /// Width in monospaced cells of `text` (wide characters count double).
    static func cells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in sum + (scalar.value >= 0x1100 ? 2 : 1) }
    }

    /// The number of cells of the longest text, at most `limit`: texts longer than that are truncated.
    static func labelCells(_ texts: [String], limit: Int) -> Int {
        min(limit, texts.map(cells).max() ?? 0)
    }

    /// Estimated width in pixels of `cells` monospaced cells at `size` px (a cell is 0.6 em wide, with
    /// a little slack for fonts that are wider).
    static func width(cells: Int, size: Double) -> Double {
        Double(cells) * size * 0.62
    }

    /// `text` cut to at most `limit` cells, with an ellipsis.
    static func truncated(_ text: String, _ limit: Int) -> String {
        guard cells(text) > limit else { return text }
        var out = ""
        var used = 0
        for character in text {
            let width = cells(String(character))
            if used + width > limit - 1 { break }
            out.append(character)
            used += width
        }
        return out + "…"
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private func open(id: String, width: Double, height: Double, title: String, description: String) -> String {
        "<svg" + HTML.attributes([
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("id", id), ("role", "img"),
            ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"),
            ("width", Self.number(width)), ("height", Self.number(height)),
            ("aria-labelledby", id + "-title"), ("aria-describedby", id + "-desc"),
        ]) + ">\n" + HTML.text("title", [("id", id + "-title")], title) + "\n"
            + HTML.text("desc", [("id", id + "-desc")], description) + "\n"
    }

    // MARK: - Findings per rule

    /// A horizontal stacked bar per rule: unwaived errors, warnings and info, "cannot evaluate", then
    /// waived findings.
    func findingsPerRule() -> String {
        let rules = digest.chartRules
        guard !rules.isEmpty else { return HTML.text("p", [], labels.noRulesChecked) }
        let counts = rules.map { digest.countsByRule[$0.id] ?? FindingCounts() }
        let maximum = max(1, counts.map(\.total).max() ?? 0)
        let labelSize = 11.0
        let labelCells = Self.labelCells(rules.map(\.id), limit: 36)
        let labelWidth = Self.width(cells: labelCells, size: labelSize) + 12
        let valueWidth = 130.0
        let chartWidth = 700.0
        let barArea = chartWidth - labelWidth - valueWidth
        let rowHeight = 22.0
        let top = 22.0
        let height = top + rowHeight * Double(rules.count) + 6
        let step = Self.tickStep(maximum)

        let description = zip(rules, counts).map { rule, count in
            "\(rule.id): \(countPhrase(count))"
        }.joined(separator: "; ")
        var out = open(id: "chart-findings-per-rule", width: chartWidth, height: height, title: labels.perRule,
                       description: description)
        // Axis: ticks and grid lines.
        var tick = 0
        while tick <= maximum {
            let x = labelWidth + barArea * Double(tick) / Double(maximum)
            out += "<line x1=\"\(Self.number(x))\" y1=\"\(Self.number(top - 4))\" x2=\"\(Self.number(x))\" "
                + "y2=\"\(Self.number(height - 4))\" stroke=\"#d0d7de\" stroke-width=\"1\"/>"
                + "<text x=\"\(Self.number(x))\" y=\"\(Self.number(top - 8))\" font-size=\"9\" text-anchor=\"middle\" "
                + "fill=\"#57606a\" font-family=\"\(Self.textFont)\">\(ReportWording.grouped(tick))</text>\n"
            tick += step
        }
        for (index, (rule, count)) in zip(rules, counts).enumerated() {
            let y = top + rowHeight * Double(index)
            out += "<g" + HTML.attributes([
                ("class", "bar"), ("data-rule", rule.id), ("data-count", String(count.total)),
                ("data-error", String(count.error)), ("data-warning", String(count.warning)),
                ("data-info", String(count.info)), ("data-cannot-evaluate", String(count.cannotEvaluate)),
                ("data-waived", String(count.waived)),
            ]) + ">" + HTML.text("title", [], "\(rule.id) — \(labels.text(rule.title)): \(countPhrase(count))")
            out += "<text x=\"\(Self.number(labelWidth - 8))\" y=\"\(Self.number(y + 15))\" font-size=\"\(Self.number(labelSize))\" "
                + "text-anchor=\"end\" font-family=\"\(Self.monoFont)\" fill=\"#1f2328\">"
                + HTMLEscaping.text(Self.truncated(rule.id, labelCells)) + "</text>"
            var x = labelWidth
            for (severity, value) in [("error", count.error), ("warning", count.warning), ("info", count.info),
                                      ("cannotEvaluate", count.cannotEvaluate), ("waived", count.waived)] where value > 0 {
                let width = barArea * Double(value) / Double(maximum)
                out += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y + 4))\" width=\"\(Self.number(width))\" height=\"14\" "
                    + "fill=\"\(HTMLStyle.colors(severity).fill)\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
                x += width
            }
            out += "<text x=\"\(Self.number(x + 6))\" y=\"\(Self.number(y + 15))\" font-size=\"10\" fill=\"#1f2328\" "
                + "font-family=\"\(Self.textFont)\">" + HTMLEscaping.text(valueLabel(count)) + "</text></g>\n"
        }
        return out + "</svg>\n"
    }

    /// `2` or `2 + 1 waived` at the end of a bar.
    private func valueLabel(_ count: FindingCounts) -> String {
        let open = count.error + count.warning + count.info + count.cannotEvaluate
        return count.waived == 0 ? ReportWording.grouped(open)
            : "\(ReportWording.grouped(open)) + \(ReportWording.grouped(count.waived)) \(labels.waived)"
    }

    /// `1 error, 0 warnings, 0 info, 0 cannot evaluate, 1 waived` in the report's language.
    func countPhrase(_ count: FindingCounts) -> String {
        labels.verdict(AuditReport.Summary(error: count.error, warning: count.warning, info: count.info,
                                           cannotEvaluate: count.cannotEvaluate, waived: count.waived))
    }

    /// A tick step giving at most about 10 ticks: 1, 2, 5, 10, 20, 50…
    static func tickStep(_ maximum: Int) -> Int {
        var step = 1
        while maximum / step > 10 {
            let digits = String(step)
            step = digits.hasPrefix("2") ? step / 2 * 5 : step * 2
        }
        return step
    }

    // MARK: - Worst groups against their bound

    /// A horizontal bar per listed group finding over an upper bound (`LedgerDigest.worstGroups`): its
    /// aggregate as a share of the bound, the bound drawn as a dashed line at 100%. Each row is labelled
    /// with the group's key (borrower parts hashed) over its rule id; the ratio and the two amounts
    /// follow the bar.
    func worstGroups() -> String {
        let groups = digest.ledger.worstGroups
        guard !groups.isEmpty else { return "" }
        let mask = digest.wording.mask
        let keys = groups.map { mask.id(of: $0.finding) }
        let labelCells = max(Self.labelCells(keys, limit: 34), Self.labelCells(groups.map(\.finding.rule), limit: 34))
        let labelWidth = Self.width(cells: labelCells, size: 11) + 12
        let valueWidth = 210.0
        let chartWidth = 700.0
        let barArea = chartWidth - labelWidth - valueWidth
        let rowHeight = 30.0
        let top = 24.0
        let height = top + rowHeight * Double(groups.count) + 6
        // The scale reaches the worst ratio, and at least the bound.
        let maximum = Double(max(10_000, groups.map(\.basisPoints).max() ?? 0))
        let boundX = labelWidth + barArea * 10_000 / maximum
        let description = zip(groups, keys).map { group, key in
            "\(group.finding.rule) \(key): \(EvidenceRatio.percent(group.basisPoints)) "
                + "(\(group.finding.evidence.actual) / \(EvidenceRatio.boundText(group.finding.evidence.required)))"
        }.joined(separator: "; ")
        var out = open(id: "chart-ledger-groups", width: chartWidth, height: height, title: labels.worstGroups, description: description)
        out += "<line x1=\"\(Self.number(boundX))\" y1=\"\(Self.number(top - 4))\" x2=\"\(Self.number(boundX))\" "
            + "y2=\"\(Self.number(height - 2))\" stroke=\"#1f2328\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
            + "<text x=\"\(Self.number(boundX))\" y=\"\(Self.number(top - 8))\" font-size=\"9\" text-anchor=\"middle\" "
            + "fill=\"#57606a\" font-family=\"\(Self.textFont)\">" + HTMLEscaping.text("100% = \(labels.bound)") + "</text>\n"
        for (index, (group, key)) in zip(groups, keys).enumerated() {
            let finding = group.finding
            let y = top + rowHeight * Double(index)
            let severity = finding.isWaived ? "waived" : finding.severity.rawValue
            let width = barArea * Double(group.basisPoints) / maximum
            let value = "\(EvidenceRatio.percent(group.basisPoints))  \(finding.evidence.actual) / \(EvidenceRatio.boundText(finding.evidence.required))"
            out += "<g" + HTML.attributes([
                ("class", "group-ratio"), ("data-rule", finding.rule), ("data-subject", "\(finding.subject.kind)/\(key)"),
                ("data-ratio", String(group.basisPoints)), ("data-severity", severity),
            ]) + ">" + HTML.text("title", [], "\(finding.rule) — \(key): \(value)")
            out += "<text x=\"\(Self.number(labelWidth - 8))\" y=\"\(Self.number(y + 12))\" font-size=\"11\" text-anchor=\"end\" "
                + "font-family=\"\(Self.monoFont)\" fill=\"#1f2328\">" + HTMLEscaping.text(Self.truncated(key, labelCells)) + "</text>"
            out += "<text x=\"\(Self.number(labelWidth - 8))\" y=\"\(Self.number(y + 24))\" font-size=\"9\" text-anchor=\"end\" "
                + "font-family=\"\(Self.monoFont)\" fill=\"#57606a\">" + HTMLEscaping.text(Self.truncated(finding.rule, labelCells)) + "</text>"
            out += "<rect x=\"\(Self.number(labelWidth))\" y=\"\(Self.number(y + 6))\" width=\"\(Self.number(width))\" height=\"14\" "
                + "fill=\"\(HTMLStyle.colors(severity).fill)\"/>"
            out += "<text x=\"\(Self.number(labelWidth + width + 6))\" y=\"\(Self.number(y + 17))\" font-size=\"10\" fill=\"#1f2328\" "
                + "font-family=\"\(Self.textFont)\">" + HTMLEscaping.text(value) + "</text></g>\n"
        }
        return out + "</svg>\n"
    }

    // MARK: - Outcome matrix

    /// The legend of the matrix: every state with its symbol, its label and how many checks ended in it.
    /// `drawn`: when the matrices draw only some subjects, the cells drawn per state (`data-drawn`).
    func legend(drawn: [CheckCellState: Int]? = nil) -> String {
        var out = "<ul class=\"legend\" aria-label=\"\(HTMLEscaping.attribute(labels.legend))\">\n"
        for (state, count) in digest.stateCounts() {
            let drawnAttribute = drawn.map { [("data-drawn", String($0[state] ?? 0))] } ?? []
            out += "<li" + HTML.attributes([("data-state", state.rawValue), ("data-count", String(count))] + drawnAttribute) + ">"
                + HTML.text("span", [("class", "symbol state-\(state.rawValue)"), ("aria-hidden", "true")], state.symbol)
                + HTMLEscaping.text("\(labels.state(state)) (\(count))") + "</li>\n"
        }
        return out + "</ul>\n"
    }

    /// The subjects of `kind` × the rules checked on them, in pieces of at most `matrixRowsPerChart` rows.
    func matrix(kind: String, subjects: [AuditReport.SubjectSummary], title: String) -> String {
        let rules = digest.matrixRules(kind: kind)
        guard !rules.isEmpty, !subjects.isEmpty else { return HTML.text("p", [], labels.noRulesChecked) }
        var out = ""
        var start = 0
        var part = 1
        while start < subjects.count {
            let rows = Array(subjects[start..<min(start + Self.matrixRowsPerChart, subjects.count)])
            let pieceTitle = subjects.count > Self.matrixRowsPerChart
                ? "\(title) (\(start + 1)–\(start + rows.count) / \(subjects.count))" : title
            out += matrixPiece(id: HTMLEscaping.fragment("matrix", "\(kind)-\(part)"), rules: rules, subjects: rows, title: pieceTitle)
            start += rows.count
            part += 1
        }
        return out
    }

    private func matrixPiece(id: String, rules: [AuditReport.RuleSummary], subjects: [AuditReport.SubjectSummary], title: String) -> String {
        let size = 11.0
        let cellWidth = 26.0
        let cellHeight = 22.0
        let labelCells = Self.labelCells(subjects.map(\.id), limit: 30)
        let headerCells = Self.labelCells(rules.map(\.id), limit: 36)
        let labelWidth = Self.width(cells: labelCells, size: size) + 12
        let headerHeight = Self.width(cells: headerCells, size: size) + 12
        let width = max(labelWidth + cellWidth * Double(rules.count) + 8, 200)
        let height = headerHeight + cellHeight * Double(subjects.count) + 4

        var notable: [String] = []
        var cells = ""
        for (row, subject) in subjects.enumerated() {
            let y = headerHeight + cellHeight * Double(row)
            cells += "<text x=\"\(Self.number(labelWidth - 6))\" y=\"\(Self.number(y + 15))\" font-size=\"\(Self.number(size))\" "
                + "text-anchor=\"end\" font-family=\"\(Self.monoFont)\" fill=\"#1f2328\">"
                + HTML.text("title", [], subject.name.isEmpty ? subject.id : "\(subject.id) — \(subject.name)")
                + HTMLEscaping.text(Self.truncated(subject.id, labelCells)) + "</text>\n"
            for (column, rule) in rules.enumerated() {
                guard let state = digest.state(rule: rule.id, subject: subject) else { continue }
                if state != .passed && state != .notApplicable && state != .notInForce {
                    notable.append("\(subject.id) × \(rule.id): \(labels.state(state))")
                }
                let x = labelWidth + cellWidth * Double(column)
                let colors = state.colors
                cells += "<g" + HTML.attributes([("class", "cell"), ("data-state", state.rawValue), ("data-rule", rule.id),
                                                 ("data-subject", subject.id)]) + ">"
                    + HTML.text("title", [], "\(subject.id) × \(rule.id): \(labels.state(state))")
                    + "<rect x=\"\(Self.number(x + 1))\" y=\"\(Self.number(y + 1))\" width=\"\(Self.number(cellWidth - 2))\" "
                    + "height=\"\(Self.number(cellHeight - 2))\" rx=\"2\" fill=\"\(colors.fill)\" stroke=\"#afb8c1\" stroke-width=\"0.75\"/>"
                    + "<text x=\"\(Self.number(x + cellWidth / 2))\" y=\"\(Self.number(y + 16))\" font-size=\"13\" font-weight=\"700\" "
                    + "text-anchor=\"middle\" fill=\"\(colors.ink)\" font-family=\"\(Self.textFont)\">"
                    + HTMLEscaping.text(state.symbol) + "</text></g>\n"
            }
        }
        var header = ""
        for (column, rule) in rules.enumerated() {
            let x = labelWidth + cellWidth * Double(column) + cellWidth / 2 + 4
            let y = headerHeight - 6
            header += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" "
                + "transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\" font-family=\"\(Self.monoFont)\" fill=\"#1f2328\">"
                + HTML.text("title", [], "\(rule.id) — \(labels.text(rule.title))")
                + HTMLEscaping.text(Self.truncated(rule.id, headerCells)) + "</text>\n"
        }
        let counts = subjects.flatMap { subject in rules.compactMap { digest.state(rule: $0.id, subject: subject) } }
        let totals = CheckCellState.allCases.map { state in (state, counts.filter { $0 == state }.count) }
        let description = labels.checksLine(totals) + (notable.isEmpty ? "" : ". " + notable.joined(separator: "; "))
        return open(id: id, width: width, height: height, title: title, description: description) + header + cells + "</svg>\n"
    }
}

extension ReportLabels {
    /// Pack content in the report's language.
    func text(_ localized: LocalizedText) -> String { localized.text(language) }
}
