#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A text cell kept where it is, in its mapped file: millions of loan and borrower ids are hashed and
/// compared without ever becoming `String`s.
public struct TapeText: Sendable, Hashable {
    /// Index of the file in the tape's file list.
    public let file: Int32
    public let length: Int32
    public let offset: Int64
    /// Quoted with `""` inside: compare the unescaped bytes.
    public let escaped: Bool
    public let hash: UInt64

    public init(file: Int32, field: CSVFields.Field, in bytes: UnsafeRawBufferPointer) {
        self.file = file
        offset = Int64(field.start)
        length = Int32(field.end - field.start)
        escaped = field.escaped
        if field.escaped {
            let unescaped = field.bytes(in: bytes)
            hash = unescaped.withUnsafeBytes { TapeHash.hash($0) }
        } else {
            hash = TapeHash.hash(UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end]))
        }
    }

    /// A cell whose hash is known (a compact row's loan id).
    init(file: Int32, offset: Int64, length: Int32, escaped: Bool, hash: UInt64) {
        self.file = file
        self.offset = offset
        self.length = length
        self.escaped = escaped
        self.hash = hash
    }

    /// The unescaped bytes, read from `files`.
    public func bytes(in files: [MappedFile]) -> [UInt8] {
        let buffer = files[Int(file)].bytes
        let field = CSVFields.Field(start: Int(offset), end: Int(offset) + Int(length), quoted: escaped, escaped: escaped)
        return field.bytes(in: buffer)
    }

    public func string(in files: [MappedFile]) -> String { String(decoding: bytes(in: files), as: UTF8.self) }

    /// Whether two cells hold the same text.
    public func sameText(as other: TapeText, in files: [MappedFile]) -> Bool {
        guard hash == other.hash else { return false }
        if !escaped, !other.escaped {
            guard length == other.length else { return false }
            let a = files[Int(file)].bytes, b = files[Int(other.file)].bytes
            let count = Int(length)
            guard count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return count == 0 }
            return memcmp(pa + Int(offset), pb + Int(other.offset), count) == 0
        }
        return bytes(in: files) == other.bytes(in: files)
    }
}

/// A fast 64-bit hash of a cell's bytes (eight bytes at a time; not for security).
public enum TapeHash {
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            h = mix(h ^ word)
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            h = mix(h ^ tail)
        }
        return mix(h)
    }

    /// A 64-bit finaliser (MurmurHash3's): spreads every input bit over the result.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}

/// Ids of loaded documents (institutions, products) by their bytes: a cell is resolved to a small
/// integer code without making a `String`.
public struct IdentifierIndex: Sendable {
    public let ids: [String]
    /// The ids' UTF-8 bytes (compared with a cell without going through `String`).
    private let idBytes: [[UInt8]]
    private let table: [Int32]
    private let mask: Int

    public init(_ ids: [String]) {
        self.ids = ids
        idBytes = ids.map { Array($0.utf8) }
        var capacity = 16
        while capacity < ids.count * 2 { capacity *= 2 }
        var table = [Int32](repeating: -1, count: capacity)
        for (code, id) in ids.enumerated() {
            var slot = Int(Self.hash(Array(id.utf8)) & UInt64(capacity - 1))
            while table[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            table[slot] = Int32(code)
        }
        self.table = table
        mask = capacity - 1
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { TapeHash.hash($0) } }

    /// The code of the id written in `cell`, or nil when no document has it.
    public func code(of cell: UnsafeRawBufferPointer) -> Int32? {
        var slot = Int(TapeHash.hash(cell) & UInt64(mask))
        while true {
            let code = table[slot]
            if code < 0 { return nil }
            let id = idBytes[Int(code)]
            if id.count == cell.count, id.withUnsafeBytes({ $0.elementsEqual(cell) }) { return code }
            slot = (slot + 1) & mask
        }
    }

    public func code(of id: String) -> Int32? {
        Array(id.utf8).withUnsafeBytes { code(of: $0) }
    }
}
