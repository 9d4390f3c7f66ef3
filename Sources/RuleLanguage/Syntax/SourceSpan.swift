import Diagnostics

/// A range of Unicode-scalar offsets in an expression's text.
public struct SourceSpan: Sendable, Hashable {
    /// Unicode-scalar offsets into the expression's text; `end` is exclusive.
    public let start: Int
    public let end: Int

    func to(_ other: SourceSpan) -> SourceSpan { SourceSpan(start: min(start, other.start), end: max(end, other.end)) }
}

/// An expression's text and where it sits in its file, for locations and evidence labels.
struct ExpressionSource: Sendable {
    let text: String
    let scalars: [Unicode.Scalar]
    let origin: EmbeddedTextOrigin
    /// Offset of the first scalar of each line (LF, CRLF and CR end a line), for O(log n) lookups.
    private let lineStarts: [Int]

    init(_ text: String, origin: EmbeddedTextOrigin) {
        self.text = text
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        self.origin = origin
        var starts = [0]
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            if scalars[index] == "\n" || scalars[index] == "\r" { starts.append(index + 1) }
            index += 1
        }
        lineStarts = starts
    }

    /// The file location of an offset in the text, following line breaks through the origin.
    func location(_ offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return origin.location(textLine: low + 1, textColumn: offset - lineStarts[low] + 1)
    }

    /// The text of a span with runs of white space (including line breaks) collapsed to one space.
    ///
    /// Every compiled node's label is one (pack compilation makes thousands, each as long as its
    /// subexpression): built as UTF-8 bytes, with ASCII white space told without the property tables.
    func text(of span: SourceSpan) -> String {
        let range = max(0, span.start)..<min(span.end, scalars.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var pendingSpace = false
        for scalar in scalars[range] {
            if UnitScanner.isWhitespace(scalar) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                if scalar.isASCII {
                    bytes.append(UInt8(truncatingIfNeeded: scalar.value))
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func error(_ message: String, at offset: Int, hint: String? = nil) -> Diagnostic {
        Diagnostic.error(message, at: location(offset), hint: hint)
    }
}
