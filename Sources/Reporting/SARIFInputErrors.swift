import Compliance
import Diagnostics

/// SARIF for a run that audited nothing (`InputErrorReport`): the `LC-INPUT-…` rules (every
/// `DiagnosticKind`, in a fixed order, so a rule keeps its index), one result per input problem at its
/// file, line and column, and the same problems as `invocations[0].toolExecutionNotifications`, with
/// `executionSuccessful: false` and `exitCode: 2` when there is an error (`loancheck validate` of valid
/// inputs: no results, `executionSuccessful: true`). The run's `properties` carry the stamp.
struct SARIFInputErrors {
    let report: AuditReport
    let options: ReportOptions

    func render() -> String {
        document().serialized(indent: 2, terminator: "\n")
    }

    func document() -> JSONValue {
        let paths = ReportPaths(sourceRoot: options.sourceRoot)
        let kinds = DiagnosticKind.allCases
        var driver: [(String, JSONValue)] = [("name", .string(report.toolName)), ("version", .string(report.toolVersion))]
        if let uri = options.informationUri { driver.append(("informationUri", .string(uri))) }
        driver.append(("rules", .array(kinds.map(rule))))
        let artifactIndex = Dictionary(report.inputs.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let artifacts = report.inputs.map { input -> JSONValue in
            .object([
                ("location", artifactLocation(input.path, paths: paths, index: nil)),
                ("roles", .array([.string("analysisTarget")])),
                ("hashes", .object([("sha-256", .string(input.sha256))])),
            ])
        }
        let failed = InputErrorReport.errorCount(report) > 0
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(!failed)), ("exitCode", .int(failed ? 2 : 0))]
        if !report.ruleChanges.lines.isEmpty {
            invocation.append(("toolConfigurationNotifications", .array(report.ruleChanges.lines.map { line in
                .object([("level", .string("warning")), ("message", .object([("text", .string(DisplayText.safe(line)))]))])
            })))
        }
        if !report.inputErrors.isEmpty {
            invocation.append(("toolExecutionNotifications", .array(report.inputErrors.map { diagnostic in
                var members: [(String, JSONValue)] = [
                    ("level", .string(Self.level(diagnostic.severity))),
                    ("message", .object([("text", .string(text(diagnostic)))])),
                ]
                if let location = location(diagnostic, paths: paths, artifacts: artifactIndex) {
                    members.append(("locations", .array([location])))
                }
                members.append(("associatedRule", reference(diagnostic)))
                return .object(members)
            })))
        }
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object(driver))])),
            ("invocations", .array([.object(invocation)])),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(paths.rootURI))]))])),
            ("artifacts", .array(artifacts)),
            ("results", .array(report.inputErrors.map { result($0, paths: paths, artifacts: artifactIndex) })),
            ("language", .string(report.language.rawValue)),
            ("columnKind", .string("unicodeCodePoints")),
            ("properties", .object([
                ("asOf", .string(report.asOf.description)),
                ("audited", .bool(false)),
                ("packs", JSONReport.packs(report)),
                ("ruleChanges", JSONReport.ruleChanges(report)),
                ("inputs", JSONReport.inputs(report)),
                ("errors", JSONReport.errors(report)),
            ])),
        ])
        return .object([
            ("$schema", .string(SARIFReport.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    /// An `LC-INPUT-…` rule; its help is the "Input errors" section of the report formats.
    private func rule(_ kind: DiagnosticKind) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(kind.ruleId)),
            ("name", .string(SARIFReport.name(of: kind.ruleId))),
            ("shortDescription", .object([("text", .string(kind.title))])),
            ("fullDescription", .object([("text", .string("\(kind.title). An input problem of this kind stops the audit (exit 2)."))])),
        ]
        if let home = options.informationUri, let uri = SARIFReport.absoluteURI("\(home)/blob/main/docs/report-formats.md#input-errors") {
            members.append(("helpUri", .string(uri)))
        }
        members += [
            ("help", .object([("text", .string("\(kind.title). The message says what is wrong and the hint how to fix it; "
                                               + "nothing is audited until every input error is fixed."))])),
            ("defaultConfiguration", .object([("level", .string("error"))])),
            ("properties", .object([("tags", .array([.string("input")]))])),
        ]
        return .object(members)
    }

    private func result(_ diagnostic: Diagnostic, paths: ReportPaths, artifacts: [String: Int]) -> JSONValue {
        let rule = InputErrorReport.rule(diagnostic)
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(rule)),
            ("ruleIndex", .int(DiagnosticKind.allCases.firstIndex(of: diagnostic.kind ?? .schema) ?? 0)),
            ("level", .string(Self.level(diagnostic.severity))),
            ("message", .object([("text", .string(text(diagnostic)))])),
        ]
        if let location = location(diagnostic, paths: paths, artifacts: artifacts) {
            members.append(("locations", .array([location])))
        }
        // The same problem keeps its identity when lines are inserted above it.
        let key = "\(rule)|\(diagnostic.location.map { PathBytes.shown($0.file) } ?? "")|\(diagnostic.message)"
        members.append(("partialFingerprints", .object([(SARIFReport.fingerprintKey, .string(SHA256.hex(key)))])))
        return .object(members)
    }

    private func text(_ diagnostic: Diagnostic) -> String {
        InputErrorReport.lines(diagnostic).joined(separator: "\n")
    }

    private func reference(_ diagnostic: Diagnostic) -> JSONValue {
        .object([("id", .string(InputErrorReport.rule(diagnostic))),
                 ("index", .int(DiagnosticKind.allCases.firstIndex(of: diagnostic.kind ?? .schema) ?? 0))])
    }

    private func location(_ diagnostic: Diagnostic, paths: ReportPaths, artifacts: [String: Int]) -> JSONValue? {
        guard let location = diagnostic.location else { return nil }
        return .object([("physicalLocation", .object([
            ("artifactLocation", artifactLocation(location.file, paths: paths, index: artifacts[location.file])),
            ("region", .object([("startLine", .int(max(1, location.line))), ("startColumn", .int(max(1, location.column)))])),
        ]))])
    }

    private func artifactLocation(_ file: String, paths: ReportPaths, index: Int?) -> JSONValue {
        let (uri, relative) = paths.uri(file)
        var members: [(String, JSONValue)] = [("uri", .string(uri))]
        if relative { members.append(("uriBaseId", .string("%SRCROOT%"))) }
        if let index { members.append(("index", .int(index))) }
        return .object(members)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
