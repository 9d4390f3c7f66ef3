/// The text of the files diagnostics point into, so the renderer can quote the offending line.
public struct SourceTexts: Sendable {
    private var lines: [String: [Substring]] = [:]

    public init() {}

    /// Records the text of `file`.
    public mutating func add(file: String, text: String) {
        lines[file] = splitLines(text)
    }

    /// Merges another set of texts into this one.
    public mutating func merge(_ other: SourceTexts) {
        lines.merge(other.lines) { current, _ in current }
    }

    /// The 1-based `line` of `file`, without its line terminator, if known.
    public func line(_ line: Int, of file: String) -> Substring? {
        guard let all = lines[file], line >= 1, line <= all.count else { return nil }
        return all[line - 1]
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
