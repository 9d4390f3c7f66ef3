/// The fields of one CSV record, as byte ranges into the scanned buffer (reused from record to record,
/// so scanning allocates nothing per row).
public struct CSVFields: Sendable {
    /// One field: `[start, end)` in the buffer, without its quotes; `escaped` when it holds `""`.
    public struct Field: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var quoted: Bool
        public var escaped: Bool

        public init(start: Int, end: Int, quoted: Bool, escaped: Bool) {
            self.start = start
            self.end = end
            self.quoted = quoted
            self.escaped = escaped
        }
    }

    public private(set) var fields: ContiguousArray<Field> = []
    /// The byte offset where the record starts.
    public internal(set) var recordStart = 0
    /// The line the record starts on, counted from the scanned range's first line (0-based).
    public internal(set) var line = 0

    public init() { fields.reserveCapacity(32) }

    public var count: Int { fields.count }

    public subscript(index: Int) -> Field { fields[index] }

    mutating func reset(start: Int, line: Int) {
        fields.removeAll(keepingCapacity: true)
        recordStart = start
        self.line = line
    }

    mutating func append(_ field: Field) { fields.append(field) }
}

/// A CSV syntax error: where, what, and how to fix it.
public struct CSVSyntaxError: Error, Sendable, Hashable {
    /// Byte offset in the buffer.
    public let offset: Int
    public let message: String
    public let hint: String?

    public init(offset: Int, message: String, hint: String?) {
        self.offset = offset
        self.message = message
        self.hint = hint
    }
}

/// Splits a byte range into RFC 4180 records: fields separated by `delimiter`, records by LF or CRLF,
/// fields optionally in double quotes with `""` for a quote (quoted fields may hold delimiters and line
/// breaks). Strict: a quote inside an unquoted field, text after a closing quote, a lone carriage return
/// and an unterminated quote are errors, never guessed at.
public struct CSVScanner {
    private let base: UnsafeRawBufferPointer
    public private(set) var position: Int
    private let end: Int
    private let delimiter: UInt8
    /// Lines consumed before the next record (0-based from the range's start).
    public private(set) var line: Int
    /// A quote was read: records may span lines (a chunk without one is a line per record).
    public private(set) var sawQuote = false

    /// Scans `bytes[range]`, which must start at a record boundary.
    public init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, delimiter: UInt8 = UInt8(ascii: ",")) {
        base = bytes
        position = range.lowerBound
        end = range.upperBound
        self.delimiter = delimiter
        line = 0
    }

    public var isAtEnd: Bool { position >= end }

    /// Reads the next record into `fields`; false at the end of the range.
    public mutating func next(into fields: inout CSVFields) throws(CSVSyntaxError) -> Bool {
        guard position < end else { return false }
        fields.reset(start: position, line: line)
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        while true {
            if position < end, base[position] == quote {
                // Quoted field.
                sawQuote = true
                let opening = position
                position += 1
                let start = position
                var escaped = false
                while true {
                    guard position < end else {
                        throw CSVSyntaxError(offset: opening, message: "a quoted field is not closed",
                                             hint: "end the field with a double quote; write a quote inside it as \"\"")
                    }
                    let byte = base[position]
                    if byte == quote {
                        if position + 1 < end, base[position + 1] == quote {
                            escaped = true
                            position += 2
                            continue
                        }
                        break
                    }
                    if byte == newline { line += 1 }
                    position += 1
                }
                fields.append(CSVFields.Field(start: start, end: position, quoted: true, escaped: escaped))
                position += 1  // the closing quote
                guard position < end else { return true }
                let after = base[position]
                if after == delimiter {
                    position += 1
                    continue
                }
                if after == newline {
                    position += 1
                    line += 1
                    return true
                }
                if after == carriage, position + 1 < end, base[position + 1] == newline {
                    position += 2
                    line += 1
                    return true
                }
                throw CSVSyntaxError(offset: position, message: "unexpected text after a closing quote",
                                     hint: "a quoted field ends at its closing quote; write a quote inside it as \"\"")
            }
            // Unquoted field: up to the delimiter or the end of the line.
            let start = position
            while position < end {
                let byte = base[position]
                if byte == delimiter || byte == newline { break }
                if byte == quote {
                    throw CSVSyntaxError(offset: position, message: "a quote inside an unquoted field",
                                         hint: "quote the whole field and double the quote: \"a\"\"b\"")
                }
                if byte == carriage {
                    if position + 1 < end, base[position + 1] == newline { break }
                    throw CSVSyntaxError(offset: position, message: "a carriage return that does not end a line",
                                         hint: "end lines with LF or CRLF, or quote a field that holds a line break")
                }
                position += 1
            }
            fields.append(CSVFields.Field(start: start, end: position, quoted: false, escaped: false))
            guard position < end else { return true }
            let byte = base[position]
            if byte == delimiter {
                position += 1
                // A delimiter at the very end of the range still opens an (empty) last field.
                if position == end {
                    fields.append(CSVFields.Field(start: position, end: position, quoted: false, escaped: false))
                    return true
                }
                continue
            }
            if byte == carriage { position += 1 }
            position += 1  // the line feed
            line += 1
            return true
        }
    }
}

extension CSVFields.Field {
    /// The field's bytes, `""` turned back into `"`.
    public func bytes(in buffer: UnsafeRawBufferPointer) -> [UInt8] {
        guard escaped else { return Array(buffer[start..<end]) }
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var index = start
        while index < end {
            result.append(buffer[index])
            index += buffer[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return result
    }

    /// The field as text (invalid UTF-8 replaced; callers that need strict text check `isValidUTF8`).
    public func text(in buffer: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes(in: buffer), as: UTF8.self)
    }

    public var isEmpty: Bool { start == end }
}
