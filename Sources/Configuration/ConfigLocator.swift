public import Diagnostics
import YAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds `loancheck.yaml` (or `.loancheck.yaml`) upward from the working directory, and the root of
/// the git work tree it is in.
public enum ConfigLocator {
    /// The file names looked for in each directory, in this order.
    public static let fileNames = ["loancheck.yaml", ".loancheck.yaml"]

    /// The root of the git work tree that holds the absolute directory `directory`: the nearest
    /// directory upward with a `.git` entry (a directory, or the file of a linked work tree or a
    /// submodule); nil outside a work tree. Found by name, without running git.
    public static func workTreeRoot(from directory: String) -> String? {
        var current = LexicalPath.normalised(directory)
        while true {
            if exists(current == "/" ? "/.git" : current + "/.git") { return current }
            if current == "/" { return nil }
            current = LexicalPath.parent(current)
        }
    }

    /// The configuration file for a run started in the absolute directory `directory`: the first
    /// directory upward holding one, stopping after the work tree root (or at `/`), so a file
    /// outside the repository never applies. Both names in one directory is an error: which one
    /// applies would be a guess.
    public static func find(from directory: String) throws(DiagnosticList) -> String? {
        let stop = workTreeRoot(from: directory)
        var current = LexicalPath.normalised(directory)
        while true {
            let present = fileNames.map { LexicalPath.join(current, $0) }.filter(isRegularFile)
            if present.count > 1 {
                throw DiagnosticList([.error("both \(present.joined(separator: " and ")) exist", at: nil,
                                             hint: "keep one of them: loancheck reads a single configuration file")])
            }
            if let file = present.first { return file }
            if current == "/" || current == stop { return nil }
            current = LexicalPath.parent(current)
        }
    }

    /// Reads and checks the configuration file at the absolute path `file`; diagnostics name it
    /// relative to `root` when it is under it.
    public static func load(_ file: String, root: String) throws(Failure) -> LoanCheckConfig {
        let name = LexicalPath.relative(file, to: root) ?? file
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(atPath: file, displayPath: name, maxBytes: 1 << 20)
        } catch {
            throw Failure(diagnostics: error.diagnostics, sources: SourceTexts())
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(diagnostics: [.error("'\(name)' is not UTF-8 text", at: nil, hint: "save loancheck.yaml as UTF-8")],
                          sources: SourceTexts())
        }
        // A byte-order mark is not part of the first line (the YAML reader skips it too).
        let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        do {
            return try ConfigReader().read(body, file: file, displayName: name)
        } catch {
            var sources = SourceTexts()
            sources.add(file: name, text: body)
            throw Failure(diagnostics: error.diagnostics, sources: sources)
        }
    }

    /// A configuration file that cannot be used: every problem, and its text to quote them.
    public struct Failure: Error, Sendable {
        public let diagnostics: [Diagnostic]
        public let sources: SourceTexts
    }

    /// Whether `path` exists (any type).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` is a regular file (following links).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
