import Diagnostics

/// Turns libyaml's error report into a diagnostic: libyaml's own wording, at its 1-based position,
/// with its context ("while scanning a quoted scalar") as a note where that started, and a hint for
/// the mistakes people actually make.
enum LibYAMLDiagnostics {
    static func diagnostic(for failure: LibYAMLFailure, file: String, positions: inout SourcePositions) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        switch failure.stage {
        case .memory:
            return .error("out of memory while reading YAML", at: location(Mark(line: 1, column: 1)))
        case .reader:
            // libyaml gives reader errors as a byte offset only.
            let at = location(positions.mark(atByteOffset: failure.problemOffset))
            return readerDiagnostic(failure, at: at)
        case .scanner, .parser, .other:
            if let key = longKey(at: failure.problemMark, positions: &positions) {
                return .error(
                    "a key may be at most \(maxKeyLength) characters (libyaml's limit for `key: value`); this one has \(key.length)",
                    at: location(positions.mark(key.start)),
                    hint: "shorten it, or write it as an explicit key: `? key` on one line and `: value` on the next")
            }
            let at = location(positions.mark(failure.problemMark))
            if let fullWidth = fullWidthPunctuation(failure, file: file, positions: &positions) {
                return .error(fullWidth.message, at: fullWidth.location, hint: fullWidth.hint,
                              notes: [Diagnostic.Note("YAML reports: \(failure.problem)", at: at)])
            }
            let notes = failure.context.map {
                [Diagnostic.Note($0, at: location(positions.mark(failure.contextMark)))]
            } ?? []
            let character = character(at: failure.problemMark, positions: &positions)
            let hint = hint(problem: failure.problem, context: failure.context, character: character)
            return .error(failure.problem, at: at, hint: hint, notes: notes)
        }
    }

    /// The diagnostic for a NUL byte, shared with the file pre-scan so both read the same.
    static func nulByte(at location: SourceLocation) -> Diagnostic {
        .error(
            "a NUL byte is not allowed in YAML", at: location,
            hint: "YAML files are text; remove the NUL byte (is this a binary or UTF-16 file?)"
        )
    }

    private static func readerDiagnostic(_ failure: LibYAMLFailure, at location: SourceLocation) -> Diagnostic {
        if failure.problem == "control characters are not allowed" {
            if failure.problemValue == 0 { return nulByte(at: location) }
            let code = codePoint(failure.problemValue)
            return .error(
                "control characters are not allowed (found \(code))", at: location,
                hint: "remove it; inside a double-quoted string it can be written as an escape"
            )
        }
        return .error(
            "invalid UTF-8: \(failure.problem)", at: location,
            hint: "save the file as UTF-8"
        )
    }

    /// libyaml's limit on a simple (implicit) key: a key followed by `:` on the same line is found only
    /// when the `:` is at most this many characters after the key's start. Past it libyaml reports the
    /// `:` as misplaced ("could not find expected ':'", "mapping values are not allowed in this
    /// context", "did not find expected ',' or '}'"), which says nothing about the cause.
    static let maxKeyLength = 1024

    /// The start and length of the key before the `:` at `mark`, when that `:` failed because the key is
    /// longer than libyaml allows. The key starts after the line's indentation and `- ` / `? ` indicators,
    /// or after the last `{`, `[` or `,` before it; text after a `: ` is a value (a `: ` inside a value is a
    /// different mistake, and keeps libyaml's message).
    private static func longKey(at mark: RawMark, positions: inout SourcePositions) -> (start: RawMark, length: Int)? {
        let colon = positions.byteOffset(ofCharacter: mark.index)
        guard colon < positions.bytes.count, positions.bytes[colon] == UInt8(ascii: ":") else { return nil }
        var lineStart = colon
        while lineStart > positions.contentStart, positions.bytes[lineStart - 1] != 0x0A, positions.bytes[lineStart - 1] != 0x0D {
            lineStart -= 1
        }
        // Only a line long enough to hold such a key is decoded.
        guard colon - lineStart > maxKeyLength else { return nil }
        let before = Array(String(decoding: UnsafeBufferPointer(rebasing: positions.bytes[lineStart..<colon]), as: UTF8.self)
            .unicodeScalars)
        var start = 0
        var isValue = false
        for index in before.indices {
            switch before[index] {
            case "{", "[", ",":
                start = index + 1
                isValue = false
            case ":" where index + 1 < before.count && (before[index + 1] == " " || before[index + 1] == "\t"):
                isValue = true
            default:
                break
            }
        }
        if isValue { return nil }
        while start < before.count {
            let scalar = before[start]
            let isIndicator = (scalar == "-" || scalar == "?") && start + 1 < before.count
                && (before[start + 1] == " " || before[start + 1] == "\t")
            guard scalar == " " || scalar == "\t" || isIndicator else { break }
            start += 1
        }
        let length = before.count - start
        guard length > maxKeyLength else { return nil }
        return (RawMark(index: mark.index - length, line: mark.line, column: mark.column - length), length)
    }

    /// A full-width `：`, `，`, `（` or `）` on the line of the problem or of its context (a key typed with
    /// `：` is reported on the next line): the real cause, so the error points at it.
    private static func fullWidthPunctuation(
        _ failure: LibYAMLFailure, file: String, positions: inout SourcePositions
    ) -> (message: String, location: SourceLocation, hint: String)? {
        var marks = [failure.problemMark]
        if failure.context != nil { marks.append(failure.contextMark) }
        for mark in marks {
            let offset = positions.byteOffset(ofCharacter: mark.index)
            var start = min(offset, positions.bytes.count)
            while start > positions.contentStart, positions.bytes[start - 1] != 0x0A, positions.bytes[start - 1] != 0x0D { start -= 1 }
            var end = start
            while end < positions.bytes.count, positions.bytes[end] != 0x0A, positions.bytes[end] != 0x0D { end += 1 }
            let line = String(decoding: UnsafeBufferPointer(rebasing: positions.bytes[start..<end]), as: UTF8.self)
            guard let found = FullWidthPunctuation.firstInYAMLLine(line) else { continue }
            let lineNumber = positions.mark(mark).line
            let expected = found.scalar == "：" ? "':'" : found.scalar == "，" ? "','" : "ASCII syntax"
            return ("full-width '\(found.scalar)' where YAML expects \(expected)",
                    SourceLocation(file: file, line: lineNumber, column: found.offset + 1),
                    FullWidthPunctuation.hint(for: found.scalar))
        }
        return nil
    }

    /// The first byte of the character at a libyaml mark, if it is ASCII (enough to spot a tab).
    private static func character(at mark: RawMark, positions: inout SourcePositions) -> UInt8? {
        let offset = positions.byteOffset(ofCharacter: mark.index)
        guard offset < positions.bytes.count else { return nil }
        return positions.bytes[offset]
    }

    private static func hint(problem: String, context: String?, character: UInt8?) -> String? {
        if character == UInt8(ascii: "\t") || problem.contains("tab character") {
            return "YAML indentation must use spaces, not tabs"
        }
        switch problem {
        case "found character that cannot start any token":
            if character == UInt8(ascii: "@") || character == UInt8(ascii: "`") {
                return "'@' and '`' are reserved in YAML; put the value in quotes"
            }
            return "put the value in quotes"
        case "did not find expected ',' or ']'":
            return "close the '[' noted below with ']', and separate the items with ','"
        case "did not find expected ',' or '}'":
            return "close the '{' noted below with '}', and separate the entries with ','"
        case "mapping values are not allowed in this context":
            return "quote the value if it contains ': ', or check this line's indentation"
        case "did not find expected key":
            return "check the indentation: the keys of one mapping must start in the same column"
        case "did not find expected '-' indicator":
            return "check the indentation: the items of one sequence must start in the same column"
        case "could not find expected ':'":
            return "add ': ' after the key, or indent the line if it continues the previous value"
        case "found unexpected end of stream":
            if context == "while scanning a quoted scalar" { return "add the missing closing quote" }
            return nil
        default:
            return nil
        }
    }

    static func codePoint(_ value: Int) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
