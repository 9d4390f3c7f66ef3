import ArgumentParser
import Configuration
import Diagnostics
import LoanDomain
import YAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `loancheck init`: a commented starter loancheck.yaml and the CI set-ups of docs/ci.md, at the root
/// of the git work tree. The YAML files found there that are not loancheck documents
/// (`docker-compose.yml`, Kubernetes manifests) are listed under `exclude`, so the first audit reads
/// only loancheck documents. Existing files are never overwritten without `--force`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter loancheck.yaml and CI workflows for GitHub Actions and GitLab CI.",
        discussion: """
            Writes DIR/loancheck.yaml, DIR/\(StarterFiles.githubPath) and DIR/\(StarterFiles.gitlabPath) \
            (DIR: the root of the git work tree, else the working directory). Refuses to overwrite a file \
            that exists (exit 2) unless --force is given.
            """
    )

    @Argument(help: "Where to write (default: the root of the git work tree, else the working directory).")
    var directory: String?

    @Option(name: .customLong("ci"), help: "The CI set-ups to write: github | gitlab | none (repeatable; default: github and gitlab).")
    var ci: [String] = []

    @Flag(name: .customLong("force"), help: "Overwrite files that exist.")
    var force = false

    func run() throws {
        let start = Self.currentDirectory()
        let root = directory.map { LexicalPath.absolute($0, from: start) } ?? ConfigLocator.workTreeRoot(from: start) ?? start
        let systems = try Self.systems(ci)
        // An existing configuration keeps its name (loancheck.yaml or .loancheck.yaml).
        let configName = ConfigLocator.fileNames.first { Self.exists(LexicalPath.join(root, $0)) } ?? ConfigLocator.fileNames[0]
        let rules = try CommandSupport.loadRules(extra: [])
        let excluded = try Self.otherYAMLFiles(in: root, kinds: Set(rules.schema.kindNames + [DocumentLoader.ledgerSchemaKind]))
        var files = [(configName, StarterFiles.configuration(excluding: excluded))]
        if systems.contains("github") { files.append((StarterFiles.githubPath, StarterFiles.githubWorkflow)) }
        if systems.contains("gitlab") { files.append((StarterFiles.gitlabPath, StarterFiles.gitlabJob)) }

        let existing = files.map(\.0).filter { Self.exists(LexicalPath.join(root, $0)) }
        if !existing.isEmpty, !force {
            try CommandSupport.refuse(existing.map { name in
                .error("\(LexicalPath.join(Self.shown(root, from: start), name)) already exists; nothing was written", at: nil,
                       hint: "edit it, or run `loancheck init --force` to replace it with the starter file")
            })
        }
        for (name, _) in files {
            let parent = LexicalPath.parent(LexicalPath.join(root, name))
            if !Self.makeDirectories(parent) {
                throw CommandSupport.usageError("cannot create the directory '\(parent)': \(String(cString: strerror(errno)))")
            }
        }
        try OutputTransaction.perform { transaction in
            for (name, text) in files {
                try transaction.write(text, to: try OutputDestination(path: LexicalPath.join(root, name)))
            }
        }
        var out = "wrote " + files.map { LexicalPath.join(Self.shown(root, from: start), $0.0) }.joined(separator: ", ") + "\n"
        out += excluded.isEmpty ? "no other YAML files found: `exclude` is empty\n"
            : "excluded \(excluded.count) YAML file\(excluded.count == 1 ? " that is not a loancheck document" : "s that are not loancheck documents"): "
                + excluded.joined(separator: ", ") + "\n"
        out += "next: `loancheck audit`, then commit the files (docs/configuration.md, docs/ci.md)\n"
        try FileOutput.standardOutput.write(DisplayText.safe(out, layout: .block))
    }

    /// `--ci` values: github and gitlab by default; `none` alone writes only the configuration.
    private static func systems(_ values: [String]) throws -> Set<String> {
        let known = ["github", "gitlab", "none"]
        for value in values where !known.contains(value) {
            throw CommandSupport.usageError("--ci must be github, gitlab or none, not '\(value)'",
                                            hint: Suggestions.hint(for: value, in: known))
        }
        if values.isEmpty { return ["github", "gitlab"] }
        if values.contains("none") {
            guard values.count == 1 else { throw CommandSupport.usageError("--ci none cannot be combined with another --ci") }
            return []
        }
        return Set(values)
    }

    /// The YAML files under `root` (as an audit of it finds them) that declare no loancheck document
    /// kind, relative to `root`.
    private static func otherYAMLFiles(in root: String, kinds: Set<String>) throws -> [String] {
        let found = InputDiscovery().discover([root])
        return found.files.compactMap { file in
            let name = LexicalPath.relative(file, to: root) ?? file
            if name.split(separator: "/").last == Substring(FileSelection.configurationName) { return nil }
            guard let bytes = try? FileBytes.contents(atPath: file, displayPath: file, maxBytes: YAMLLimits.default.maxFileBytes) else {
                return nil
            }
            return FileSelection.holdsDocument(String(decoding: bytes, as: UTF8.self), kinds: kinds) ? nil : name
        }
    }

    /// `root` as the user would write it from `start`.
    private static func shown(_ root: String, from start: String) -> String {
        LexicalPath.relative(root, to: start) ?? root
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func makeDirectories(_ path: String) -> Bool {
        if path == "/" || exists(path) { return true }
        guard makeDirectories(LexicalPath.parent(path)) else { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    private static func currentDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "/" }
        defer { free(buffer) }
        return String(cString: buffer)
    }
}
