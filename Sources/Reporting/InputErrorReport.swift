import Compliance
import Diagnostics

/// The report of a run that audited nothing (`AuditReport.audited` is false): an audit stopped by invalid
/// inputs, or `loancheck validate`. Every format is written, so that the most common pull-request
/// mistake — a typo, `share: 70` — shows where the findings would have: each input problem is a result
/// of its `LC-INPUT-…` rule (`DiagnosticKind`) at its file, line and column.
///
/// - text: the diagnostics as on standard error, then `loancheck: 2 errors in the input; nothing was audited`;
/// - json: the usual document (`findings` empty) with `errors` (`JSONReport`);
/// - sarif: `SARIFInputErrors`;
/// - junit: one `<error>` test case per input error, one passing test case per file without one;
/// - github: one `::error` command per input error, then the summary line;
/// - markdown and html: the cover, an "Input errors" section and the stamp (`InputErrorPages`).
struct InputErrorReport {
    let report: AuditReport
    let options: ReportOptions

    func render(_ format: ReportFormat) -> String {
        switch format {
        case .text: text()
        case .json: JSONReport(report: report).render()
        case .sarif: SARIFInputErrors(report: report, options: options).render()
        case .junit: junit()
        case .github: github()
        case .markdown: InputErrorPages(report: report, options: options).markdown()
        case .html: InputErrorPages(report: report, options: options).html()
        }
    }

    // MARK: - Shared wording

    /// The input errors proper (not warnings).
    static func errorCount(_ report: AuditReport) -> Int { report.inputErrors.filter { $0.severity == .error }.count }

    /// `2 errors in the input; nothing was audited`, or `no errors in 3 input files`.
    static func summaryLine(_ report: AuditReport) -> String {
        let errors = errorCount(report)
        guard errors > 0 else { return "no errors in \(ReportWording.count(report.inputs.count, "input file"))" }
        return "\(ReportWording.count(errors, "error")) in the input; nothing was audited"
    }

    /// `loancheck 0.1.0 — as of 2026-11-22 — input check`.
    static func headerLine(_ report: AuditReport) -> String {
        "\(report.toolName) \(report.toolVersion) — as of \(report.asOf) — input check"
    }

    /// The rule id of a diagnostic (`LC-INPUT-SCHEMA` when no stage classified it).
    static func rule(_ diagnostic: Diagnostic) -> String { (diagnostic.kind ?? .schema).ruleId }

    /// The message, then one line per note and hint, as on standard error (clipped, control characters
    /// shown escaped).
    static func lines(_ diagnostic: Diagnostic) -> [String] {
        [DiagnosticRenderer.clip(diagnostic.message)]
            + diagnostic.notes.map { note in
                "note: " + (note.location.map { "\($0): " } ?? "") + DiagnosticRenderer.clip(note.message)
            }
            + diagnostic.hints.map { "hint: " + DiagnosticRenderer.clip($0) }
    }

    // MARK: - text, junit, github

    private func text() -> String {
        DiagnosticRenderer(sources: report.sources, useColor: false).render(report.inputErrors)
            + "loancheck: \(Self.summaryLine(report))\n"
    }

    private func junit() -> String {
        var xml = XMLWriter()
        xml.comment("\(Self.headerLine(report)); \(Self.summaryLine(report))")
        xml.open("testsuites")
        let errors = report.inputErrors.filter { $0.severity == .error }
        let failedFiles = Set(errors.compactMap { $0.location?.file })
        let passed = report.inputs.filter { !failedFiles.contains($0.path) }
        xml.open("testsuite", [
            ("name", "loancheck-input"), ("package", "loancheck"), ("id", "0"), ("tests", String(errors.count + passed.count)),
            ("failures", "0"), ("errors", String(errors.count)), ("skipped", "0"), ("time", "0"),
            ("timestamp", "\(report.asOf)T00:00:00"), ("hostname", "localhost"),
        ])
        xml.open("properties")
        var properties = [("tool", "\(report.toolName) \(report.toolVersion)"), ("asOf", report.asOf.description),
                          ("language", report.language.rawValue)]
        properties += report.packs.map { ("pack", "\($0.id) \($0.version) \($0.sha256)") }
        properties += report.inputs.map { ("input", "\($0.sha256)  \($0.path)") }
        for (name, value) in properties { xml.empty("property", [("name", name), ("value", value)]) }
        xml.close("properties")
        let renderer = DiagnosticRenderer(sources: report.sources, useColor: false)
        for diagnostic in errors {
            let rule = Self.rule(diagnostic)
            xml.open("testcase", [("name", diagnostic.location.map { "\($0)" } ?? "input"),
                                  ("classname", "loancheck.\(rule)"), ("time", "0")])
            xml.element("error", [("message", DiagnosticRenderer.clip(diagnostic.message)), ("type", rule)],
                        text: renderer.render(diagnostic))
            xml.close("testcase")
        }
        for input in passed {
            xml.empty("testcase", [("name", DisplayText.safe(input.path)), ("classname", "loancheck.input"), ("time", "0")])
        }
        // Warnings do not stop a run: they are told, not counted.
        xml.element("system-out", text: renderer.render(report.inputErrors.filter { $0.severity != .error }))
        xml.empty("system-err")
        xml.close("testsuite")
        xml.close("testsuites")
        return xml.output
    }

    private func github() -> String {
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        var out = ""
        for diagnostic in report.inputErrors {
            let command = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            var properties: [(String, String)] = []
            if let location = diagnostic.location {
                properties += [("file", DisplayText.safe(paths.display(location.file))), ("line", String(location.line)),
                               ("col", String(location.column))]
            }
            properties.append(("title", Self.rule(diagnostic)))
            let props = properties.map { "\($0.0)=\(GitHubAnnotations.escapeProperty($0.1))" }.joined(separator: ",")
            out += "::\(command) \(props)::\(GitHubAnnotations.escapeData(Self.lines(diagnostic).joined(separator: "\n")))\n"
        }
        return out + DisplayText.safe("\(Self.headerLine(report)): \(Self.summaryLine(report))") + "\n"
    }
}
