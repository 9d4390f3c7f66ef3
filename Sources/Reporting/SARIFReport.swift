import Compliance
import Diagnostics
import RuleLanguage

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
///
/// One run. `tool.driver.rules` lists every loaded rule (help with citation, dates and requirement);
/// each finding is a result pointing at its YAML node relative to `%SRCROOT%`, with a
/// `loancheckFindingKey/v1` partial fingerprint (SHA-256 of rule + subject + field path, so it survives
/// edits that shift lines), `suppressions` for waived findings, `baselineState` when a baseline is used,
/// and the evidence in `properties`. The run's `properties` carry the reproducibility stamp.
///
/// A ledger finding points at its tape cell (CSV file, line, column), keeps the same fingerprint key
/// (rule + `Loan`/`LoanGroup` + key + path), and carries its ledger detail in `properties.ledger`. The
/// texts a viewer shows to people (`message.text`, the logical location's names) show a borrower key as
/// its short hash (`BorrowerMask`); `properties` keep the full key, as the JSON report does. A rule whose
/// findings were capped gets a `toolExecutionNotifications` note with its true total.
struct SARIFReport {
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let fingerprintKey = "loancheckFindingKey/v1"

    let report: AuditReport
    let options: ReportOptions

    private let wording: ReportWording

    init(report: AuditReport, options: ReportOptions) {
        self.report = report
        self.options = options
        wording = ReportWording(report: report)
    }
    private var paths: ReportPaths { ReportPaths(sourceRoot: options.sourceRoot) }

    func render() -> String {
        document().serialized(indent: 2, terminator: "\n")
    }

