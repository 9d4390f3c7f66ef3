import Compliance

/// The output formats of `loancheck audit --format` (see `docs/report-formats.md`).
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Compiler-style diagnostics for people, with source snippets.
    case text
    /// The stable machine-readable report of DESIGN §5 (format version 1).
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// JUnit XML (Apache Ant schema), for CI test reports.
    case junit
    /// GitHub Actions workflow commands (annotations on the pull request).
    case github
    /// A GitHub-flavoured Markdown pull-request comment.
    case markdown
    /// A self-contained HTML page.
    case html
}

/// Options shared by the renderers.
public struct ReportOptions: Sendable {
    /// ANSI colour (text format only; the CLI enables it on a terminal without NO_COLOR).
    public var useColor: Bool
    /// The directory that relative file names are relative to, and that absolute file names under it
    /// are made relative to (SARIF `%SRCROOT%`, GitHub annotation and Markdown paths). nil = the current
    /// directory.
    public var sourceRoot: String?
    /// The tool's home page: SARIF `tool.driver.informationUri`, and the base of the `helpUri` of a
    /// shipped rule without an official text (omitted when nil).
    public var informationUri: String?
    /// Who the report is for or by, and its sign-off (HTML cover): `--organisation`, `--prepared-by`,
    /// `--approved-by`, or the configuration file's `report:` keys.
    public var attribution: ReportAttribution
    /// The rules directories the packs were read from (the shipped one first): reports for people show a
    /// pack's file relative to its directory, never the machine's absolute path.
    public var rulesRoots: [String]

    /// The project's home page, the default `informationUri`: the one place to change when the project
    /// is published elsewhere (a fork, an internal mirror).
    public static let projectHome = "https://github.com/loancheck/loancheck"

    public init(useColor: Bool = false, sourceRoot: String? = nil, informationUri: String? = ReportOptions.projectHome,
                attribution: ReportAttribution = ReportAttribution(), rulesRoots: [String] = []) {
        self.useColor = useColor
        self.sourceRoot = sourceRoot
        self.informationUri = informationUri
        self.attribution = attribution
        self.rulesRoots = rulesRoots
    }
}

/// Renders an audit report in one of the formats.
public enum ReportRenderer {
    /// The report as `format`, ending with a newline. Rendering is deterministic: the same report and
    /// options give the same text (no clock, no host name).
    public static func render(_ report: AuditReport, format: ReportFormat, options: ReportOptions = ReportOptions()) -> String {
        // A run that audited nothing (invalid inputs, or `validate`) has its own report in every format.
        if !report.audited { return InputErrorReport(report: report, options: options).render(format) }
        return switch format {
        case .text: TextReport(report: report, useColor: options.useColor).render()
        case .json: JSONReport(report: report).render()
        case .sarif: SARIFReport(report: report, options: options).render()
        case .junit: JUnitReport(report: report).render()
        case .github: GitHubAnnotations(report: report, options: options).render()
        case .markdown: MarkdownReport(report: report, options: options).render()
        case .html: HTMLReport(report: report, options: options).render()
        }
    }

    /// The report as UTF-8 bytes, for the formats written from a JSON document (`json`, `sarif`): the
    /// same bytes as `render`, without the copy into a `String`. Nil for the other formats.
    public static func renderUTF8(_ report: AuditReport, format: ReportFormat, options: ReportOptions = ReportOptions()) -> [UInt8]? {
        guard report.audited else { return nil }
        return switch format {
        case .json: JSONReport(report: report).document().serializedUTF8(indent: 2, terminator: "\n")
        case .sarif: SARIFReport(report: report, options: options).document().serializedUTF8(indent: 2, terminator: "\n")
        case .text, .junit, .github, .markdown, .html: nil
        }
    }
}
