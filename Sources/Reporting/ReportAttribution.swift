/// The organisation a report is prepared for and the names of its sign-off block (the HTML cover).
/// Empty or blank values count as absent.
public struct ReportAttribution: Sendable, Hashable {
    /// The organisation (company, department) named above the report's title.
    public var organisation: String?
    /// Who prepared the report.
    public var preparedBy: String?
    /// Who approves it (signs it off).
    public var approvedBy: String?

    public init(organisation: String? = nil, preparedBy: String? = nil, approvedBy: String? = nil) {
        self.organisation = Self.nonBlank(organisation)
        self.preparedBy = Self.nonBlank(preparedBy)
        self.approvedBy = Self.nonBlank(approvedBy)
    }

    /// True when there is a sign-off block to print (a preparer or an approver is named).
    public var hasSignOff: Bool { preparedBy != nil || approvedBy != nil }

    private static func nonBlank(_ text: String?) -> String? {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }
}
