#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outputs of one run, written all or nothing.
///
/// A regular file is written to a temporary file in its own directory (`.NAME.loancheck-tmp-PID`),
/// flushed to disk, and renamed over its target only once every output of the run has been written:
/// a full disk, a missing directory or a kill never leaves a truncated report, and never replaces some
/// outputs of a run but not the others. A kill can leave a temporary file behind; the old report
/// stays intact beside it.
struct OutputTransaction {
    private struct Staged {
        let path: String
        let temporary: String
        let target: String
    }

    private var staged: [Staged] = []

    private init() {}

    /// Runs `body`, then replaces every staged file; on any failure the temporaries not yet renamed
    /// are removed.
    static func perform(_ body: (inout OutputTransaction) throws -> Void) throws {
        var transaction = OutputTransaction()
        defer { transaction.discard() }
        try body(&transaction)
        try transaction.commit()
    }

    /// Writes `text` to `destination`: a regular file is staged (see the type's documentation),
    /// anything else is written at once.
    mutating func write(_ text: String, to destination: OutputDestination) throws(OutputError) {
        try write(OutputContent.text(text), to: destination)
    }

    /// Writes `content` to `destination`, as `write(_:to:)` writes text.
    mutating func write(_ text: OutputContent, to destination: OutputDestination) throws(OutputError) {
        switch destination {
        case .standardOutput: try FileOutput.standardOutput.write(text)
        case .descriptor(let descriptor, let path): try FileOutput(descriptor: descriptor).write(text, path: path)
        case .stream(let path): try Self.writeStream(text, path: path)
        case .file(let path, let target): try stage(text, path: path, target: target)
        }
    }

    private mutating func stage(_ text: OutputContent, path: String, target: String) throws(OutputError) {
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let temporary = "\(directory).\(name).loancheck-tmp-\(getpid())"
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(temporary, flags, 0o644)
        if descriptor < 0, errno == EEXIST {
            // Left by an earlier run that was killed and had the same process id.
            unlink(temporary)
            descriptor = open(temporary, flags, 0o644)
        }
        guard descriptor >= 0 else { throw OutputError(path: path, code: errno) }
        staged.append(Staged(path: path, temporary: temporary, target: target))
        // The replacement keeps the permissions of the file it replaces.
        var status = stat()
        if stat(target, &status) == 0 { fchmod(descriptor, status.st_mode & 0o7777) }
        do {
            try FileOutput(descriptor: descriptor).write(text, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        // Flushed before the rename, so a crash after it cannot leave an empty or partial file in place.
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw OutputError(path: path, code: code)
        }
        guard close(descriptor) == 0 else { throw OutputError(path: path, code: errno) }
    }

    private static func writeStream(_ text: OutputContent, path: String) throws(OutputError) {
        // Non-blocking open: a FIFO that nobody reads fails with ENXIO instead of waiting forever.
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError(path: path, code: errno) }
        defer { close(descriptor) }
        // Then blocking writes, so a slow reader gets the whole report.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        try FileOutput(descriptor: descriptor).write(text, path: path)
    }

    private mutating func commit() throws(OutputError) {
        var directories: Set<String> = []
        while let item = staged.first {
            guard rename(item.temporary, item.target) == 0 else {
                var error = OutputError(path: item.path, code: errno, action: "replace")
                error.replacedSome = !directories.isEmpty
                throw error
            }
            staged.removeFirst()
            let slash = item.target.lastIndex(of: "/")
            directories.insert(slash.map { String(item.target[...$0]) } ?? ".")
        }
        // The renames themselves reach the disk with their directories. Some file systems refuse
        // fsync on a directory; the files are written either way, so that is not an error.
        for directory in directories {
            let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
        }
    }

    /// Removes the temporaries not renamed yet.
    private mutating func discard() {
        for item in staged { unlink(item.temporary) }
        staged = []
    }
}
