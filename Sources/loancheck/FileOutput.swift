#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to a file descriptor (standard output, or a file opened by `OutputTransaction`) with
/// every failure reported: a report cut short by a full disk or a closed pipe must never look complete.
struct FileOutput: Sendable {
    let descriptor: Int32

    static let standardOutput = FileOutput(descriptor: 1)
    /// Standard error is where failures are reported, so its own failures are ignored (see `ErrorOutput`).
    static let standardError = ErrorOutput()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes all of `text`, retrying short writes and interrupted calls; `path` names the destination
    /// in the error (nil: standard output).
    func write(_ text: String, path: String? = nil) throws(OutputError) {
        try write(OutputContent.text(text), path: path)
    }

    /// Writes all of `content` (see `write(_:path:)` for text).
    func write(_ content: OutputContent, path: String? = nil) throws(OutputError) {
        let failure: Int32? = content.withBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                // write(2) returns 0 only for a zero-length request; treat it as a full device rather than loop.
                if written == 0 { return ENOSPC }
                offset += written
            }
            return nil
        }
        if let failure { throw OutputError(path: path, code: failure) }
    }

    /// Whether to colour this stream: `--color always|never`, else a terminal with colour allowed
    /// (`NO_COLOR` unset or empty).
    var supportsColor: Bool { Self.supportsColor(descriptor) }

    static func supportsColor(_ descriptor: Int32) -> Bool {
        switch ColorMode.current {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        guard isatty(descriptor) == 1 else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }
}

/// Standard error: diagnostics and notices. A failed write here has nowhere left to be reported, so it
/// is ignored; the exit status still tells.
struct ErrorOutput: Sendable {
    func write(_ text: String) {
        try? FileOutput(descriptor: 2).write(text)
    }

    var supportsColor: Bool { FileOutput.supportsColor(2) }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafePointer<UInt8>?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
