import Diagnostics
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the YAML files named on the command line: files as given, directories recursively
/// (`*.yaml`, `*.yml` in any letter case, sorted by path so every run reads them in the same order).
///
/// Symbolic links are followed, but a directory reached twice through links (a loop) is reported
/// instead of being walked forever; a path that does not exist is an error, never silently skipped.
public struct InputDiscovery: Sendable {
    public init() {}

    /// The files found, and one diagnostic per problem (missing path, symlink loop, unreadable directory).
    public func discover(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var found: [(path: String, identity: FileIdentity)] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            var visitedDirectories = Set<FileIdentity>()
            walk(path, explicit: true, known: nil, visited: &visitedDirectories, files: &found, diagnostics: &diagnostics)
        }
        // A file named twice (directly and through its directory, or through a link) is read once: the
        // first path that reaches the device and inode is kept.
        var seen = Set<FileIdentity>()
        let files = found.filter { seen.insert($0.identity).inserted }.map(\.path)
        return (files, diagnostics)
    }

    /// Device and inode: the identity of a directory however it is reached.
    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// Walks `path`; `known` is its `stat` when the caller already has it.
    private func walk(
        _ path: String, explicit: Bool, known: stat?, visited: inout Set<FileIdentity>,
        files: inout [(path: String, identity: FileIdentity)], diagnostics: inout [Diagnostic]
    ) {
        var info = known ?? stat()
        guard known != nil || stat(path, &info) == 0 else {
            var linkInfo = stat()
            let isDanglingLink = lstat(path, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
            let reason = errno == ELOOP ? "symbolic link loop" : (isDanglingLink ? "dangling symbolic link" : "no such file or directory")
            diagnostics.append(.error(
                "cannot read '\(path)': \(reason)", at: nil,
                hint: explicit ? "check the path on the command line" : "remove the link or point it at a file"))
            return
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard visited.insert(identity).inserted else {
                diagnostics.append(.error(
                    "symbolic link loop: '\(path)' leads back to a directory already being read", at: nil,
                    hint: "remove the link that points to one of its own parent directories"))
                return
            }
            defer { visited.remove(identity) }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                diagnostics.append(.error("cannot read directory '\(path)'", at: nil, hint: "check its permissions"))
                return
            }
            // Entries are looked up relative to the open directory: a `stat` of the full path walks every
            // component of it again, which was most of the time of finding 10,000 files.
            let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if directory >= 0 { close(directory) } }
            for name in entries.sorted() where !name.hasPrefix(".") {
                // Paths under "." print as `products/a.yaml`, not `./products/a.yaml`.
                let child = path == "." || path == "./" ? name : (path.hasSuffix("/") ? path + name : path + "/" + name)
                var childInfo = stat()
                let exists = (directory >= 0 ? fstatat(directory, name, &childInfo, 0) : stat(child, &childInfo)) == 0
                let isDirectory = exists && (childInfo.st_mode & S_IFMT) == S_IFDIR
                if isDirectory || Self.isYAMLName(name) {
                    walk(child, explicit: false, known: exists ? childInfo : nil, visited: &visited, files: &files,
                         diagnostics: &diagnostics)
                } else if lstatIsLink(child), stat(child, &childInfo) != 0, errno == ELOOP {
                    diagnostics.append(.error("cannot read '\(child)': symbolic link loop", at: nil,
                                              hint: "remove the link or point it at a file"))
                }
            }
        } else if type == S_IFREG {
            if explicit || Self.isYAMLName(path) {
                files.append((path, FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))))
            }
        } else {
            diagnostics.append(.error("'\(path)' is not a regular file or directory", at: nil, hint: nil))
        }
    }

    private func lstatIsLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether a file name has a YAML extension, in any case (`.yaml`, `.yml`, `.YAML`, `.Yml`…): a
    /// product file saved as `P.YAML` is audited rather than silently left out of a directory walk.
    public static func isYAMLName(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let suffix = name.utf8[name.utf8.index(after: dot)...]
        guard suffix.count == 3 || suffix.count == 4 else { return false }
        // ASCII case folding: bytes of other scripts never match.
        let lowered = suffix.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return lowered.elementsEqual("yaml".utf8) || lowered.elementsEqual("yml".utf8)
    }
}
