import Configuration
import Diagnostics
import Foundation
import Testing

@Suite struct FileSelectionTests {
    private func pattern(_ text: String, line: Int = 1) throws -> FileSelection.Pattern {
        FileSelection.Pattern(try Glob(text), base: "/repo", location: SourceLocation(file: "loancheck.yaml", line: line, column: 3))
    }

    @Test func excludeIncludeAndTheConfigurationFile() throws {
        let selection = FileSelection(include: [try pattern("compliance/**")], exclude: [try pattern("docker-compose.yml")])
        let (kept, skipped) = selection.apply(
            ["compliance/products/a.yaml", "compliance/docker-compose.yml", "k8s/app.yaml", "loancheck.yaml", "/elsewhere/p.yaml"],
            root: "/repo")
        #expect(kept == ["compliance/products/a.yaml"])
        #expect(skipped.map(\.file) == ["compliance/docker-compose.yml", "k8s/app.yaml", "loancheck.yaml", "/elsewhere/p.yaml"])
        let reasons = skipped.map { entry -> String in
            switch entry.reason {
            case .excluded(let pattern): "excluded by \(pattern.glob)"
            case .notIncluded: "not included"
            case .configurationFile: "configuration"
            }
        }
        #expect(reasons == ["excluded by docker-compose.yml", "not included", "configuration", "not included"])
    }

    @Test func withoutPatternsOnlyTheConfigurationIsLeftOut() {
        let (kept, skipped) = FileSelection().apply(["loancheck.yaml", "a/loancheck.yaml", "a/my-loancheck.yaml", "b.yaml"], root: "/r")
        #expect(kept == ["a/my-loancheck.yaml", "b.yaml"])
        #expect(skipped.map(\.file) == ["loancheck.yaml", "a/loancheck.yaml"])
        let named = FileSelection(configurationFile: "/r/ci/lc.yaml").apply(["ci/lc.yaml", "ci/other.yaml"], root: "/r")
        #expect(named.kept == ["ci/other.yaml"])
    }

    @Test func commandLineExcludesAreRelativeToTheWorkingDirectory() throws {
        let selection = FileSelection(config: nil, commandLineExcludes: [try Glob("old/*.yaml")], workingDirectory: "/repo/compliance")
        let (kept, _) = selection.apply(["compliance/old/a.yaml", "old/a.yaml"], root: "/repo")
        #expect(kept == ["old/a.yaml"])
    }

    @Test func aLeftOutFileThatHoldsADocumentIsAnError() throws {
        let directory = NSTemporaryDirectory() + "loancheck-selection-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/deploy", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let product = directory + "/deploy/p.yaml"
        let compose = directory + "/deploy/docker-compose.yml"
        try "# a product\nid: p\nkind: 'LoanProduct'  # moved here\nname: P\n".write(toFile: product, atomically: true, encoding: .utf8)
        try "services:\n  web:\n    kind: LoanProduct\n".write(toFile: compose, atomically: true, encoding: .utf8)
        let glob = try pattern("deploy/**", line: 4)
        let result = FileSelection.guardSkipped([(product, .excluded(glob)), (compose, .excluded(glob))],
                                                kinds: ["LoanProduct", "Institution", "Waiver", "LedgerSchema"], maxBytes: 1 << 20)
        #expect(result.diagnostics == [
            .error("'\(product)' holds a LoanProduct document but is excluded by 'deploy/**' (loancheck.yaml:4:3)",
                   at: SourceLocation(file: product, line: 3, column: 1),
                   hint: "exclude only files that are not loancheck documents: narrow the pattern, or move this file out of the audited directories",
                   notes: [.init("the pattern is here", at: SourceLocation(file: "loancheck.yaml", line: 4, column: 3))]),
        ])
        #expect(result.sources.line(3, of: product) == "kind: 'LoanProduct'  # moved here")
        #expect(FileSelection.holdsDocument("---\nkind: Institution\n", kinds: ["Institution"]))
        #expect(FileSelection.holdsDocument("--- kind: Waiver\n", kinds: ["Waiver"]))
        #expect(!FileSelection.holdsDocument("apiVersion: v1\nkind: Deployment\n", kinds: ["LoanProduct"]))
    }
}

@Suite struct StarterFilesTests {
    @Test func theStarterConfigurationReadsBackWithItsExclusions() throws {
        let text = StarterFiles.configuration(excluding: ["docker-compose.yml", "k8s/app.yaml", "odd name*.yml"])
        #expect(text.contains("exclude:\n  - docker-compose.yml\n  - k8s/app.yaml\n  - 'odd name\\*.yml'\n"))
        let config = try ConfigReader().read(text, file: "/repo/loancheck.yaml", displayName: "loancheck.yaml")
        #expect(config.exclude.map(\.value.pattern) == ["docker-compose.yml", "k8s/app.yaml", "odd name\\*.yml"])
        #expect(config.exclude[2].value.matches("odd name*.yml"))
        #expect(!config.exclude[2].value.matches("odd names.yml"))
        #expect(config.failOn?.value == "error")
        #expect(try ConfigReader().read(StarterFiles.configuration(excluding: []), file: "/r/loancheck.yaml", displayName: "l").exclude.isEmpty)
    }
}

@Suite struct CIDocsTests {
    /// docs/ci.md quotes the files `loancheck init` writes, exactly (scripts/check-ci-docs.sh runs them).
    @Test func theDocumentedWorkflowsAreTheOnesInitWrites() throws {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        let page = try String(contentsOfFile: parts.joined(separator: "/") + "/docs/ci.md", encoding: .utf8)
        func block(_ name: String) -> String? {
            guard let marker = page.range(of: "<!-- ci-docs: \(name) "),
                  let open = page.range(of: "```yaml\n", range: marker.upperBound..<page.endIndex),
                  let close = page.range(of: "\n```\n", range: open.upperBound..<page.endIndex) else { return nil }
            return String(page[open.upperBound..<close.lowerBound]) + "\n"
        }
        #expect(block("github") == StarterFiles.githubWorkflow)
        #expect(block("gitlab") == StarterFiles.gitlabJob)
        #expect(StarterFiles.githubWorkflow.contains("run: loancheck audit --format sarif --output loancheck.sarif --format github\n"))
    }
}
