import Compliance

/// The output formats of `loancheck audit --format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown, html
}

/// Options shared by the renderers.
public struct ReportOptions: Sendable {
    /// ANSI colour (text format only; the CLI enables it on a terminal without NO_COLOR).
    public var useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }
}

/// Renders an audit report in one of the formats.
public enum ReportRenderer {
    public static func render(_ report: AuditReport, format: ReportFormat, options: ReportOptions = ReportOptions()) -> String {
        fatalError("ReportRenderer.render(\(format)) is implemented on the reporting branch")
    }
}
