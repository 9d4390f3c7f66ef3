public import Diagnostics

/// The settings a team shares in `loancheck.yaml` (DESIGN §9), as read and checked by `ConfigReader`.
///
/// Paths are absolute and normalised (a relative path in the file is relative to the file's
/// directory). Every setting keeps its place in the file, so that a value found wrong later (a rule id
/// that no pack defines) is reported at its line. Command-line flags override single values; lists
/// (`exclude`, `packs`, `rules.disable`) are extended by the matching flags.
public struct LoanCheckConfig: Sendable {
    /// A value and where the file sets it.
    public struct Setting<Value: Sendable>: Sendable {
        public let value: Value
        public let location: SourceLocation

        public init(_ value: Value, at location: SourceLocation) {
            self.value = value
            self.location = location
        }
    }

    /// The names of the report's sign-off block (`sign_off:`): who prepared the report and who
    /// approved it. Rendered by the HTML report; nil when not set.
    public struct SignOff: Sendable, Hashable {
        public var preparedBy: String?
        public var approvedBy: String?

        public init(preparedBy: String? = nil, approvedBy: String? = nil) {
            self.preparedBy = preparedBy
            self.approvedBy = approvedBy
        }
    }

    /// The file as it was read (absolute, normalised).
    public let file: String
    /// The name the file has in diagnostics (relative to the source root when under it).
    public let displayName: String
    /// The file's text, for quoting its lines in diagnostics.
    public let text: String

    /// Only files matching one of these are read (none: every YAML file found).
    public var include: [Setting<Glob>] = []
    /// Files matching one of these are not read (files that are not loancheck documents).
    public var exclude: [Setting<Glob>] = []
    /// `rules.disable`: rule ids switched off.
    public var disabledRules: [Setting<String>] = []
    /// `rules.only`: the rule ids and pack ids kept; every other rule is switched off. nil when absent.
    public var onlyRules: [Setting<String>]?
    /// `packs`: extra rules directories, like `--rules` (absolute).
    public var packs: [Setting<String>] = []
    /// `fail_on`: `error`, `warning`, `info` or `never`.
    public var failOn: Setting<String>?
    /// `lang`: `zh` or `en`.
    public var language: Setting<String>?
    /// `source_root`: the directory report paths are relative to (absolute).
    public var sourceRoot: Setting<String>?
    /// `baseline`: the baseline file compared with, like `--baseline` (absolute).
    public var baseline: Setting<String>?
    /// `organisation`: the organisation named on the reports.
    public var organisation: String?
    /// `sign_off`: preparer and approver named on the reports.
    public var signOff = SignOff()

    /// The directory the file is in: relative paths and patterns of the file are relative to it.
    public var directory: String { LexicalPath.parent(file) }

    public init(file: String, displayName: String, text: String) {
        self.file = file
        self.displayName = displayName
        self.text = text
    }

    /// The file's text as a `SourceTexts`, to render diagnostics located in it.
    public var sources: SourceTexts {
        var sources = SourceTexts()
        sources.add(file: displayName, text: text)
        return sources
    }
}
