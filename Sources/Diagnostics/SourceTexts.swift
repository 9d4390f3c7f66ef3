/// The text of the files diagnostics point into, so the renderer can quote the offending line.
///
/// Texts are kept whole and a line is found when a diagnostic or finding quotes it: an audit reads
/// thousands of files and quotes lines from few of them.
public struct SourceTexts: Sendable {
    private var texts: [String: LineIndexedText] = [:]
    /// Sets merged in, in the order they were merged, kept whole: copying the 10,000 texts of an audit
    /// into one table to add the rule packs' few was a serial stretch of every large audit.
    private var merged: [SourceTexts] = []
    /// Single lines of files too large to keep whole (a loan tape of a gigabyte): only the lines that
    /// diagnostics and findings quote.
    private var lines: [String: [Int: String]] = [:]

    public init() {}

    /// Records the text of `file`.
    public mutating func add(file: String, text: String) {
        texts[file] = LineIndexedText(text)
    }

    /// Records one line (1-based, without its terminator) of a file that is not kept whole.
    public mutating func add(file: String, line: Int, text: String) {
        lines[file, default: [:]][line] = text
    }

    /// Merges another set of texts into this one; where both know a file, this one's text is kept.
    public mutating func merge(_ other: SourceTexts) {
        merged.append(other)
    }

    /// The text of `file`: the one added here, else the first merged set's that knows it.
    private func text(of file: String) -> LineIndexedText? {
        if let text = texts[file] { return text }
        for set in merged {
            if let text = set.text(of: file) { return text }
        }
        return nil
    }

    /// The 1-based `line` of `file`, without its line terminator, if known.
    public func line(_ line: Int, of file: String) -> Substring? {
        if let single = singleLine(line, of: file) { return Substring(single) }
        return text(of: file)?.line(line)
    }

    private func singleLine(_ line: Int, of file: String) -> String? {
        if let text = lines[file]?[line] { return text }
        for set in merged {
            if let text = set.singleLine(line, of: file) { return text }
        }
        return nil
    }
}
