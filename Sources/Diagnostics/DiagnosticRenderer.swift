/// Renders diagnostics the way compilers do:
///
/// ```
/// products/a.yaml:3:1: error: duplicate key 'id'
///   3 | id: other
///     | ^
///   note: products/a.yaml:2:1: first defined here
///   hint: remove one of the two keys
/// ```
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceTexts
    public let useColor: Bool

    public init(sources: SourceTexts, useColor: Bool = false) {
        self.sources = sources
        self.useColor = useColor
    }

    /// The full rendering of one diagnostic, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let head = "\(style(diagnostic.severity.rawValue, for: diagnostic.severity)): \(bold(diagnostic.message))"
        if let location = diagnostic.location {
            out += "\(location): \(head)\n"
            out += snippet(at: location)
        } else {
            out += "loancheck: \(head)\n"
        }
        for note in diagnostic.notes {
            if let location = note.location {
                out += "  note: \(location): \(note.message)\n"
            } else {
                out += "  note: \(note.message)\n"
            }
        }
        for hint in diagnostic.hints {
            out += "  hint: \(hint)\n"
        }
        return out
    }

    /// All diagnostics, each rendered, in the order given.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// The quoted source line and a caret under `location.column`, or "" when the line is unknown.
    public func snippet(at location: SourceLocation) -> String {
        guard let line = sources.line(location.line, of: location.file) else { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        var padding = ""
        var column = 1
        for scalar in line.unicodeScalars {
            if column >= location.column { break }
            if scalar == "\t" {
                padding += "\t"
            } else {
                padding += String(repeating: " ", count: DisplayWidth.of(scalar))
            }
            column += 1
        }
        let printable = String(String.UnicodeScalarView(line.unicodeScalars.map(Self.visible)))
        return "  \(number) | \(printable)\n  \(gutter) | \(padding)\(style("^", for: .error))\n"
    }

    /// Control characters (other than tab) would garble the terminal; show them as U+FFFD.
    private static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" { return scalar }
        if scalar.value < 0x20 || scalar.value == 0x7F { return "\u{FFFD}" }
        return scalar
    }

    private func style(_ text: String, for severity: Severity) -> String {
        guard useColor else { return text }
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(text)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String {
        useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}
