#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Runs an engine's client as a child process: arguments, extra environment, standard input from a
/// file, standard output and error into files (no pipe to drain, so a chatty client cannot block).
struct ProcessRunner {
    struct Outcome: Sendable {
        let status: Int32
        let standardOutput: [UInt8]
        let standardError: String
    }

    /// Why a client could not be run at all.
    struct LaunchError: Error, Sendable {
        let message: String
    }

    /// The first executable named `name` on `PATH`, or `name` itself when it holds a `/`.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, arguments: [String], environment: [String: String] = [:], standardInput: String? = nil,
                    workingDirectory: String) throws(LaunchError) -> Outcome {
        let outPath = workingDirectory + "/stdout"
        let errPath = workingDirectory + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") { env[String(text[..<equals])] = String(text[text.index(after: equals)...]) }
            pointer += 1
        }
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for item in argv { free(item) }
            for item in envp { free(item) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw LaunchError(message: "cannot run '\(executable)': \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw LaunchError(message: "waiting for '\(executable)': \(String(cString: strerror(errno)))") }
        }
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exit, standardOutput: readAll(outPath), standardError: String(decoding: readAll(errPath), as: UTF8.self))
    }

    static func readAll(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// A fresh private directory under `$TMPDIR` (or /tmp).
    static func temporaryDirectory() throws(LaunchError) -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/loancheck-sql-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw LaunchError(message: "cannot create a temporary directory in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Removes a directory made by `temporaryDirectory` and the files in it.
    static func remove(_ directory: String) {
        guard let handle = opendir(directory) else { return }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            if unlink(path) != 0 { remove(path) }
        }
        closedir(handle)
        rmdir(directory)
    }

    /// Writes `text` to `path`.
    static func write(_ text: String, to path: String) throws(LaunchError) {
        guard let file = fopen(path, "wb") else {
            throw LaunchError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var text = text
        let ok = text.withUTF8 { buffer in buffer.isEmpty || fwrite(buffer.baseAddress, 1, buffer.count, file) == buffer.count }
        guard ok else { throw LaunchError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}
