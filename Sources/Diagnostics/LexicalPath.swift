/// Paths resolved by name, without the file system: `.` and `..` removed, repeated and trailing
/// slashes dropped. Report paths and glob matching use this form, so `products/../products/a.yaml`,
/// `./products/a.yaml` and `products//a.yaml` are all `products/a.yaml` (a symbolic link followed by
/// `..` is taken by name, as `git` and most shells' `cd` do).
public enum LexicalPath {
    /// `path` made absolute against the absolute directory `base`, then normalised.
    public static func absolute(_ path: String, from base: String) -> String {
        normalised(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// An absolute path without `.`, `..`, empty components or a trailing slash (`/` stays `/`); `..`
    /// above the root stays at the root.
    public static func normalised(_ absolutePath: String) -> String {
        var parts: [Substring] = []
        for part in absolutePath.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` normalised without making it absolute: `./a/../b//c` is `b/c`; a leading `..` that cannot
    /// be resolved by name stays (`../x`); `.` for an empty result.
    public static func tidy(_ path: String) -> String {
        if path.hasPrefix("/") { return normalised(path) }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The absolute normalised `path` relative to the directory `root`: `.` for the root itself, nil
    /// when the path is outside it.
    public static func relative(_ path: String, to root: String) -> String? {
        if path == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// The directory that holds `path` (`/` for a top-level entry and for `/` itself).
    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` joined to `directory` (`directory` may be `.`).
    public static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
