import Diagnostics

/// Checks a file's bytes before parsing: UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
/// past U+10FFFF) without NUL bytes.
///
/// libyaml does reject both, but reports only a byte offset, and for a truncated sequence points at
/// the byte after it; this finds the first bad sequence's own line and column.
enum EncodingCheck {
    enum Problem: Equatable {
        case nul
        /// The first byte of a sequence that is not valid UTF-8.
        case invalidUTF8(UInt8)
    }

    /// An error for the first problem in `bytes`, or nil if they are fine.
    static func diagnostic(for bytes: UnsafeBufferPointer<UInt8>, file: String) -> Diagnostic? {
        guard let (offset, problem) = firstProblem(in: bytes) else { return nil }
        let start = SourcePositions.hasByteOrderMark(bytes) ? 3 : 0
        let mark = SourcePositions.mark(atByteOffset: offset, in: bytes, from: start)
        let location = SourceLocation(file: file, line: mark.line, column: mark.column)
        switch problem {
        case .nul:
            return LibYAMLDiagnostics.nulByte(at: location)
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            let utf16 = bytes.count >= 2 && ((bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF))
            let hint =
                utf16
                ? "the file looks like UTF-16; save it as UTF-8"
                : "save the file as UTF-8 (GBK text converts with `iconv -f GB18030 -t UTF-8`)"
            return .error(
                "invalid UTF-8 (byte 0x\(hex))", at: location, hint: hint
            )
        }
    }

    /// The byte offset and kind of the first problem, or nil.
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, problem: Problem)? {
        var position = 0
        let count = bytes.count
        while position < count {
            let lead = bytes[position]
            if lead < 0x80 {
                if lead == 0 { return (position, .nul) }
                position += 1
                continue
            }
            // The valid range of the second byte depends on the lead byte; later bytes are 80...BF.
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return (position, .invalidUTF8(lead))
            }
            guard position + length <= count, secondRange.contains(bytes[position + 1]) else {
                return (position, .invalidUTF8(lead))
            }
            for next in (position + 2)..<(position + length) where !SourcePositions.isContinuation(bytes[next]) {
                return (position, .invalidUTF8(lead))
            }
            position += length
        }
        return nil
    }
}
