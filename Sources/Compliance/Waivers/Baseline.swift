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
        /// True when the accepted finding was "cannot evaluate" (absent in baselines written before it
        /// was recorded: read as false, so such a finding counts as new).
        public let cannotEvaluate: Bool?

        public var key: String { "\(rule)|\(subject)|\(path)" }

        /// Whether this entry accepts `finding` (same key assumed): the same or a lower severity, and a
        /// "cannot evaluate" finding only when that is what was accepted. A violation that became
        /// "cannot evaluate", or a warning that became an error, is new.
        func accepts(_ finding: Finding) -> Bool {
            guard let accepted = FindingSeverity(rawValue: severity), finding.severity <= accepted else { return false }
            return !finding.cannotEvaluate || cannotEvaluate == true
        }

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
                  file: finding.location.map { Self.relative($0.file) }, severity: finding.severity.rawValue,
                  cannotEvaluate: finding.cannotEvaluate)
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
/// fixed entries are in the baseline but no longer found on a subject still audited; removed entries are
/// about subjects that are no longer loaded (gone, not fixed).
public struct BaselineComparison: Sendable {
    public let newKeys: Set<String>
    public let persistingKeys: Set<String>
    public let fixed: [Baseline.Entry]
    public let removed: [Baseline.Entry]

    /// `subjects`: the `Kind/id` of every document audited, to tell a fixed finding from a removed subject.
    public init(baseline: Baseline, findings: [Finding], subjects: Set<String>) {
        let entries = Dictionary(baseline.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var new = Set<String>()
        var persisting = Set<String>()
        for finding in findings where !finding.isWaived && finding.severity != .info {
            let key = Baseline.key(of: finding)
            if let entry = entries[key], entry.accepts(finding) { persisting.insert(key) } else { new.insert(key) }
        }
        // A key with one accepted and one escalated finding is new: the escalation is what counts.
        persisting.subtract(new)
        newKeys = new
        persistingKeys = persisting
        let current = new.union(persisting)
        let gone = baseline.entries.filter { !current.contains($0.key) }
        fixed = gone.filter { subjects.contains($0.subject) }
        removed = gone.filter { !subjects.contains($0.subject) }
    }

    /// `new`, `persisting`, or nil for findings outside the baseline's scope (waived, info).
    public func state(of finding: Finding) -> String? {
        guard !finding.isWaived, finding.severity != .info else { return nil }
        let key = Baseline.key(of: finding)
        if newKeys.contains(key) { return "new" }
        if persistingKeys.contains(key) { return "persisting" }
        return nil
    }
}
