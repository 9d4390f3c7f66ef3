/// File names that are not valid UTF-8, kept losslessly in a `String`.
///
/// A Linux file name is bytes. A ZIP from Windows leaves GBK names (`产品.yaml` as `\xB2\xFA\xC6\xB7…`)
/// that no UTF-8 decoding can represent: decoded with replacement, the name no longer opens the file.
/// loancheck keeps paths as `String`s everywhere (locations, reports, source texts), so a byte that
/// is not part of valid UTF-8 is stored as a private-use stand-in, U+10FE00 + byte (U+10FE80–U+10FEFF),
/// and turned back into the byte when the file is opened. A valid name that itself holds one of those
/// stand-ins has each of its bytes stored the same way, so every byte sequence maps to exactly one
/// string and back. People see the bytes as `\xFF` (`DisplayText`); SARIF URIs percent-encode them.
public enum PathBytes {
    private static let base: UInt32 = 0x10FE00

    /// The path for a file name's bytes (a directory entry, a command-line argument).
    public static func path(fromBytes bytes: some Collection<UInt8>) -> String {
        // Fast path: almost every name is valid UTF-8 without stand-ins.
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: isStandIn) {
            return text
        }
        var out = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var pending = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if isStandIn(scalar) {
                    for byte in encoded { out.append(standIn(for: byte)) }
                } else {
                    out.append(scalar)
                }
                pending = bytes.index(pending, offsetBy: encoded.count)
            case .error(let length):
                // The bytes of an invalid sequence, each kept as itself.
                let end = bytes.index(pending, offsetBy: length)
                for byte in bytes[pending..<end] { out.append(standIn(for: byte)) }
                pending = end
            case .emptyInput:
                return String(out)
            }
        }
    }

    /// The bytes of the file name `path` stands for (without a terminating NUL).
    public static func bytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: isStandIn) else { return Array(path.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if let byte = byte(standingFor: scalar) {
                out.append(byte)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// Calls `body` with the NUL-terminated file name for system calls (`open`, `stat`).
    public static func withFileSystemPath<Result>(
        _ path: String, _ body: (UnsafePointer<CChar>) throws -> Result
    ) rethrows -> Result {
        guard path.unicodeScalars.contains(where: isStandIn) else { return try path.withCString(body) }
        let terminated = bytes(path).map { CChar(bitPattern: $0) } + [0]
        return try body(terminated)
    }

    /// `path` with each stand-in shown as `\xFF` and every other character as it is: the file name in
    /// structured reports (JSON), which escape control characters their own way.
    public static func shown(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: isStandIn) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if let byte = byte(standingFor: scalar) {
                out += "\\x" + String(byte, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The byte a stand-in scalar represents, or nil for any other scalar.
    public static func byte(standingFor scalar: Unicode.Scalar) -> UInt8? {
        isStandIn(scalar) ? UInt8(truncatingIfNeeded: scalar.value - base) : nil
    }

    /// A command-line argument as the user typed it. Swift decodes `argv` with U+FFFD for bytes that are
    /// not UTF-8, which loses the file name; the raw `argv` entries whose decoding is `argument` are
    /// found and the `occurrence`-th of them (0-based: `p\xFE.yaml p\xFF.yaml` both decode to
    /// `p\u{FFFD}.yaml`, and are told apart by their order) is read losslessly. Arguments without
    /// U+FFFD are returned as they are.
    public static func commandLineArgument(_ argument: String, occurrence: Int = 0) -> String {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return argument }
        let argv = CommandLine.unsafeArgv
        var matches: [String] = []
        for index in 1..<Int(max(1, CommandLine.argc)) {
            guard let pointer = argv[index] else { continue }
            let raw = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                          count: cStringLength(pointer))
            if String(decoding: raw, as: UTF8.self) == argument { matches.append(path(fromBytes: raw)) }
        }
        return matches.isEmpty ? argument : matches[min(occurrence, matches.count - 1)]
    }

    private static func isStandIn(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= base + 0x80 && scalar.value <= base + 0xFF
    }

    private static func standIn(for byte: UInt8) -> Unicode.Scalar {
        // Every value in U+10FE80–U+10FEFF is a valid scalar.
        Unicode.Scalar(base + UInt32(byte)) ?? "\u{FFFD}"
    }
}

private func cStringLength(_ pointer: UnsafePointer<CChar>) -> Int {
    var length = 0
    while pointer[length] != 0 { length += 1 }
    return length
}
