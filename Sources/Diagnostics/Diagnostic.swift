/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A message about an input, a rule pack or a usage problem, rendered like a compiler diagnostic.
///
/// Every stage (YAML reader, rule language, document loader, rule packs, command line) reports its
/// problems as `Diagnostic` values so they are collected and printed the same way.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// A secondary message, optionally pointing at another place (e.g. "first defined here").
    public struct Note: Sendable, Hashable {
        public let message: String
        public let location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public let severity: Severity
    public let message: String
    public let location: SourceLocation?
    /// How to fix it; each becomes a `hint:` line.
    public let hints: [String]
    public let notes: [Note]
    /// What kind of input problem this is, for the reports of a run whose inputs are invalid (set by
    /// the stage that found it; nil for usage errors).
    public private(set) var kind: DiagnosticKind?

    public init(
        _ severity: Severity = .error,
        _ message: String,
        at location: SourceLocation?,
        hints: [String] = [],
        notes: [Note] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hints = hints
        self.notes = notes
    }

    /// Shorthand for an error diagnostic.
    public static func error(
        _ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, hints: hint.map { [$0] } ?? [], notes: notes)
    }

    /// One line: `file:line:col: severity: message` (no source snippet).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }

    /// A copy with one more hint.
    public func adding(hint: String) -> Diagnostic {
        var copy = Diagnostic(severity, message, at: location, hints: hints + [hint], notes: notes)
        copy.kind = kind
        return copy
    }

    /// This diagnostic with `kind`, unless an earlier stage gave it one (a unit error found while a
    /// document was decoded stays a unit error).
    public func classified(as kind: DiagnosticKind) -> Diagnostic {
        guard self.kind == nil else { return self }
        var copy = self
        copy.kind = kind
        return copy
    }

    /// This diagnostic with `kind`, whatever it had (every problem of a rule pack is a rules error).
    public func reclassified(as kind: DiagnosticKind) -> Diagnostic {
        var copy = self
        copy.kind = kind
        return copy
    }
}

/// Several diagnostics reported together, thrown when a stage found at least one error.
public struct DiagnosticList: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
