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
/// File names that are not UTF-8 (GBK names from a Windows archive) are kept byte for byte
/// (`PathBytes`), so the file opens and its name is shown as `p\xFF.yaml`.
public struct InputDiscovery: Sendable {
    public init() {}

    /// The files found, and one diagnostic per problem (missing path, symlink loop, unreadable directory).
    public func discover(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var walk = Walk()
        var occurrences: [String: Int] = [:]
        for path in paths {
            var visitedDirectories = Set<FileIdentity>()
            // Arguments that decoded alike (`p\xFE.yaml`, `p\xFF.yaml`) are matched to argv in order.
            let occurrence = occurrences[path, default: 0]
            occurrences[path] = occurrence + 1
            walk.visit(PathBytes.commandLineArgument(path, occurrence: occurrence), explicit: true, known: nil,
                       visited: &visitedDirectories)
        }
        // A file named twice (directly and through its directory, or through a link) is read once: the
        // first path that reaches the device and inode is kept. The inode a directory listing gives can
        // differ from `stat`'s on some file systems (overlayfs), so listing identities are only compared
        // with each other (hard links in one walk); when a second path or a link could reach a file
        // another way, every file is `stat`ed instead.
        if paths.count > 1 || walk.metLink {
            for index in walk.found.indices where walk.found[index].fromListing {
                var info = stat()
                if PathBytes.withFileSystemPath(walk.found[index].path, { stat($0, &info) }) == 0 {
                    walk.found[index].identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                }
            }
        }
        var seen = Set<FileIdentity>()
        let files = walk.found.filter { seen.insert($0.identity).inserted }.map(\.path)
        return (files, walk.diagnostics)
    }

    /// Device and inode: the identity of a file or directory however it is reached.
    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private struct Found {
        let path: String
        var identity: FileIdentity
        /// The identity is the directory listing's inode number, not a `stat`'s.
        let fromListing: Bool
    }

    /// One entry of a directory listing, with the type the file system reported (`DT_UNKNOWN` when it
    /// does not say).
    private struct Entry {
        let name: String
        let type: UInt8
        let inode: UInt64
    }

    private struct Walk {
        var found: [Found] = []
        var diagnostics: [Diagnostic] = []
        /// A symbolic link was followed somewhere.
        var metLink = false

        /// Walks `path`; `known` is its `stat` when the caller already has it.
        mutating func visit(_ path: String, explicit: Bool, known: stat?, visited: inout Set<FileIdentity>) {
            var info = known ?? stat()
            guard known != nil || PathBytes.withFileSystemPath(path, { stat($0, &info) }) == 0 else {
                var linkInfo = stat()
                let isDanglingLink = PathBytes.withFileSystemPath(path, { lstat($0, &linkInfo) }) == 0
                    && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                let reason = errno == ELOOP ? "symbolic link loop" : (isDanglingLink ? "dangling symbolic link" : "no such file or directory")
                diagnostics.append(.error(
                    "cannot read '\(path)': \(reason)", at: nil,
                    hint: explicit ? "check the path on the command line" : "remove the link or point it at a file"))
                return
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                visitDirectory(path, info: info, visited: &visited)
            } else if type == S_IFREG {
                if explicit || InputDiscovery.isYAMLName(path) {
                    found.append(Found(path: path, identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
                                       fromListing: false))
                }
            } else {
                diagnostics.append(.error("'\(path)' is not a regular file or directory", at: nil, hint: nil))
            }
        }

        private mutating func visitDirectory(_ path: String, info: stat, visited: inout Set<FileIdentity>) {
            let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard visited.insert(identity).inserted else {
                diagnostics.append(.error(
                    "symbolic link loop: '\(path)' leads back to a directory already being read", at: nil,
                    hint: "remove the link that points to one of its own parent directories"))
                return
            }
            defer { visited.remove(identity) }
            let directory = PathBytes.withFileSystemPath(path) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            defer { if directory >= 0 { close(directory) } }
            guard directory >= 0, let entries = Self.entries(of: directory) else {
                diagnostics.append(.error("cannot read directory '\(path)'", at: nil, hint: "check its permissions"))
                return
            }
            for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
                // Paths under "." print as `products/a.yaml`, not `./products/a.yaml`.
                let name = entry.name
                let child = path == "." || path == "./" ? name : (path.hasSuffix("/") ? path + name : path + "/" + name)
                // A regular file as the listing says: no `stat` needed (it was most of the time of finding
                // 10,000 files).
                if entry.type == UInt8(DT_REG) {
                    if InputDiscovery.isYAMLName(name) {
                        found.append(Found(path: child, identity: FileIdentity(device: identity.device, inode: entry.inode),
                                           fromListing: true))
                    }
                    continue
                }
                // A link (or an entry of unknown type, which may be one) can reach a file another way.
                if entry.type == UInt8(DT_LNK) || entry.type == UInt8(DT_UNKNOWN) { metLink = true }
                // Looked up relative to the open directory rather than by walking the full path again.
                var childInfo = stat()
                let exists = PathBytes.withFileSystemPath(name) { fstatat(directory, $0, &childInfo, 0) } == 0
                let isLoop = !exists && errno == ELOOP
                let isDirectory = exists && (childInfo.st_mode & S_IFMT) == S_IFDIR
                if isDirectory || InputDiscovery.isYAMLName(name) {
                    visit(child, explicit: false, known: exists ? childInfo : nil, visited: &visited)
                } else if isLoop {
                    diagnostics.append(.error("cannot read '\(child)': symbolic link loop", at: nil,
                                              hint: "remove the link or point it at a file"))
                }
            }
        }

        /// The directory's entries, or nil when it cannot be listed. `directory` stays open.
        private static func entries(of directory: Int32) -> [Entry]? {
            let listing = dup(directory)
            guard listing >= 0 else { return nil }
            guard let stream = fdopendir(listing) else {
                close(listing)
                return nil
            }
            defer { closedir(stream) }
            var entries: [Entry] = []
            while true {
                errno = 0
                guard let entry = readdir(stream) else { return errno == 0 ? entries : nil }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    PathBytes.path(fromBytes: bytes.prefix { $0 != 0 })
                }
                guard name != ".", name != ".." else { continue }
                entries.append(Entry(name: name, type: entry.pointee.d_type, inode: UInt64(entry.pointee.d_ino)))
            }
        }
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
