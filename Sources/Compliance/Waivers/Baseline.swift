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
        /// The actual value of the accepted violation as the evidence shows it (`¥300,000`, `25%`), so
        /// that a worse value is not accepted (absent for "cannot evaluate", and in baselines written
        /// before it was recorded: any value is then accepted).
        public let actual: String?

        public init(rule: String, subject: String, path: String, file: String?, severity: String, cannotEvaluate: Bool?,
                    actual: String? = nil) {
            self.rule = rule
            self.subject = subject
            self.path = path
            self.file = file
            self.severity = severity
            self.cannotEvaluate = cannotEvaluate
            self.actual = actual
        }

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
                  cannotEvaluate: finding.cannotEvaluate, actual: finding.cannotEvaluate ? nil : finding.evidence.actual)
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

/// Findings against a baseline. `new` (not accepted by an entry) and `worsened` (accepted, but its
/// actual value is worse than the one accepted) count for the exit code; `updated` (a different value
/// that is not worse: better, or not comparable) and `persisting` (the same) were accepted. Fixed
/// entries are in the baseline but no longer found on a subject still audited; removed entries are about
/// subjects that are no longer loaded (gone, not fixed).
public struct BaselineComparison: Sendable {
    public let newKeys: Set<String>
    public let worsenedKeys: Set<String>
    public let updatedKeys: Set<String>
    public let persistingKeys: Set<String>
    /// The value the baseline accepted, by key, for worsened and updated findings.
    public let acceptedActuals: [String: String]
    public let fixed: [Baseline.Entry]
    public let removed: [Baseline.Entry]

    /// `subjects`: the `Kind/id` of every document audited, to tell a fixed finding from a removed subject.
    public init(baseline: Baseline, findings: [Finding], subjects: Set<String>) {
        let entries = Dictionary(baseline.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var new = Set<String>(), worsened = Set<String>(), updated = Set<String>(), persisting = Set<String>()
        var accepted: [String: String] = [:]
        // Entries that accepted a finding under another key (a lender's field written per product).
        var matchedOldKeys = Set<String>()
        for finding in findings where !finding.isWaived && finding.severity != .info {
            let key = Baseline.key(of: finding)
            let candidates = [key] + Self.keysPerProduct(of: finding)
            guard let entry = candidates.lazy.compactMap({ entries[$0] }).first(where: { $0.accepts(finding) }) else {
                new.insert(key)
                continue
            }
            if entry.key != key { matchedOldKeys.insert(entry.key) }
            switch BaselineValueChange(accepted: entry.actual, finding: finding) {
            case .same: persisting.insert(key)
            case .worse:
                worsened.insert(key)
                accepted[key] = entry.actual
            case .changed:
                updated.insert(key)
                accepted[key] = entry.actual
            }
        }
        // A key with one accepted and one escalated finding is new (or worsened): that is what counts.
        worsened.subtract(new)
        updated.subtract(new.union(worsened))
        persisting.subtract(new.union(worsened).union(updated))
        newKeys = new
        worsenedKeys = worsened
        updatedKeys = updated
        persistingKeys = persisting
        acceptedActuals = accepted.filter { worsened.contains($0.key) || updated.contains($0.key) }
        let current = new.union(worsened).union(updated).union(persisting).union(matchedOldKeys)
        let gone = baseline.entries.filter { !current.contains($0.key) }
        fixed = gone.filter { subjects.contains($0.subject) }
        removed = gone.filter { !subjects.contains($0.subject) }
    }

    /// The keys under which a baseline written before lender findings were merged (`LenderFindings`)
    /// recorded a finding reached through products: one per product, with the path from the product.
    private static func keysPerProduct(of finding: Finding) -> [String] {
        finding.products.map { "\(finding.rule)|LoanProduct/\($0)|lender.\(finding.path)" }
    }

    /// `new`, `worsened`, `updated`, `persisting`, or nil for findings outside the baseline's scope
    /// (waived, info).
    public func state(of finding: Finding) -> String? {
        guard !finding.isWaived, finding.severity != .info else { return nil }
        let key = Baseline.key(of: finding)
        if newKeys.contains(key) { return "new" }
        if worsenedKeys.contains(key) { return "worsened" }
        if updatedKeys.contains(key) { return "updated" }
        if persistingKeys.contains(key) { return "persisting" }
        return nil
    }

    /// Whether the finding counts for the exit code: new, or worse than the baseline accepted.
    public func counts(_ finding: Finding) -> Bool {
        let state = state(of: finding)
        return state == "new" || state == "worsened"
    }

    /// The value the baseline accepted for a worsened or updated finding.
    public func acceptedActual(of finding: Finding) -> String? {
        acceptedActuals[Baseline.key(of: finding)]
    }
}
