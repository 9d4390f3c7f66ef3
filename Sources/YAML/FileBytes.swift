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
    /// The file's bytes; `displayPath` names it in the error. A file of more than `maxBytes` is refused
    /// before it is read (or, when its size is not known in advance, as soon as more has been read).
    public static func contents(atPath path: String, displayPath: String, maxBytes: Int = .max) throws(DiagnosticList) -> [UInt8] {
        let descriptor = PathBytes.withFileSystemPath(path) { open($0, O_RDONLY) }
        guard descriptor >= 0 else { throw failure(displayPath, errno) }
        defer { close(descriptor) }

        // Read straight into the result, sized from fstat (+1 to see the end without a second buffer);
        // a file that grows while being read gets more room, up to the limit.
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 && status.st_size > 0 ? Int(status.st_size) : 0
        guard expected <= maxBytes else { throw tooLarge(displayPath, size: expected, limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var filled = 0
        while true {
            guard filled <= maxBytes else { throw tooLarge(displayPath, size: nil, limit: maxBytes) }
            if filled == bytes.count {
                // Never more room than the limit plus the one byte that shows the file is over it.
                bytes.append(contentsOf: repeatElement(0, count: max(1, min(max(4096, bytes.count), maxBytes - filled))))
            }
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

    /// `size`: nil when it only became known while reading (a file that grew, or one `fstat` cannot size).
    private static func tooLarge(_ path: String, size: Int?, limit: Int) -> DiagnosticList {
        let what = size.map { "is \($0) bytes, over" } ?? "is over"
        return DiagnosticList([Diagnostic.error(
            "'\(path)' \(what) the limit of \(limit) bytes for one file", at: nil,
            hint: "product, institution and waiver files are a few KB; split the file, "
                + "or raise the limit with LOANCHECK_MAX_FILE_BYTES=<bytes>")])
    }

    private static func failure(_ path: String, _ code: Int32) -> DiagnosticList {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return DiagnosticList([Diagnostic.error("cannot read '\(path)': \(reason)", at: nil)])
    }
}
