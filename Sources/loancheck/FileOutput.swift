#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to standard output or standard error without buffering surprises between the two.
struct FileOutput: Sendable {
    let descriptor: Int32

    static let standardOutput = FileOutput(descriptor: 1)
    static let standardError = FileOutput(descriptor: 2)

    func write(_ text: String) {
        _ = write(contentsOf: text)
    }

    /// Writes all of `text`; false when the descriptor refuses it.
    func write(contentsOf text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `text` to a new (or truncated) file at `path`; false when it cannot be written.
    static func writeFile(atPath path: String, contents text: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = FileOutput(descriptor: descriptor).write(contentsOf: text)
        return close(descriptor) == 0 && written
    }

    /// Whether this stream is a terminal and colour is allowed (`NO_COLOR` unset or empty).
    var supportsColor: Bool {
        guard isatty(descriptor) == 1 else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }
}
