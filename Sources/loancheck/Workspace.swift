import ArgumentParser
import Compliance
import Configuration
import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--config FILE` and `--no-config`: which loancheck.yaml a command reads.
struct ConfigFileOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Read this configuration file instead of the loancheck.yaml found upward from here.")
    var file: String?

    @Flag(name: .customLong("no-config"), help: "Read no configuration file.")
    var disabled = false
}

/// The options of the commands that read documents: the configuration, `--exclude`, `--source-root`.
struct WorkspaceOptions: ParsableArguments {
    @OptionGroup var config: ConfigFileOptions

    @Option(name: .customLong("exclude"), help: "Leave out YAML files matching GLOB (repeatable; adds to `exclude` of loancheck.yaml).")
    var excludes: [String] = []

    @Option(name: .customLong("source-root"),
            help: "Report paths relative to DIR (default: `source_root` of loancheck.yaml, else the git work tree root, else here).")
    var sourceRoot: String?
}

/// Where a run reads and names its files: the configuration that applies, and the source root every
/// path is printed relative to.
///
/// Like git, which runs from the top of the work tree and prefixes the paths given in a
/// subdirectory, loancheck changes to the source root once the configuration is read and names every
/// path given on the command line or in loancheck.yaml from there: relative to the root when under
/// it, absolute otherwise, normalised (no `./`, no `a/../`). Every file read is then named the same
/// way wherever it is printed — diagnostics, findings, SARIF, annotations, JUnit, the baseline —
/// whatever directory loancheck was started in.
struct Workspace {
    /// The configuration that applies, nil without one.
    let config: LoanCheckConfig?
    /// The source root, absolute; the working directory once `open` returns.
    let root: String
    /// The working directory loancheck was started in, absolute.
    let startDirectory: String

    /// Finds and reads the configuration, decides the source root and changes to it; exit 2 on a
    /// configuration that cannot be used or a source root that is not a directory.
    static func open(_ options: WorkspaceOptions) throws -> Workspace {
        try open(config: options.config, sourceRoot: options.sourceRoot)
    }

    static func open(config options: ConfigFileOptions, sourceRoot: String? = nil) throws -> Workspace {
        let start = currentDirectory()
        let defaultRoot = ConfigLocator.workTreeRoot(from: start) ?? start
        if options.disabled, let file = options.file {
            throw CommandSupport.usageError("--config '\(file)' and --no-config contradict each other", hint: "give one of them")
        }
        var config: LoanCheckConfig?
        let file: String?
        do throws(DiagnosticList) {
            if options.disabled {
                file = nil
            } else if let given = options.file {
                file = LexicalPath.absolute(given, from: start)
            } else {
                file = try ConfigLocator.find(from: start)
            }
        } catch {
            CommandSupport.report(error.diagnostics, sources: SourceTexts())
            throw ExitCode(ExitStatus.invalidInput)
        }
        if let file {
            if let given = options.file, !isDirectory(file, orFile: true) {
                throw CommandSupport.usageError("cannot read the configuration file '\(given)': no such file",
                                                hint: "check the path given to --config")
            }
            do {
                config = try ConfigLocator.load(file, root: defaultRoot)
            } catch {
                CommandSupport.report(error.diagnostics, sources: error.sources)
                throw ExitCode(ExitStatus.invalidInput)
            }
        }
        let root = sourceRoot.map { LexicalPath.absolute($0, from: start) } ?? config?.sourceRoot?.value ?? defaultRoot
        guard isDirectory(root, orFile: false) else {
            let location = sourceRoot == nil ? config?.sourceRoot?.location : nil
            CommandSupport.report([.error("the source root '\(root)' is not a directory", at: location,
                                          hint: sourceRoot == nil ? "fix `source_root` in loancheck.yaml" : "check the path given to --source-root")],
                                  sources: config?.sources ?? SourceTexts())
            throw ExitCode(ExitStatus.invalidInput)
        }
        if root != start { anchorEnvironmentPaths(from: start) }
        if root != start, chdir(root) != 0 {
            throw CommandSupport.usageError("cannot change to the source root '\(root)': \(String(cString: strerror(errno)))")
        }
        return Workspace(config: config, root: root, startDirectory: start)
    }

    /// A path given on the command line (relative to the start directory) as the run names it. `-`
    /// (standard input) stays `-`; a trailing `/` is kept.
    func commandLinePath(_ path: String) -> String {
        guard path != "-", !path.isEmpty else { return path }
        return named(LexicalPath.absolute(path, from: startDirectory), directory: path.hasSuffix("/"))
    }

    /// The documents to read: the paths given, else the directory of the configuration file (the
    /// repository it describes, whatever subdirectory the command runs in), else the start directory.
    func inputPaths(_ given: [String]) -> [String] {
        if !given.isEmpty { return given.map(commandLinePath) }
        if let config { return [named(config.directory)] }
        return [commandLinePath(".")]
    }

    /// An absolute path (from loancheck.yaml) as the run names it.
    func named(_ absolutePath: String, directory: Bool = false) -> String {
        let name = LexicalPath.relative(absolutePath, to: root) ?? absolutePath
        return directory && name != "/" ? name + "/" : name
    }

    /// The file selection of this run: `include`/`exclude` of the configuration and `--exclude`.
    func selection(excludes: [String]) throws -> FileSelection {
        var globs: [Glob] = []
        var problems: [Diagnostic] = []
        for pattern in excludes {
            do {
                globs.append(try Glob(pattern))
            } catch {
                problems.append(.error("--exclude: \(error.message)", at: nil, hint: error.hint))
            }
        }
        try CommandSupport.refuse(problems)
        return FileSelection(config: config, commandLineExcludes: globs, workingDirectory: startDirectory)
    }

    /// The rules switched off: `rules.disable` and `rules.only` of the configuration, and
    /// `--disable-rule` (`disabling`).
    func ruleChoice(disabling: [String]) -> RuleChoice {
        RuleChoice(disable: (config?.disabledRules.map { RuleChoice.Name($0.value, at: $0.location) } ?? []) + disabling.map { RuleChoice.Name($0) },
                   only: config?.onlyRules.map { $0.map { RuleChoice.Name($0.value, at: $0.location) } })
    }

    /// The packs of the configuration and `--rules` (`commandLine`), as the run names them.
    func rulesDirectories(_ commandLine: [String]) -> [String] {
        (config?.packs.map { named($0.value) } ?? []) + commandLine.map(commandLinePath)
    }

    /// The configuration's text, for diagnostics located in it.
    var sources: SourceTexts { config?.sources ?? SourceTexts() }

    /// The variables that name a file or directory: a relative one (`LOANCHECK_RULES=Rules`,
    /// `LOANCHECK_DUCKDB=.venv/bin/duckdb`) is made absolute before the run leaves the directory it
    /// is relative to. A bare command name (`duckdb`, looked up in PATH) stays as it is.
    static let pathVariables = ["LOANCHECK_RULES", "LOANCHECK_DUCKDB", "LOANCHECK_PSQL", "LOANCHECK_SPARK"]

    private static func anchorEnvironmentPaths(from start: String) {
        for name in pathVariables {
            guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty, !value.hasPrefix("/") else { continue }
            if name != "LOANCHECK_RULES" && !value.contains("/") { continue }
            setenv(name, LexicalPath.absolute(value, from: start), 1)
        }
    }

    private static func currentDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "/" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    private static func isDirectory(_ path: String, orFile: Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR || (orFile && (info.st_mode & S_IFMT) == S_IFREG)
    }
}
