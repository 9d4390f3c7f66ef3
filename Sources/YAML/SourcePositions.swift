/// Converts libyaml's positions into `Mark`s and finds characters in the UTF-8 input.
///
/// libyaml counts columns in characters, as `Mark` does, but as a YAML 1.1 parser it also breaks
/// lines at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), which editors
/// and `SourceTexts` do not. Such a character (pasted from a web page or word processor) would shift
/// every later line number, so when the input holds one, marks are recomputed from libyaml's
/// character index with LF, CR and CRLF as the only line breaks. Otherwise libyaml's line and column
/// are used as they are (the common, cheap case).
struct SourcePositions {
    let bytes: UnsafeBufferPointer<UInt8>
    /// 3 when the input starts with a UTF-8 byte-order mark, which libyaml skips without counting.
    let contentStart: Int
    /// Character indices where lines start, only when libyaml's lines differ from ours.
    private let lineStarts: [Int]?
    /// When the last line has no line break: the input's length in characters and the mark just past
    /// its last character. libyaml counts a line break of its own there, so whatever it reports at the
    /// end (an empty document after a final `---`, "did not find expected ']'") would be on a line
    /// past the end of the file.
    private let unterminatedEnd: (characters: Int, mark: Mark)?

    /// The character index and byte offset last looked up: lookups mostly move forward through the
    /// file, so each one continues from here and the whole parse walks the input about once.
    private var cursorIndex = 0
    private var cursorOffset: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        contentStart = Self.hasByteOrderMark(bytes) ? 3 : 0
        cursorOffset = contentStart
        lineStarts = Self.hasUnicodeLineBreak(bytes) ? Self.lineStarts(bytes, from: contentStart) : nil
        if let last = bytes.last, bytes.count > contentStart, last != 0x0A, last != 0x0D {
            let characters = bytes[contentStart...].reduce(0) { $0 + (Self.isContinuation($1) ? 0 : 1) }
            unterminatedEnd = (characters, Self.mark(atByteOffset: bytes.count, in: bytes, from: contentStart))
        } else {
            unterminatedEnd = nil
        }
    }

    /// The 1-based mark of a libyaml mark.
    func mark(_ raw: RawMark) -> Mark {
        if let end = unterminatedEnd, raw.index >= end.characters { return end.mark }
        guard let lineStarts else { return Mark(line: raw.line + 1, column: raw.column + 1) }
        // The last line starting at or before the index.
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= raw.index { low = middle } else { high = middle }
        }
        return Mark(line: low + 1, column: raw.index - lineStarts[low] + 1)
    }

    /// The mark of a byte offset (libyaml reports reader errors, e.g. a control character, as a byte
    /// offset only). The bytes before `offset` must be valid UTF-8.
    func mark(atByteOffset offset: Int) -> Mark {
        Self.mark(atByteOffset: offset, in: bytes, from: contentStart)
    }

    /// The byte offset of a libyaml character index.
    mutating func byteOffset(ofCharacter index: Int) -> Int {
        if index < cursorIndex {
            cursorIndex = 0
            cursorOffset = contentStart
        }
        while cursorIndex < index, cursorOffset < bytes.count {
            cursorOffset += 1
            while cursorOffset < bytes.count, Self.isContinuation(bytes[cursorOffset]) { cursorOffset += 1 }
            cursorIndex += 1
        }
        return cursorOffset
    }

    // MARK: - Byte-level helpers

    static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The 1-based line and column (in characters) of a byte offset, lines broken at LF, CR, CRLF.
    static func mark(atByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Mark {
        var line = 1
        var column = 1
        var position = start
        let limit = min(offset, bytes.count)
        while position < limit {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && (position + 1 >= bytes.count || bytes[position + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte != 0x0D, !isContinuation(byte) {
                column += 1
            }
            position += 1
        }
        return Mark(line: line, column: column)
    }

    /// Whether the input holds NEL, LS or PS, the line breaks only YAML 1.1 knows.
    private static func hasUnicodeLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        while position + 1 < bytes.count {
            let byte = bytes[position]
            if byte == 0xC2, bytes[position + 1] == 0x85 { return true }
            if byte == 0xE2, bytes[position + 1] == 0x80, position + 2 < bytes.count,
                bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9
            {
                return true
            }
            position += 1
        }
        return false
    }

    /// Character indices (as libyaml counts them: CRLF is two) of line starts, for LF, CR and CRLF.
    private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int] {
        var starts = [0]
        var index = 0
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if isContinuation(byte) { continue }
            index += 1
            if byte == 0x0A || (byte == 0x0D && (position >= bytes.count || bytes[position] != 0x0A)) {
                starts.append(index)
            }
        }
        return starts
    }
}
