import Diagnostics

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads a whole file as bytes with POSIX calls: no Foundation needed, failures carry the system's own
/// reason ("No such file or directory", "Is a directory"), and a path holding the bytes of a name that
/// is not UTF-8 (`PathBytes`) opens that file.
public enum FileBytes {
    /// The file's bytes; `displayPath` names it in the error.
    public static func contents(atPath path: String, displayPath: String) throws(DiagnosticList) -> [UInt8] {
        let descriptor = PathBytes.withFileSystemPath(path) { open($0, O_RDONLY) }
        guard descriptor >= 0 else { throw failure(displayPath, errno) }
        defer { close(descriptor) }

        // Read straight into the result, sized from fstat (+1 to see the end without a second buffer);
        // a file that grows while being read gets more room.
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 && status.st_size > 0 ? Int(status.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(descriptor, base + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(displayPath, errno)
            }
            if count == 0 {
                bytes.removeSubrange(filled...)
                return bytes
            }
            filled += count
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> DiagnosticList {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return DiagnosticList([Diagnostic.error("cannot read '\(path)': \(reason)", at: nil)])
    }
}
