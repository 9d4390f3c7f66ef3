import Compliance
import Foundation
import Reporting
import Testing

/// Runs a shell command; its exit status and combined output.
@discardableResult
func shell(_ command: String, in directory: String? = nil) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", command]
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
        try process.run()
    } catch {
        return (-1, "\(error)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

enum Validators {
    /// The vendored copies (validate-reports.sh prefers ../shared/schemas when present; they are the same files).
    static let schemas = ReportFixture.root + "/Tests/Schemas"

    /// python3 with jsonschema, xmllint and the schema directory are all present (the test does not
    /// install anything; CI runs scripts/validate-reports.sh, which does).
    static let available: Bool = {
        FileManager.default.fileExists(atPath: schemas + "/sarif-schema-2.1.0.json")
            && FileManager.default.fileExists(atPath: schemas + "/junit.xsd")
            && shell("python3 -c 'import jsonschema'").status == 0
            && shell("command -v xmllint").status == 0
    }()
}

@Suite struct ValidationTests {
    private func validate(_ report: AuditReport, sourceRoot: String? = nil) throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = ReportOptions(sourceRoot: sourceRoot ?? directory, informationUri: "https://example.org/loancheck")
        try ReportRenderer.render(report, format: .sarif, options: options)
            .write(toFile: directory + "/report.sarif", atomically: true, encoding: .utf8)
        try ReportRenderer.render(report, format: .junit, options: options)
            .write(toFile: directory + "/report.xml", atomically: true, encoding: .utf8)
        let result = shell("scripts/validate-reports.sh '\(directory)'", in: ReportFixture.root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("report.sarif is valid SARIF 2.1.0"))
        #expect(result.output.contains("report.xml is valid JUnit XML"))
    }

    @Test(.enabled(if: Validators.available, "needs python3 jsonschema and xmllint (CI runs scripts/validate-reports.sh)"))
    func everyFeatureValidates() throws {
        let rules = try ReportFixture.testPackDirectory()
        let inputs = try ReportFixture.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: rules)
            try? FileManager.default.removeItem(atPath: inputs)
        }
        // Draft pack, transition, cannot evaluate, parameters, waiver about to expire, input artifacts.
        let report = try ReportFixture.reportFromFiles(in: inputs, asOf: "2026-06-15", extraRules: [rules])
        try validate(report, sourceRoot: inputs)
        // The same files outside the source root: absolute file URIs.
        try validate(report, sourceRoot: "/nonexistent")
    }

    @Test(.enabled(if: Validators.available, "needs python3 jsonschema and xmllint (CI runs scripts/validate-reports.sh)"))
    func baselinesExpiredWaiversAndEmptyReportsValidate() throws {
        try validate(try BaselineFixture.report(language: .zh))
        try validate(try ReportFixture.report(asOf: "2026-07-01"))
        try validate(try ReportFixture.report(asOf: "2019-01-01"))
        try validate(try ReportFixture.report([("institutions/banks.yaml", ReportFixture.banks)]))
    }

    @Test(.enabled(if: Validators.available, "needs python3 jsonschema and xmllint (CI runs scripts/validate-reports.sh)"))
    func ledgerReportsValidate() throws {
        // Tape locations, ledger properties, capped-rule notifications; a JUnit suite per ledger rule with true totals.
        try validate(try LedgerReportFixture.report())
        try validate(try LedgerReportFixture.report(language: .zh, extraLoans: 3))
    }

    @Test(.enabled(if: Validators.available, "needs python3 jsonschema and xmllint (CI runs scripts/validate-reports.sh)"))
    func theScriptRejectsAnInvalidReport() throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try ReportFixture.report()
        try ReportRenderer.render(report, format: .sarif).replacing("\"level\": \"error\"", with: "\"level\": \"fatal\"")
            .write(toFile: directory + "/report.sarif", atomically: true, encoding: .utf8)
        try ReportRenderer.render(report, format: .junit).replacing(" hostname=\"localhost\"", with: "")
            .write(toFile: directory + "/report.xml", atomically: true, encoding: .utf8)
        let result = shell("scripts/validate-reports.sh '\(directory)'", in: ReportFixture.root)
        #expect(result.status == 1)
        #expect(result.output.contains("'fatal' is not one of"))
        #expect(result.output.contains("The attribute 'hostname' is required but missing"))
    }

    @Test func theScriptExplainsMissingInputs() throws {
        let directory = try ReportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = shell("scripts/validate-reports.sh '\(directory)'", in: ReportFixture.root)
        #expect(result.status == 2)
        #expect(result.output.contains("validate-reports: missing \(directory)/report.sarif"))
        let usage = shell("scripts/validate-reports.sh", in: ReportFixture.root)
        #expect(usage.status == 2 && usage.output.contains("usage: scripts/validate-reports.sh DIR"))
    }
}
