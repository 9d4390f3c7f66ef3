import Dispatch

/// Cuts a CSV buffer into ranges that each start at a record boundary, so several threads can scan
/// one file.
///
/// A line break inside a quoted field is not a boundary. In RFC 4180 every quote belongs to a quoted
/// field (a quote is written `""` inside one), so a position is inside a quoted field exactly when an
/// odd number of quotes precede it: the quotes of each slice are counted on all cores, and each cut
/// moves forward to the first line feed with an even number of quotes before it. A file with a stray
/// quote in an unquoted field (itself a syntax error) can be cut wrongly; `TableScan` then rescans it
/// on one thread so that the error it reports is the first one in the file.
public enum RecordSplitter {
    /// Up to `parts` ranges covering `bytes[start...]`, in order, each starting at a record boundary.
    /// Small buffers are not split.
    public static func split(_ bytes: UnsafeRawBufferPointer, from start: Int, parts: Int,
                             minimumPartSize: Int = 1 << 20) -> [Range<Int>] {
        let total = bytes.count - start
        let count = max(1, min(parts, total / max(1, minimumPartSize)))
        guard count > 1 else { return [start..<bytes.count] }
        let slice = total / count
        let nominal = (0...count).map { $0 == count ? bytes.count : start + $0 * slice }
        // Quotes in each slice, counted in parallel.
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { counts.deallocate() }
        // Each iteration writes its own element and only reads the (immutable) buffer.
        nonisolated(unsafe) let results = counts
        nonisolated(unsafe) let source = bytes
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results[index] = quotes(in: source, nominal[index]..<nominal[index + 1])
        }
        var cuts = [start]
        var parity = 0
        for index in 1..<count {
            parity = (parity + counts[index - 1]) & 1
            // From the nominal cut, find the first line feed after which the quote count is even.
            var position = nominal[index]
            var localParity = parity
            var found: Int?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    localParity ^= 1
                } else if byte == UInt8(ascii: "\n"), localParity == 0 {
                    found = position + 1
                    break
                }
                position += 1
            }
            guard let cut = found, cut > cuts[cuts.count - 1], cut < bytes.count else { continue }
            cuts.append(cut)
        }
        cuts.append(bytes.count)
        // Drop empty ranges (two nominal cuts that moved to the same record).
        var ranges: [Range<Int>] = []
        for index in 0..<(cuts.count - 1) where cuts[index] < cuts[index + 1] {
            ranges.append(cuts[index]..<cuts[index + 1])
        }
        return ranges
    }

    /// Quotes in `range`, eight bytes at a time: a byte of `word ^ 0x2222…` is zero exactly where a
    /// quote is, and `~(((x & 0x7F…) + 0x7F…) | x | 0x7F…)` sets the top bit of exactly the zero bytes.
    private static func quotes(in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        let quotes: UInt64 = 0x2222_2222_2222_2222, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            let x = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ quotes
            count += (~(((x & low) &+ low) | x | low)).nonzeroBitCount
            index += 8
        }
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "\"") { count += 1 }
            index += 1
        }
        return count
    }
}
