import ArgumentParser
import Diagnostics
import LoanDomain
import YAML
import FoundationEssentials

/// `loancheck validate PATH…`: load and check documents only.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check documents (YAML syntax and document schema) without auditing them."
    )

    @Argument(help: "YAML files or directories (read recursively: *.yaml, *.yml).")
    var paths: [String] = ["."]

    func run() throws {
        let discovery = InputDiscovery().discover(paths)
        var diagnostics = discovery.diagnostics
        var sources = SourceTexts()
        var documentCount = 0
        for file in discovery.files {
            do {
                let parsed = try YAMLReader.parseFile(atPath: file)
                sources.add(file: file, text: parsed.text)
                documentCount += parsed.documents.count
            } catch {
                diagnostics += error.diagnostics
                if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                    sources.add(file: file, text: text)
                }
            }
        }
        let renderer = DiagnosticRenderer(sources: sources, useColor: FileOutput.standardError.supportsColor)
        FileOutput.standardError.write(renderer.render(diagnostics))
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            FileOutput.standardError.write("validate: \(errors) error\(errors == 1 ? "" : "s") in \(discovery.files.count) file\(discovery.files.count == 1 ? "" : "s")\n")
            throw ExitCode(ExitStatus.invalidInput)
        }
        FileOutput.standardOutput.write("validate: \(discovery.files.count) file\(discovery.files.count == 1 ? "" : "s"), \(documentCount) document\(documentCount == 1 ? "" : "s"), no errors\n")
    }
}
