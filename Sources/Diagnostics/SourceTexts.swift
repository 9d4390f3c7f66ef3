/// The text of the files diagnostics point into, so the renderer can quote the offending line.
///
/// Texts are kept whole and a line is found when a diagnostic or finding quotes it: an audit reads
/// thousands of files and quotes lines from few of them.
public struct SourceTexts: Sendable {
    private var texts: [String: String] = [:]

    public init() {}

    /// Records the text of `file`.
    public mutating func add(file: String, text: String) {
        texts[file] = text
    }

    /// Merges another set of texts into this one.
    public mutating func merge(_ other: SourceTexts) {
        texts.merge(other.texts) { current, _ in current }
    }

    /// The 1-based `line` of `file`, without its line terminator, if known.
    public func line(_ line: Int, of file: String) -> Substring? {
        guard let text = texts[file], line >= 1 else { return nil }
        let all = splitLines(text)
        return line <= all.count ? all[line - 1] : nil
    }

    private func splitLines(_ text: String) -> [Substring] {
        // Split on LF, CRLF and lone CR the way YAML counts lines.
        var result: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var index = start
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                result.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" {
                    next = scalars.index(after: next)
                }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        result.append(Substring(scalars[start..<scalars.endIndex]))
        return result
    }
}
