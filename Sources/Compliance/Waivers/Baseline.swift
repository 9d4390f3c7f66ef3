import FoundationEssentials

/// A baseline: the findings accepted at some point, keyed on rule + subject + field path (no line
/// numbers, so edits that shift lines do not make old findings look new).
public struct Baseline: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable, Comparable {
        public let rule: String
        public let subject: String
        public let path: String
        /// The file, relative to the working directory (informational; not part of the key).
        public let file: String?
        public let severity: String

        public var key: String { "\(rule)|\(subject)|\(path)" }

        public static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.key < rhs.key }
    }

    public let format: String
    public let version: Int
    public let asOf: String
    public let entries: [Entry]

    public static let formatName = "loancheck-baseline"

    /// The baseline of `findings` (unwaived warnings and errors; info notices are not baselined).
    public init(findings: [Finding], asOf: String) {
        format = Self.formatName
        version = 1
        self.asOf = asOf
        var seen = Set<String>()
        entries = findings.filter { !$0.isWaived && $0.severity != .info }.map { finding in
            Entry(rule: finding.rule, subject: "\(finding.subject.kind)/\(finding.subject.id)", path: finding.path,
                  file: finding.location.map { Self.relative($0.file) }, severity: finding.severity.rawValue)
        }.filter { seen.insert($0.key).inserted }.sorted()
    }

    /// The baseline as pretty JSON.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a baseline file written by `--write-baseline`.
    public static func read(json data: Data) throws -> Baseline {
        let baseline = try JSONDecoder().decode(Baseline.self, from: data)
        guard baseline.format == formatName, baseline.version == 1 else {
            throw BaselineError(message: "not a loancheck baseline (format '\(baseline.format)' version \(baseline.version))")
        }
        return baseline
    }

    /// The key of a finding.
    public static func key(of finding: Finding) -> String {
        "\(finding.rule)|\(finding.subject.kind)/\(finding.subject.id)|\(finding.path)"
    }

    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        if path.hasPrefix("./") { return String(path.dropFirst(2)) }
        return path
    }
}

/// A baseline file that cannot be used.
public struct BaselineError: Error, Sendable {
    public let message: String
}

/// Findings against a baseline: new ones count for the exit code; persisting ones were accepted;
/// fixed entries are in the baseline but no longer found.
public struct BaselineComparison: Sendable {
    public let newKeys: Set<String>
    public let persistingKeys: Set<String>
    public let fixed: [Baseline.Entry]

    public init(baseline: Baseline, findings: [Finding]) {
        let known = Set(baseline.entries.map(\.key))
        let current = Set(findings.filter { !$0.isWaived && $0.severity != .info }.map(Baseline.key(of:)))
        newKeys = current.subtracting(known)
        persistingKeys = current.intersection(known)
        fixed = baseline.entries.filter { !current.contains($0.key) }
    }

    /// `new`, `persisting`, or nil for findings outside the baseline's scope (waived, info).
    public func state(of finding: Finding) -> String? {
        let key = Baseline.key(of: finding)
        if newKeys.contains(key) { return "new" }
        if persistingKeys.contains(key) { return "persisting" }
        return nil
    }
}
