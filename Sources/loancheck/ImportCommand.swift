import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import LedgerAudit
import LedgerSQL
import LedgerStream

/// `loancheck import RESULT --manifest FILE PATH…`: the result of a printed script, run on the user's own
/// cluster, turned into the usual reports — once its manifest shows it belongs to this audit.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Report the result of a `loancheck sql` script run on your own engine (CSV with its header line).",
        discussion: """
            PATH… are the documents and the tape's LedgerSchema the script was compiled from, and --as-of and \
            --max-findings-per-rule must be the same: the manifest written by `loancheck sql --manifest` is \
            checked (packs, tape files, the compiled script) and a stale result is refused (exit 2).
            """
    )

    @Argument(help: "The result: the script's last query as CSV, with its header line.")
    var result: String

    @Option(name: .customLong("manifest"), help: "The manifest `loancheck sql --manifest` wrote with the script.")
    var manifest: String

    @OptionGroup var options: AuditOptions

    func run() throws {
        let resultBytes = try Self.read(result, what: "result")
        let manifestBytes = try Self.read(manifest, what: "manifest")
        let parsed: SQLManifest
        do {
            parsed = try SQLManifest.read(manifestBytes)
        } catch {
            throw CommandSupport.usageError("'\(manifest)' is not a loancheck SQL manifest: \(error)",
                                            hint: "pass the file `loancheck sql --manifest FILE` wrote")
        }
        try options.run {
            SQLEngine(importing: resultBytes, manifest: parsed, tool: "loancheck \(LoanCheck.version)", local: StreamLocalTape())
        }
    }

    private static func read(_ path: String, what: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw CommandSupport.usageError("cannot read the \(what) '\(path)': \(String(cString: strerror(errno)))")
        }
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
}
