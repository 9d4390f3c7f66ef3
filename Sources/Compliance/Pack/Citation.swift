import Diagnostics
import RuleLanguage

/// Where a requirement comes from: the regulation, the article, and whether the article number has been
/// checked against the official text.
public struct Citation: Sendable, Hashable {
    public let regulation: LocalizedText
    /// `第六条`, `二`; as the instrument numbers it.
    public let article: String
    /// True only when the article number and its words were seen in a full text or an official reprint
    /// (`quote` and `source` say which); false when they rest on a secondary source (DESIGN §6 †).
    public let verified: Bool
    /// The official text, when known.
    public let url: String?
    /// Further instruments the requirement also rests on (e.g. the 2024 measures beside the 2020 notice).
    public let also: [String]
    /// The provision's words, in Chinese, exactly as in `source` (traditional characters and the source's
    /// punctuation kept).
    public let quote: String?
    /// Where `quote` was read: the copy and the publication it reprints.
    public let source: String?
    /// Why the article is not verified, or what the reading of the text decides (e.g. "the release, not the
    /// signed notice").
    public let note: String?
    /// The `citation:` mapping in the pack (for `loancheck test`'s citation checks); nil when built in code.
    public let location: SourceLocation?

    public init(
        regulation: LocalizedText, article: String, verified: Bool, url: String?, also: [String],
        quote: String? = nil, source: String? = nil, note: String? = nil, location: SourceLocation? = nil
    ) {
        self.regulation = regulation
        self.article = article
        self.verified = verified
        self.url = url
        self.also = also
        self.quote = quote
        self.source = source
        self.note = note
        self.location = location
    }

    /// `商业银行互联网贷款管理暂行办法 第六条 (article number not verified)`.
    public func text(_ language: ReportLanguage) -> String {
        var result = "\(regulation.text(language)) \(article)"
        if !verified { result += language == .zh ? "（条款编号未核实）" : " (article number not verified)" }
        return result
    }

    /// What keeps a citation from standing as `verified: true`: a verified citation shows the words it
    /// verified and where they were read. Empty when the citation is complete.
    public var verificationProblems: [String] {
        guard verified else { return [] }
        var problems: [String] = []
        if quote?.isEmpty ?? true {
            problems.append("a verified citation needs `quote:` (the provision's words, exactly as in the source)")
        }
        if source?.isEmpty ?? true {
            problems.append("a verified citation needs `source:` (where the quoted text was read)")
        }
        return problems
    }
}

/// One value of a parameter and the day it took effect.
public struct ParameterValue: Sendable, Hashable {
    public let from: CivilDate
    public let value: Value
    /// Where the value comes from (instrument, announcement).
    public let source: String?

    public init(from: CivilDate, value: Value, source: String?) {
        self.from = from
        self.value = value
        self.source = source
    }
}

/// A named threshold of a pack with its dated history (e.g. the one-year LPR).
public struct Parameter: Sendable, Hashable {
    public let name: String
    public let type: ValueType
    public let doc: String?
    /// Sorted by `from`, ascending.
    public let history: [ParameterValue]

    public init(name: String, type: ValueType, doc: String?, history: [ParameterValue]) {
        self.name = name
        self.type = type
        self.doc = doc
        self.history = history.sorted { $0.from < $1.from }
    }

    /// The value in force on `date`: the last one whose `from` is on or before it.
    public func value(at date: CivilDate) -> ParameterValue? {
        history.last { $0.from <= date }
    }
}
