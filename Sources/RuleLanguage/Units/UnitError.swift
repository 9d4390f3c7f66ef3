import Diagnostics

/// Why a value with a unit (money, percentage, rate, duration, date, province) could not be read.
///
/// `offset` is the Unicode-scalar offset in the parsed text where the problem is, so a caller that knows
/// where the text sits in its file can point at the exact column (see `diagnostic(in:origin:)`).
public struct UnitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `a percentage needs a % sign`.
    public let message: String
    /// How to write it instead, e.g. `write 30%`.
    public let hint: String?
    /// Unicode-scalar offset (0-based) into the parsed text.
    public let offset: Int

    /// An error at scalar `offset` of the parsed text.
    public init(_ message: String, hint: String? = nil, offset: Int) {
        self.message = message
        self.hint = hint
        self.offset = offset
    }

    public var description: String { message + (hint.map { " (hint: \($0))" } ?? "") }

    /// The error as a diagnostic located in a file: `text` is the parsed text and `origin` says where it
    /// starts, so line breaks inside `text` are followed.
    public func diagnostic(in text: String, origin: EmbeddedTextOrigin) -> Diagnostic {
        let position = TextPosition.of(offset: offset, in: text)
        let location = origin.location(textLine: position.line, textColumn: position.column)
        // A full-width `（` or `，` from a Chinese input method is the likelier cause: named first.
        let hints = [FullWidthPunctuation.hint(in: text), hint].compactMap { $0 }
        return Diagnostic(.error, message, at: location, hints: hints).classified(as: .unit)
    }
}

/// Line and column (1-based, Unicode scalars) of an offset in a text, counting LF, CRLF and CR as
/// line breaks the way YAML and `SourceTexts` do.
struct TextPosition: Sendable, Hashable {
    let line: Int
    let column: Int

    static func of(offset: Int, in text: String) -> TextPosition {
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" {
                if previous != "\r" { line += 1 }
                column = 1
            } else if scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previous = scalar
        }
        return TextPosition(line: line, column: column)
    }
}
