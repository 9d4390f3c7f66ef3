import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the shipped `Rules/` directory (document schema and rule packs) with no flags, from any
/// working directory.
///
/// Looked for, in order: `$LOANCHECK_RULES`; `share/loancheck/Rules` beside the installed binary
/// (`make install`); `Rules/` next to the binary; the `Rules/` of the source checkout the binary was
/// built from (so `swift run` and `.build/*/loancheck` work from anywhere).
public enum RulesDirectory {
    /// The shipped rules directory, or nil when none of the candidates holds `schema/documents.yaml`.
    /// When `LOANCHECK_RULES` is set it is the only candidate: a wrong path is an error
    /// (`environmentProblem`), never a silent fall-back to other rules.
    public static func locate() -> String? {
        if environmentProblem() != nil { return nil }
        return candidates().first { FileManager.default.fileExists(atPath: $0 + "/schema/documents.yaml") }
    }

    /// Why `LOANCHECK_RULES` cannot be used, when it is set: empty, missing, or without a schema.
    public static func environmentProblem() -> String? {
        guard let value = ProcessInfo.processInfo.environment["LOANCHECK_RULES"] else { return nil }
        if value.isEmpty { return "LOANCHECK_RULES is set but empty" }
        var info = stat()
        guard stat(value, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            return "LOANCHECK_RULES names '\(value)', which is not a directory"
        }
        guard FileManager.default.fileExists(atPath: value + "/schema/documents.yaml") else {
            return "LOANCHECK_RULES names '\(value)', which holds no schema/documents.yaml (not a rules directory)"
        }
        return nil
    }

    /// Every place looked at, in order (shown when nothing is found).
    public static func candidates() -> [String] {
        var result: [String] = []
        if let override = ProcessInfo.processInfo.environment["LOANCHECK_RULES"] {
            return [override]
        }
        if let executable = executablePath() {
            let directory = parent(executable)
            result.append(parent(directory) + "/share/loancheck/Rules")
            result.append(directory + "/Rules")
        }
        // Sources/LoanDomain/Schema/RulesDirectory.swift → the checkout's root.
        let source = "\(#filePath)"
        result.append(parent(parent(parent(parent(source)))) + "/Rules")
        return result
    }

    private static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        return CommandLine.arguments.first
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
