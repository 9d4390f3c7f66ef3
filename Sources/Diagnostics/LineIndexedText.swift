import Synchronization

/// One file's text, with the start of every 64th line found the first time a line is asked for.
///
/// A lookup then walks at most 64 lines from the nearest start, whatever the line number, and the index
/// costs 8 bytes per 64 lines. Splitting the whole text into lines for every quoted line made a text
/// report of 10,000 findings in one 4 MB file take 20 s, and one error at the end of 120 MB of blank
/// lines take 4 GB.
final class LineIndexedText: Sendable {
    let text: String
    /// UTF-8 offsets where lines 1, 65, 129, … start; nil until a line is first asked for.
    private let checkpoints = Mutex<[Int]?>(nil)
    private static let stride = 64

    init(_ text: String) {
        self.text = text
    }

    /// The 1-based `number`th line without its terminator (LF, CRLF or a lone CR, as YAML counts lines);
    /// after a final line break there is one more, empty line.
    func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let starts = checkpoints.withLock { cached in
            if let cached { return cached }
            let built = Self.checkpoints(of: self.text)
            cached = built
            return built
        }
        let slot = (number - 1) / Self.stride
        guard slot < starts.count else { return nil }
        var contiguous = self.text
        let bounds = contiguous.withUTF8 { bytes -> (start: Int, end: Int)? in
            var start = starts[slot]
            for _ in 0..<(number - 1) % Self.stride {
                guard let next = Self.nextLineStart(in: bytes, from: start) else { return nil }
                start = next
            }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            return (start, end)
        }
        guard let bounds else { return nil }
        let utf8 = text.utf8
        // Line breaks are ASCII, so both offsets fall on character boundaries.
        return text[utf8.index(utf8.startIndex, offsetBy: bounds.start)..<utf8.index(utf8.startIndex, offsetBy: bounds.end)]
    }

    /// Where the line after the one holding `offset` starts, nil when that line is the last.
    private static func nextLineStart(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { return index + 1 }
            if byte == 0x0D { return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1 }
            index += 1
        }
        return nil
    }

    private static func checkpoints(of text: String) -> [Int] {
        var contiguous = text
        return contiguous.withUTF8 { bytes in
            var starts = [0]
            var line = 1
            var offset = 0
            while let next = nextLineStart(in: bytes, from: offset) {
                line += 1
                offset = next
                if (line - 1) % stride == 0 { starts.append(offset) }
            }
            return starts
        }
    }
}
