import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report or baseline that could not be written: where, and the system's reason (`errno`).
struct OutputError: Error, Sendable {
    /// The path as the user gave it; nil for standard output.
    let path: String?
    let code: Int32
    /// What was being done when it failed, when it is not plain writing (e.g. "rename … to").
    var action: String? = nil
    /// Whether other files of the run were already replaced (a rename failed after others succeeded).
    var replacedSome = false

    /// Standard output closed by its reader (`loancheck audit | head`): the run ends quietly with
    /// `ExitStatus.invalidInput` (README, exit codes).
    var isBrokenPipe: Bool { path == nil && code == EPIPE }

    /// The system's text for the error, e.g. "No space left on device".
    var reason: String { String(cString: strerror(code)) }

    var diagnostic: Diagnostic {
        let place = path.map { "'\($0)'" } ?? "to standard output"
        return .error("cannot \(action ?? "write") \(place): \(reason)", at: nil, hint: hint)
    }

    private var hint: String? {
        let kept = path == nil ? "what was written to standard output is incomplete"
            : replacedSome ? "the files before it were replaced" : "no file of this run was replaced; old reports are unchanged"
        switch code {
        case ENOSPC, EDQUOT: return "the device is full or over quota: free some space and run again (\(kept))"
        case ENOENT: return "the directory '\(directory)' does not exist: create it first"
        case ENOTDIR: return "a part of '\(path ?? "")' is not a directory"
        case EISDIR: return "give the name of a file to write"
        case EACCES, EPERM, EROFS: return "check that '\(directory)' is writable (\(kept))"
        case ENXIO: return "no process is reading the FIFO '\(path ?? "")': start its reader first"
        case EPIPE: return "the reader of '\(path ?? "")' closed it before the report was written"
        default: return kept
        }
    }

    private var directory: String {
        guard let path, let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
