/// A text in Chinese and English (the regulations are Chinese; reports can be read in either).
public struct LocalizedText: Sendable, Hashable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: ReportLanguage) -> String {
        language == .zh ? zh : en
    }
}

/// The language of messages and reports.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    case zh
    case en
}
