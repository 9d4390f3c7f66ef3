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
    /// Labels, messages, hints and notes in Chinese where `ChineseDiagnostics` has them (`--lang zh`).
    public let chinese: Bool

    public init(sources: SourceTexts, useColor: Bool = false, chinese: Bool = false) {
        self.sources = sources
        self.useColor = useColor
        self.chinese = chinese
    }

    /// Source lines longer than this many characters are quoted only around the caret.
    public static let snippetWidth = 160
    /// Messages, notes and hints longer than this many characters (they may quote a huge value from
    /// the input) are cut, saying how much was left out.
    public static let messageLimit = 400

    /// The full rendering of one diagnostic, ending with a newline.
    ///
    /// Messages, notes and hints quote the inputs (keys, values, file names), so each is shown through
    /// `DisplayText`: a line break or an ESC sequence in a key cannot start a line of its own on stderr.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let say = { (text: String) in self.chinese ? ChineseDiagnostics.translate(text) : text }
        let severity = chinese ? ChineseDiagnostics.severity(diagnostic.severity) : diagnostic.severity.rawValue
        let (noteLabel, hintLabel) = chinese ? (ChineseDiagnostics.noteLabel, ChineseDiagnostics.hintLabel) : ("note", "hint")
        let head = "\(style(severity, for: diagnostic.severity)): \(bold(Self.clip(say(diagnostic.message))))"
        if let location = diagnostic.location {
            out += "\(location): \(head)\n"
            out += snippet(at: location)
        } else {
            out += "loancheck: \(head)\n"
        }
        for note in diagnostic.notes {
            if let location = note.location {
                out += "  \(noteLabel): \(location): \(Self.clip(say(note.message)))\n"
            } else {
                out += "  \(noteLabel): \(Self.clip(say(note.message)))\n"
            }
        }
        for hint in diagnostic.hints {
            out += "  \(hintLabel): \(Self.clip(say(hint)))\n"
        }
        return out
    }

    /// `text` made safe to print (`DisplayText`), cut to its first `messageLimit` characters, saying
    /// how many more there were.
    public static func clip(_ text: String) -> String {
        guard text.utf8.count > messageLimit else { return DisplayText.safe(text) }
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: messageLimit, limitedBy: scalars.endIndex),
              end < scalars.endIndex else { return DisplayText.safe(text) }
        let omitted = scalars[end...].count
        return DisplayText.safe(String(scalars[..<end])) + "… (\(omitted) more characters)"
    }

    /// All diagnostics, each rendered, in the order given.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// The quoted source line and a caret under `location.column`, or "" when the line is unknown.
    ///
    /// A line longer than `snippetWidth` characters (minified YAML, a huge value) is quoted only around
    /// the caret, with `…` where it was cut, so one diagnostic costs a bounded amount of output.
    public func snippet(at location: SourceLocation) -> String {
        guard let whole = sources.line(location.line, of: location.file) else { return "" }
        var line = whole.unicodeScalars[...]
        var column = 1
        var lead = ""
        if whole.utf8.count > Self.snippetWidth {
            let half = Self.snippetWidth / 2
            let scalars = whole.unicodeScalars
            let skip = max(0, location.column - 1 - half)
            let start = scalars.index(scalars.startIndex, offsetBy: skip, limitedBy: scalars.endIndex) ?? scalars.endIndex
            let end = scalars.index(start, offsetBy: Self.snippetWidth, limitedBy: scalars.endIndex) ?? scalars.endIndex
            if skip > 0 || end < scalars.endIndex {
                line = scalars[start..<end]
                column = skip + 1
                if skip > 0 { lead = "…" }
            }
        }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        var padding = lead.isEmpty ? "" : " "
        // Control and bidi characters are shown escaped (`DisplayText`; a tab stays a tab), and the
        // caret's padding counts the escape's width, so it still points at the right character.
        var printable = lead
        for scalar in line {
            let escaped = scalar == "\t" ? nil : DisplayText.escape(scalar)
            if let escaped { printable += escaped } else { printable.unicodeScalars.append(scalar) }
            guard column < location.column else { continue }
            if scalar == "\t" {
                padding += "\t"
            } else {
                padding += String(repeating: " ", count: escaped?.count ?? DisplayWidth.of(scalar))
            }
            column += 1
        }
        printable += line.endIndex < whole.unicodeScalars.endIndex ? "…" : ""
        return "  \(number) | \(printable)\n  \(gutter) | \(padding)\(style("^", for: .error))\n"
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
