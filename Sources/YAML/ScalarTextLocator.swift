/// Finds where a scalar's text begins in the source, for `Node.textOrigin` and `FlatNodeView.textOrigin`.
///
/// libyaml's scalar event starts at the node's first property (`&anchor`, `!tag`) or at the quote or
/// block indicator, and block scalars give no indentation, so the text start is found by reading the
/// few characters after the event's start mark.
enum ScalarTextLocator {
    /// The mark where the text starts and the column its later lines start at.
    static func locate(
        _ scalar: Scalar, hasProperties: Bool, start: RawMark, positions: inout SourcePositions
    ) -> (start: Mark, continuationColumn: Int) {
        // The common cases need no reading.
        if !hasProperties {
            switch scalar.style {
            case .plain:
                let mark = positions.mark(start)
                return (mark, mark.column)
            case .singleQuoted, .doubleQuoted:
                let mark = positions.mark(RawMark(index: start.index + 1, line: start.line, column: start.column + 1))
                return (mark, mark.column)
            case .literal, .folded:
                break
            }
        }
        var walker = SourceWalker(
            bytes: positions.bytes, offset: positions.byteOffset(ofCharacter: start.index), mark: start
        )
        if hasProperties { walker.skipProperties() }
        switch scalar.style {
        case .plain:
            let mark = positions.mark(walker.mark)
            return (mark, mark.column)
        case .singleQuoted, .doubleQuoted:
            walker.advance()
            let mark = positions.mark(walker.mark)
            return (mark, mark.column)
        case .literal, .folded:
            return blockOrigin(text: scalar.text, header: walker, positions: positions)
        }
    }

    /// The first line after the block header, at the block's indentation.
    ///
    /// The indentation is the leading spaces of the first non-blank source line minus the leading
    /// spaces its text kept (non-zero only with an explicit indentation indicator such as `|2`).
    private static func blockOrigin(
        text: String, header: SourceWalker, positions: SourcePositions
    ) -> (start: Mark, continuationColumn: Int) {
        var walker = header
        while !walker.atBreakOrEnd { walker.advance() }
        walker.advance()
        let firstLine = positions.mark(walker.mark)
        guard let keptSpaces = leadingSpacesOfFirstNonBlankLine(text) else {
            return (firstLine, firstLine.column)
        }
        var sourceSpaces = 0
        while true {
            sourceSpaces = 0
            while walker.current == UInt8(ascii: " ") {
                walker.advance()
                sourceSpaces += 1
            }
            guard walker.current != nil else { return (firstLine, firstLine.column) }
            guard walker.atBreakOrEnd else { break }
            walker.advance()
        }
        let column = firstLine.column + max(0, sourceSpaces - keptSpaces)
        return (Mark(line: firstLine.line, column: column), column)
    }

    /// Leading spaces of the first line of `text` that holds anything but spaces; nil if none does.
    private static func leadingSpacesOfFirstNonBlankLine(_ text: String) -> Int? {
        var spaces = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "): spaces += 1
            case UInt8(ascii: "\n"): spaces = 0
            default: return spaces
            }
        }
        return nil
    }
}

/// Reads the UTF-8 input character by character, keeping a libyaml-style mark up to date.
struct SourceWalker {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset: Int
    var mark: RawMark

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    var atBreakOrEnd: Bool { current == nil || breakLength > 0 }

    private var atBlank: Bool { current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") }

    /// The byte length of the line break here (the ones libyaml counts), or 0.
    private var breakLength: Int {
        guard let byte = current else { return 0 }
        switch byte {
        case 0x0A: return 1
        case 0x0D: return offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
        case 0xC2: return offset + 1 < bytes.count && bytes[offset + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard offset + 2 < bytes.count, bytes[offset + 1] == 0x80 else { return 0 }
            return bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9 ? 3 : 0
        default: return 0
        }
    }

    /// Moves past one character (CRLF counts as one line break but two characters, as in libyaml).
    mutating func advance() {
        guard offset < bytes.count else { return }
        let length = breakLength
        if length > 0 {
            let isCRLF = length == 2 && bytes[offset] == 0x0D
            mark.index += isCRLF ? 2 : 1
            mark.line += 1
            mark.column = 0
            offset += length
            return
        }
        offset += 1
        while offset < bytes.count, SourcePositions.isContinuation(bytes[offset]) { offset += 1 }
        mark.index += 1
        mark.column += 1
    }

    /// Skips the anchor and tag in front of a node and the space, comments and breaks after them.
    mutating func skipProperties() {
        while let byte = current, byte == UInt8(ascii: "&") || byte == UInt8(ascii: "!") {
            advance()
            if byte == UInt8(ascii: "&") {
                // libyaml anchor names: ASCII letters, digits, '-' and '_'.
                while let next = current, Self.isAnchorCharacter(next) { advance() }
            } else if current == UInt8(ascii: "<") {
                while current != UInt8(ascii: ">"), !atBreakOrEnd { advance() }
                advance()
            } else {
                while !atBreakOrEnd, !atBlank { advance() }
            }
            skipSeparation()
        }
    }

    private mutating func skipSeparation() {
        while let byte = current {
            if atBlank || breakLength > 0 {
                advance()
            } else if byte == UInt8(ascii: "#") {
                while !atBreakOrEnd { advance() }
            } else {
                return
            }
        }
    }

    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