    func document() -> JSONValue {
        let paths = self.paths
        let indexes = Indexes(report)
        var driver: [(String, JSONValue)] = [("name", .string(report.toolName)), ("version", .string(report.toolVersion))]
        if let uri = options.informationUri { driver.append(("informationUri", .string(uri))) }
        driver.append(("rules", .array(report.rules.map(rule))))
        let artifacts = report.inputs.map { input -> JSONValue in
            let (uri, relative) = paths.uri(input.path)
            return .object([
                ("location", artifactLocation(uri: uri, relative: relative, index: nil)),
                ("roles", .array([.string("analysisTarget")])),
                ("hashes", .object([("sha-256", .string(input.sha256))])),
            ])
        }
        var stamp: [(String, JSONValue)] = [
            ("asOf", .string(report.asOf.description)),
            ("packs", JSONReport.packs(report)),
            ("ruleChanges", JSONReport.ruleChanges(report)),
            ("inputs", JSONReport.inputs(report)),
            ("waivers", JSONReport.waivers(report)),
            ("summary", JSONReport.summary(report)),
        ]
        if report.baseline != nil { stamp.append(("baseline", JSONReport.baseline(report))) }
        if report.ledger != nil { stamp.append(("ledger", JSONReport.ledger(report))) }
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object(driver))])),
            ("invocations", .array([.object(invocation())])),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(paths.rootURI))]))])),
            ("artifacts", .array(artifacts)),
            ("results", .array(of: report.findings) { result($0, indexes: indexes) }),
            ("language", .string(report.language.rawValue)),
            ("columnKind", .string("unicodeCodePoints")),
            ("properties", .object(stamp)),
        ])
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    // MARK: - Rules

    private func rule(_ rule: AuditReport.RuleSummary) -> JSONValue {
        let pack = report.packs.first { $0.id == rule.packId }
        let title = wording.text(rule.title)
        let citation = wording.citation(rule.citation, effective: rule.effective)
        var properties: [(String, JSONValue)] = [
            ("tags", .array((rule.packId == "compliance" ? ["compliance"] : ["compliance", rule.packId]).map(JSONValue.string))),
            ("pack", .string(rule.packId)),
            ("packVersion", .string(pack?.version ?? "")),
            ("packStatus", .string(pack?.status.rawValue ?? "")),
            ("subject", .string(rule.subject.rawValue)),
            ("regulation", JSONReport.localized(rule.citation.regulation)),
            ("article", .string(rule.citation.article)),
            ("verified", .bool(rule.citation.verified)),
            ("effective", .string(rule.effective.description)),
            ("enforced", rule.enforced.map { .string($0.description) } ?? .null),
            ("repealed", rule.repealed.map { .string($0.description) } ?? .null),
            ("newBusinessFrom", rule.newBusinessFrom.map { .string($0.description) } ?? .null),
            ("inForce", .bool(rule.inForce)),
            ("requirement", .string(rule.requirement)),
            ("appliesTo", rule.appliesTo.map(JSONValue.string) ?? .null),
            ("parameters", .array(rule.parameters.map(JSONReport.parameter))),
        ]
        if let url = rule.citation.url { properties.append(("source", .string(url))) }
        if let quote = rule.citation.quote { properties.append(("quote", .string(quote))) }
        if let source = rule.citation.source { properties.append(("quoteSource", .string(source))) }
        if let note = rule.citation.note { properties.append(("citationNote", .string(note))) }
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(Self.name(of: rule.id))),
            ("shortDescription", .object([("text", .string(DisplayText.safe(title)))])),
            ("fullDescription", .object([("text", .string(DisplayText.safe("\(title). Requirement: \(rule.requirement). Citation: \(citation).")))])),
        ]
        if let url = helpURI(rule, pack: pack) { members.append(("helpUri", .string(url))) }
        members += [
            ("help", .object([("text", .string(helpText(rule))), ("markdown", .string(helpMarkdown(rule)))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
            ("properties", .object(properties)),
        ]
        return .object(members)
    }

    /// Where a viewer links the rule's help: the official text (the rule's citation `url`, else its pack's
    /// `source`); else, for a shipped rule, its pack file in the project's repository
    /// (`<informationUri>/blob/main/Rules/packs/FILE`, the text `loancheck explain` shows); else the pack
    /// file itself as a `file://` URI.
    func helpURI(_ rule: AuditReport.RuleSummary, pack: AuditReport.PackStamp?) -> String? {
        if let url = (rule.citation.url ?? pack?.source).flatMap(Self.absoluteURI) { return url }
        guard let pack else { return nil }
        let name = pack.file.split(separator: "/").last.map(String.init) ?? pack.file
        if pack.shipped, let home = options.informationUri {
            return Self.absoluteURI("\(home)/blob/main/Rules/packs/\(ReportPaths.percentEncoded(name))")
        }
        let absolute = pack.file.hasPrefix("/") ? pack.file : ReportPaths(sourceRoot: nil).root + "/" + pack.file
        return "file://" + ReportPaths.percentEncoded(absolute)
    }

    /// The invocation: successful, with a warning notification for each change made to the shipped
    /// rules (a replaced pack, a disabled rule), so a viewer shows that the run did not use them as shipped.
    private func invocation() -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
        let lines = report.ruleChanges.lines
        if !lines.isEmpty {
            members.append(("toolConfigurationNotifications", .array(lines.map { line in
                .object([("level", .string("warning")), ("message", .object([("text", .string(DisplayText.safe(line)))]))])
            })))
        }
        let capped = wording.cappedLines
        if !capped.isEmpty {
            members.append(("toolExecutionNotifications", .array(capped.map { line in
                .object([("level", .string("note")), ("message", .object([("text", .string(DisplayText.safe(line)))]))])
            })))
        }
        return members
    }

    /// The lines of a rule's help: requirement, scope, parameters, citation, dates, regime.
    private func helpLines(_ rule: AuditReport.RuleSummary) -> [(label: String, value: String)] {
        var lines: [(String, String)] = [("Requirement", rule.requirement)]
        if let appliesTo = rule.appliesTo { lines.append(("Applies to", "\(rule.subject.rawValue) where \(appliesTo)")) }
        for parameter in rule.parameters { lines.append(("Parameter in force on \(report.asOf)", parameter.text)) }
        lines.append(("Citation", wording.citation(rule.citation, effective: rule.effective)))
        lines += rule.citation.also.map { ("Also", $0) }
        if let quote = rule.citation.quote { lines.append(("Quote", quote)) }
        if let source = rule.citation.source { lines.append(("Quoted from", source)) }
        if let note = rule.citation.note { lines.append(("Note", note)) }
        var dates = "effective \(rule.effective)"
        if let enforced = rule.enforced { dates += ", enforced from \(enforced) (a transition before it)" }
        if let repealed = rule.repealed { dates += ", repealed on \(repealed)" }
        if let newBusiness = rule.newBusinessFrom { dates += ", binds new business from \(newBusiness) (stock runs off)" }
        lines.append(("Dates", dates))
        lines.append(("On \(report.asOf)", wording.regime(of: rule)))
        let status = report.packs.first { $0.id == rule.packId }?.status.rawValue ?? ""
        lines.append(("Pack", "\(rule.packId) (\(status))"))
        return lines
    }

    private func helpText(_ rule: AuditReport.RuleSummary) -> String {
        ([wording.text(rule.title)] + helpLines(rule).map { "\($0.label): \($0.value)" }).map { DisplayText.safe($0) }.joined(separator: "\n")
    }

    private func helpMarkdown(_ rule: AuditReport.RuleSummary) -> String {
        var out = "**\(MarkdownEscaping.inline(wording.text(rule.title)))**\n\n"
        for line in helpLines(rule) {
            let value = line.label == "Requirement" || line.label == "Applies to"
                ? MarkdownEscaping.code(line.value) : MarkdownEscaping.inline(line.value)
            out += "- \(MarkdownEscaping.inline(line.label)): \(value)\n"
        }
        if let url = rule.citation.url { out += "\n[Official text](<\(url)>)\n" }
        return out
    }

    // MARK: - Results

    /// Rule and artifact indexes by rule id and file, looked up once per result.
    private struct Indexes {
        let rules: [String: Int]
        let artifacts: [String: Int]

        init(_ report: AuditReport) {
            rules = Dictionary(report.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            artifacts = Dictionary(report.inputs.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    private func result(_ finding: Finding, indexes: Indexes) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.rule))]
        if let index = indexes.rules[finding.rule] { members.append(("ruleIndex", .int(index))) }
        // A waived finding is a note (its suppression says why); a rule that could not be evaluated is
        // a finding to review, not a violation: kind `review`, whose level SARIF requires to be `none`
        // (§3.27.10). `properties.severity` keeps loancheck's severity.
        if finding.cannotEvaluate && !finding.isWaived { members.append(("kind", .string("review"))) }
        members += [
            ("level", .string(finding.isWaived ? "note" : finding.cannotEvaluate ? "none" : Self.level(finding.severity))),
            ("message", .object([("text", .string(DisplayText.safe(wording.message(of: finding))))])),
            ("locations", .array(locations(finding, artifacts: indexes.artifacts))),
            ("partialFingerprints", .object([(Self.fingerprintKey, .string(ReportWording.fingerprint(of: finding)))])),
        ]
        if let state = wording.baselineState(of: finding) {
            // A worse or a changed value of an accepted finding is `updated`.
            let sarifState = switch state {
            case "new": "new"
            case "worsened", "updated": "updated"
            default: "unchanged"
            }
            members.append(("baselineState", .string(sarifState)))
        }
        if let waiver = finding.waiver, waiver.applied {
            members.append(("suppressions", .array([.object([
                ("kind", .string("external")),
                ("status", .string("accepted")),
                ("justification", .string(ReportWording.waiver(waiver))),
                ("properties", JSONReport.waiver(waiver)),
            ])])))
        }
        var properties: [(String, JSONValue)] = [
            ("severity", .string(finding.severity.rawValue)),
            ("subject", JSONReport.subject(finding.subject)),
            ("path", .string(finding.path)),
            ("pack", .string(finding.packId)),
            ("packStatus", .string(finding.packStatus.rawValue)),
            ("messages", JSONReport.localized(finding.message)),
            ("evidence", JSONReport.evidence(finding.evidence)),
            ("citation", .object([
                ("regulation", .string(wording.text(finding.citation.regulation))),
                ("article", .string(finding.citation.article)),
                ("effective", .string(finding.effective.description)),
                ("verified", .bool(finding.citation.verified)),
            ])),
            ("regimeNote", finding.regimeNote.map { .string(wording.text($0)) } ?? .null),
            ("cannotEvaluate", .bool(finding.cannotEvaluate)),
            ("waiver", finding.waiver.map(JSONReport.waiver) ?? .null),
        ]
        if let ledger = finding.ledger { properties.append(("ledger", JSONReport.ledgerDetail(ledger))) }
        if !finding.products.isEmpty { properties.append(("products", .array(finding.products.map(JSONValue.string)))) }
        if let accepted = report.baseline?.acceptedActual(of: finding) {
            properties += [("baselineState", .string(wording.baselineState(of: finding) ?? "")), ("baselineActual", .string(accepted))]
        }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    private func locations(_ finding: Finding, artifacts: [String: Int]) -> [JSONValue] {
        let id = wording.mask.id(of: finding)
        let logical: JSONValue = .array([.object([
            ("name", .string(finding.path.isEmpty ? id : finding.path)),
            ("fullyQualifiedName", .string([finding.subject.kind, id, finding.path].filter { !$0.isEmpty }
                .joined(separator: "/"))),
            ("kind", .string(finding.path.isEmpty ? "object" : "property")),
        ])])
        let file: String
        var region: JSONValue?
        if let location = finding.location {
            file = location.file
            region = .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])
        } else if let subject = report.subjects.first(where: { $0.kind == finding.subject.kind && $0.id == finding.subject.id }) {
            file = subject.file
        } else {
            return [.object([("logicalLocations", logical)])]
        }
        let (uri, relative) = paths.uri(file)
        let index = artifacts[file]
        var physical: [(String, JSONValue)] = [("artifactLocation", artifactLocation(uri: uri, relative: relative, index: index))]
        if let region { physical.append(("region", region)) }
        return [.object([("physicalLocation", .object(physical)), ("logicalLocations", logical)])]
    }

    private func artifactLocation(uri: String, relative: Bool, index: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = [("uri", .string(uri))]
        if relative { members.append(("uriBaseId", .string("%SRCROOT%"))) }
        if let index { members.append(("index", .int(index))) }
        return .object(members)
    }

    // MARK: - Helpers

    /// error → error, warning → warning, info → note.
    static func level(_ severity: FindingSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `url` as a valid absolute URI (characters outside RFC 3986 percent-encoded), or nil when it has
    /// no scheme (SARIF requires `helpUri` to be an absolute URI).
    static func absoluteURI(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter,
              url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return nil }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8)
        let hex = Set("0123456789ABCDEFabcdef".utf8)
        let bytes = Array(url.utf8)
        var out = ""
        for (index, byte) in bytes.enumerated() {
            let escape = byte == UInt8(ascii: "%") && index + 2 < bytes.count && hex.contains(bytes[index + 1]) && hex.contains(bytes[index + 2])
            if allowed.contains(byte) || escape {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = String(byte, radix: 16, uppercase: true)
                out += "%" + (digits.count == 1 ? "0" : "") + digits
            }
        }
        return out
    }

    /// `CN-BANK-CREDIT-LINE` → `CnBankCreditLine` (SARIF's readable rule name).
    static func name(of id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { part in
            part.prefix(1).uppercased() + part.dropFirst().lowercased()
        }.joined()
    }
}
