public import Diagnostics
import YAML

/// Which of the YAML files found are loancheck documents: `include` and `exclude` of loancheck.yaml
/// and `--exclude` on the command line, applied to every file (found in a directory or named on the
/// command line). A file named `loancheck.yaml`, and the configuration file in use whatever its name,
/// is the configuration, never a document.
///
/// A file left out is never a silent skip of a loancheck document: `guardSkipped` reads each file
/// left out and makes one that declares a document kind at its top level (`kind: LoanProduct`) an
/// error, so a pattern that is too wide (`deploy/**` over `deploy/products/`) cannot drop products.
/// What is read is decided by the patterns only, never by a file's content: a YAML file that is
/// neither excluded nor a document (`docker-compose.yml` without an `exclude`) stays an error.
public struct FileSelection: Sendable {
    /// A pattern and where it was given.
    public struct Pattern: Sendable {
        public let glob: Glob
        /// The absolute directory the pattern is relative to.
        public let base: String
        /// Where the pattern is written: a line of loancheck.yaml, or nil for `--exclude`.
        public let location: SourceLocation?

        public init(_ glob: Glob, base: String, location: SourceLocation?) {
            self.glob = glob
            self.base = base
            self.location = location
        }

        /// `'deploy/**' (loancheck.yaml:4:5)` or `--exclude 'deploy/**'`.
        var origin: String {
            location.map { "'\(glob.pattern)' (\($0))" } ?? "--exclude '\(glob.pattern)'"
        }

        func matches(_ absolutePath: String) -> Bool {
            if let relative = LexicalPath.relative(absolutePath, to: base) { return glob.matches(relative) }
            // Outside the base directory only a file-name pattern can match.
            return !glob.anchored && glob.matches(String(absolutePath.split(separator: "/").last ?? ""))
        }
    }

    /// Why a file is not read.
    public enum Reason: Sendable {
        case excluded(Pattern)
        case notIncluded
        case configurationFile
    }

    /// The file name that is always the configuration.
    public static let configurationName = "loancheck.yaml"

    public var include: [Pattern]
    public var exclude: [Pattern]
    /// The configuration file in use (absolute), whatever its name (`--config ci.yaml`).
    public var configurationFile: String?

    public init(include: [Pattern] = [], exclude: [Pattern] = [], configurationFile: String? = nil) {
        self.include = include
        self.exclude = exclude
        self.configurationFile = configurationFile
    }

    /// The selection of `config` (nil: none) and the `--exclude` patterns, relative to the absolute
    /// `workingDirectory`.
    public init(config: LoanCheckConfig?, commandLineExcludes: [Glob], workingDirectory: String) {
        include = config.map { config in config.include.map { Pattern($0.value, base: config.directory, location: $0.location) } } ?? []
        exclude = (config.map { config in config.exclude.map { Pattern($0.value, base: config.directory, location: $0.location) } } ?? [])
            + commandLineExcludes.map { Pattern($0, base: workingDirectory, location: nil) }
        configurationFile = config?.file
    }

    /// Splits `files` (relative to the absolute directory `root`, or absolute) into the files read and
    /// those left out, both in the order given.
    public func apply(_ files: [String], root: String) -> (kept: [String], skipped: [(file: String, reason: Reason)]) {
        var kept: [String] = []
        var skipped: [(file: String, reason: Reason)] = []
        // Most runs have no pattern: only the configuration's own name is looked at, without building
        // an absolute path for each of (possibly) 100,000 files.
        let plain = include.isEmpty && exclude.isEmpty && configurationFile == nil
        for file in files {
            if plain {
                if file == Self.configurationName || file.hasSuffix("/" + Self.configurationName) {
                    skipped.append((file, .configurationFile))
                } else {
                    kept.append(file)
                }
            } else if let reason = reason(leavingOut: LexicalPath.absolute(file, from: root)) {
                skipped.append((file, reason))
            } else {
                kept.append(file)
            }
        }
        return (kept, skipped)
    }

    private func reason(leavingOut path: String) -> Reason? {
        if path == configurationFile || path.split(separator: "/").last == Substring(Self.configurationName) { return .configurationFile }
        if let pattern = exclude.first(where: { $0.matches(path) }) { return .excluded(pattern) }
        if !include.isEmpty, !include.contains(where: { $0.matches(path) }) { return .notIncluded }
        return nil
    }

    /// An error for each file left out that holds a loancheck document (`kinds`: the document kinds),
    /// located at its `kind:` line; `maxBytes` bounds what is read of each file.
    public static func guardSkipped(_ skipped: [(file: String, reason: Reason)], kinds: Set<String>,
                                    maxBytes: Int) -> (diagnostics: [Diagnostic], sources: SourceTexts) {
        var diagnostics: [Diagnostic] = []
        var sources = SourceTexts()
        for (file, reason) in skipped {
            guard let bytes = try? FileBytes.contents(atPath: file, displayPath: file, maxBytes: maxBytes) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let found = DocumentKindScan.firstKind(in: text, among: kinds) else { continue }
            sources.add(file: file, text: text)
            let location = SourceLocation(file: file, line: found.line, column: found.column)
            switch reason {
            case .excluded(let pattern):
                diagnostics.append(.error(
                    "'\(file)' holds a \(found.kind) document but is excluded by \(pattern.origin)", at: location,
                    hint: "exclude only files that are not loancheck documents: narrow the pattern, or move this file out of the audited directories",
                    notes: pattern.location.map { [.init("the pattern is here", at: $0)] } ?? []))
            case .notIncluded:
                diagnostics.append(.error(
                    "'\(file)' holds a \(found.kind) document but matches no `include` pattern of loancheck.yaml", at: location,
                    hint: "add a pattern to `include` that matches it, or move it out of the audited directories"))
            case .configurationFile:
                diagnostics.append(.error(
                    "'\(file)' holds a \(found.kind) document, but it is read as loancheck's configuration (a file named \(configurationName), or --config)",
                    at: location, hint: "rename the file"))
            }
        }
        return (diagnostics, sources)
    }
}

extension FileSelection {
    /// Whether `text` declares a loancheck document kind (one of `kinds`) at its top level, without
    /// parsing it (`loancheck init` lists the other YAML files under `exclude`).
    public static func holdsDocument(_ text: String, kinds: Set<String>) -> Bool {
        DocumentKindScan.firstKind(in: text, among: kinds) != nil
    }
}

/// Finds a top-level `kind:` line that names a loancheck document kind, without parsing the file (a
/// file left out need not be valid YAML, and may be large).
enum DocumentKindScan {
    static func firstKind(in text: String, among kinds: Set<String>) -> (kind: String, line: Int, column: Int)? {
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.hasPrefix("--- ") { line = line.dropFirst(4).drop { $0 == " " } }
            guard line.hasPrefix("kind:") else { continue }
            var value = line.dropFirst(5).drop { $0 == " " || $0 == "\t" }
            if let comment = value.firstRange(of: " #") { value = value[..<comment.lowerBound] }
            var kind = value.trimmingSuffix { $0 == " " || $0 == "\t" || $0 == "\r" }
            if kind.count >= 2, let first = kind.first, first == "\"" || first == "'", kind.last == first {
                kind = kind.dropFirst().dropLast()
            }
            let column = line.startIndex == rawLine.startIndex ? 1 : rawLine.distance(from: rawLine.startIndex, to: line.startIndex) + 1
            if kinds.contains(String(kind)) { return (String(kind), number, column) }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }
}
