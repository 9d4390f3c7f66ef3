import Diagnostics

/// A range of Unicode-scalar offsets in an expression's text.
struct SourceSpan: Sendable, Hashable {
    let start: Int
    let end: Int

    func to(_ other: SourceSpan) -> SourceSpan { SourceSpan(start: min(start, other.start), end: max(end, other.end)) }
}

/// An expression's text and where it sits in its file, for locations and evidence labels.
struct ExpressionSource: Sendable {
    let text: String
    let scalars: [Unicode.Scalar]
    let origin: EmbeddedTextOrigin

    init(_ text: String, origin: EmbeddedTextOrigin) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.origin = origin
    }

    /// The file location of an offset in the text, following line breaks through the origin.
    func location(_ offset: Int) -> SourceLocation {
        let position = TextPosition.of(offset: offset, in: text)
        return origin.location(textLine: position.line, textColumn: position.column)
    }

    /// The text of a span with runs of white space (including line breaks) collapsed to one space.
    func text(of span: SourceSpan) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in scalars[max(0, span.start)..<min(span.end, scalars.count)] {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    func error(_ message: String, at offset: Int, hint: String? = nil) -> Diagnostic {
        Diagnostic.error(message, at: location(offset), hint: hint)
    }
}
