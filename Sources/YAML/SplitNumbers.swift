import Diagnostics

/// Amounts with thousands separators written in a flow mapping: in `{min: 1,000, max: 300,000}` YAML
/// reads each comma as the end of an entry, so the mapping holds `min: 1`, a key `000`, `max: 300` and
/// a key `000` again — reported as a duplicate key or an unknown field, neither of which says why.
///
/// A key of digit groups written right after a comma that follows a number (`1,000`: no space) is
/// taken as the rest of that number; the whole run is reported once, at the number.
struct SplitNumbers {
    /// One number cut at its commas: where it starts, its text as written, and where its last part ends.
    struct Split {
        let start: Mark
        var text: String
        var end: Mark
    }

    private(set) var splits: [Split] = []

    /// Whether `key`, the next key of a flow mapping, continues a number cut at a comma: `previous` is
    /// the entry before it. A continuation is recorded and needs no other check (it is no real key).
    mutating func continues(_ key: FlatNode, after previous: (key: FlatNode, value: FlatNode)?) -> Bool {
        guard let previous, key.kind == .scalar, key.style == .plain, Self.isDigitGroup(key.text) else { return false }
        if var last = splits.last, last.end == previous.key.end, previous.value.isImplicitNull,
           Self.follows(key, after: last.end) {
            last.text += "," + key.text
            last.end = key.end
            splits[splits.count - 1] = last
            return true
        }
        let value = previous.value
        guard value.kind == .scalar, value.style == .plain,
              let lastScalar = value.text.unicodeScalars.last, ("0"..."9").contains(lastScalar),
              value.text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "," || $0 == "." }),
              Self.follows(key, after: value.end) else { return false }
        splits.append(Split(start: value.start, text: value.text + "," + key.text, end: key.end))
        return true
    }

    func diagnostics(file: String) -> [Diagnostic] {
        splits.map { split in
            let parts = split.text.split(separator: ",")
            let whole = parts.joined()
            var hint = "quote it (\"\(split.text)\") or write it without commas (\(whole))"
            if let number = Int(whole), number >= 10_000, number % 10_000 == 0 {
                hint += number % 100_000_000 == 0 ? ", or \(number / 100_000_000)亿" : ", or \(number / 10_000)万"
            }
            return .error(
                "a comma separates entries in {…}: '\(split.text)' was read as \(parts[0]) and a key '\(parts[1])'",
                at: SourceLocation(file: file, line: split.start.line, column: split.start.column), hint: hint)
        }
    }

    /// Three digits, optionally with decimals or a Chinese unit after them (`000`, `000.50`, `000元`).
    private static func isDigitGroup(_ text: String) -> Bool {
        // On the UTF-8 bytes: every key of a flow mapping is asked, and the scalars array this was
        // written with was an allocation per key.
        let bytes = text.utf8
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes.count >= 3, bytes.prefix(3).allSatisfy(isDigit) else { return false }
        let rest = bytes.dropFirst(3)
        if rest.isEmpty || ["万", "亿", "元"].contains(where: { $0.utf8.elementsEqual(rest) }) { return true }
        guard rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }

    /// `key` starts right after a comma that directly follows `end` (no space either side).
    private static func follows(_ key: FlatNode, after end: Mark) -> Bool {
        key.start.line == end.line && key.start.column == end.column + 1
    }
}
