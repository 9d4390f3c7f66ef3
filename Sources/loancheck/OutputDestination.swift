#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one output of a run goes, decided before anything is written.
enum OutputDestination: Sendable, Equatable {
    /// Standard output (a format without an `--output`).
    case standardOutput
    /// An open descriptor named by a path — `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
    /// `/proc/self/fd/N` — written where the shell pointed it (never truncated or replaced).
    case descriptor(Int32, path: String)
    /// An existing FIFO, character device or socket: opened and written in place, since there is no
    /// file to replace (a FIFO with no reader is an error, not a hang).
    case stream(path: String)
    /// A regular file, existing or new: written to a temporary file beside `target` (the file a
    /// symbolic link points to), then renamed over it.
    case file(path: String, target: String)

    /// The destination of `path`; a directory is an error.
    init(path: String) throws(OutputError) {
        if let descriptor = Self.descriptorAlias(path) {
            self = .descriptor(descriptor, path: path)
            return
        }
        if path.isEmpty { throw OutputError(path: path, code: ENOENT) }
        if path.hasSuffix("/") { throw OutputError(path: path, code: EISDIR) }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            // Missing (or unreachable): a new regular file; creating it reports the exact reason.
            self = .file(path: path, target: path)
            return
        }
        var target = path
        if status.st_mode & S_IFMT == S_IFLNK {
            // Replace the file the link points to, not the link (a dangling link is replaced itself).
            guard stat(path, &status) == 0, let resolved = FileIdentity.realPath(path) else {
                self = .file(path: path, target: path)
                return
            }
            target = resolved
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw OutputError(path: path, code: EISDIR)
        case S_IFREG: self = .file(path: path, target: target)
        default: self = .stream(path: path)
        }
    }

    /// The path as the user gave it; nil for standard output.
    var path: String? {
        switch self {
        case .standardOutput: nil
        case .descriptor(_, let path), .stream(let path), .file(let path, _): path
        }
    }

    /// Which file it writes, for finding two outputs on one file; nil for a character device
    /// (`/dev/null`, a terminal), which any number of outputs may share.
    var identity: FileIdentity? {
        var status = stat()
        switch self {
        case .standardOutput:
            guard fstat(1, &status) == 0 else { return nil }
            return status.st_mode & S_IFMT == S_IFCHR ? nil : FileIdentity(descriptor: 1)
        case .descriptor(let descriptor, _):
            guard fstat(descriptor, &status) == 0 else { return nil }
            return status.st_mode & S_IFMT == S_IFCHR ? nil : FileIdentity(descriptor: descriptor)
        case .stream(let path):
            guard stat(path, &status) == 0 else { return nil }
            return status.st_mode & S_IFMT == S_IFCHR ? nil : FileIdentity(path: path)
        case .file(_, let target):
            return FileIdentity(path: target)
        }
    }

    /// Written through a temporary file and a rename (so it is replaced whole or not at all).
    var isReplaced: Bool {
        if case .file = self { return true }
        return false
    }

    /// The descriptor a path such as `/dev/stdout` or `/dev/fd/3` stands for.
    private static func descriptorAlias(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            return Int32(path.dropFirst(prefix.count)).flatMap { $0 >= 0 ? $0 : nil }
        }
        return nil
    }
}
