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
    public static func locate() -> String? {
        candidates().first { FileManager.default.fileExists(atPath: $0 + "/schema/documents.yaml") }
    }

    /// Every place looked at, in order (shown when nothing is found).
    public static func candidates() -> [String] {
        var result: [String] = []
        if let override = ProcessInfo.processInfo.environment["LOANCHECK_RULES"], !override.isEmpty {
            result.append(override)
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
