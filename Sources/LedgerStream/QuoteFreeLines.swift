#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import LedgerTape

/// The records of a chunk that holds no quote at all: each is one line, and its fields are split at
/// the delimiter. Finding one field of every record is then a few bytes of each line and a `memchr`
/// for its end, not a tokenisation of the whole record (the contributor pass reads only the borrower).
enum QuoteFreeLines {
    /// Calls `body(recordStart, line, field)` for each line of `range` with the byte range of field
    /// `index` (a line with fewer fields gives an empty range at its end).
    static func forEach(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, delimiter: UInt8, field index: Int,
                        _ body: (Int, Int, Range<Int>) throws(CSVSyntaxError) -> Void) throws(CSVSyntaxError) {
        guard let base = bytes.baseAddress else { return }
        let newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        var position = range.lowerBound
        var line = 0
        while position < range.upperBound {
            var lineEnd = range.upperBound
            if let found = memchr(base + position, Int32(newline), range.upperBound - position) {
                lineEnd = base.distance(to: UnsafeRawPointer(found))
            }
            var start = position
            var seen = 0
            while seen < index, start < lineEnd {
                if bytes[start] == delimiter { seen += 1 }
                start += 1
            }
            var end = start
            while end < lineEnd, bytes[end] != delimiter, bytes[end] != carriage { end += 1 }
            try body(position, line, start..<end)
            position = lineEnd + 1
            line += 1
        }
    }
}
