import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path names, to tell two spellings of one file apart from two files: device and inode
/// when it exists (so symbolic and hard links are seen through), else the normalised absolute path
/// (`./a/../x.json` and `x.json` are the same file to be).
enum FileIdentity: Hashable, Sendable {
    case inode(device: UInt64, inode: UInt64)
    case path(String)

    /// What `path` names now.
    init(path: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            self = .inode(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        } else {
            self = .path(Self.normalised(path))
        }
    }

    /// What an open descriptor refers to; nil when it is not open.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self = .inode(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// `path` made absolute, its directory resolved by the file system when it exists (symbolic links
    /// included), else `.` and `..` removed by their text.
    static func normalised(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true)
        if let name = parts.last, name != ".", name != "..",
           let directory = realPath("/" + parts.dropLast().joined(separator: "/")) {
            return (directory == "/" ? "" : directory) + "/" + name
        }
        return LexicalPath.normalised(absolute)
    }

    private static func currentDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    /// The canonical path of an existing file (`realpath(3)`), else nil.
    static func realPath(_ path: String) -> String? {
        guard let buffer = realpath(path, nil) else { return nil }
        defer { free(buffer) }
        return String(cString: buffer)
    }
}
