import Diagnostics

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads a whole file as bytes with POSIX calls: no Foundation needed, and failures carry the
/// system's own reason ("No such file or directory", "Is a directory").
enum FileBytes {
    static func contents(atPath path: String, displayPath: String) throws(DiagnosticList) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(displayPath, errno) }
        defer { close(descriptor) }

        var bytes: [UInt8] = []
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size > 0 {
            bytes.reserveCapacity(Int(status.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(displayPath, errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> DiagnosticList {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return DiagnosticList([Diagnostic.error("cannot read '\(path)': \(reason)", at: nil)])
    }
}
