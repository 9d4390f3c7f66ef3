import Compliance
import FoundationEssentials
import LedgerAudit
import LedgerTape

/// What a printed script was compiled from (`loancheck sql --manifest FILE`): `loancheck import` reads
/// the engine's result only when the same rules, documents, schema, as-of date and limits compile to
/// the same script again, and the local tape files have the same bytes — stale output is refused.
public struct SQLManifest: Codable, Sendable, Equatable {
    public struct Pack: Codable, Sendable, Equatable {
        public let id: String
        public let version: String
        public let sha256: String
    }

    public struct Stamp: Codable, Sendable, Equatable {
        public let path: String
        public let sha256: String
    }

    public var formatVersion = 1
    public let tool: String
    public let dialect: String
    public let asOf: String
    public let maxFindingsPerRule: Int
    /// SHA-256 of the script: the rules, the institutions' values, the schema and the waivers compiled.
    public let script: String
    public let packs: [Pack]
    /// The local tape files (CSV, Parquet); tables and URIs are the engine's.
    public let tape: [Stamp]

    public init(tool: String, compilation: SQLCompilation, request: LedgerRequest, packs: [RulePack]) {
        self.tool = tool
        dialect = compilation.script.dialect.rawValue
        asOf = request.asOf.description
        maxFindingsPerRule = request.maxFindingsPerRule
        script = SHA256.hex(compilation.script.text)
        var seen = Set<String>()
        self.packs = packs.filter { seen.insert($0.id).inserted }.map { Pack(id: $0.id, version: $0.version, sha256: $0.sha256) }
        tape = compilation.sources.compactMap { source in
            let path: String
            switch source.kind {
            case .localCSV(let local, _): path = local
            case .parquet(let uri) where !uri.contains("://"): path = uri
            default: return nil
            }
            guard let file = try? MappedFile(path: path) else { return Stamp(path: path, sha256: "") }
            return Stamp(path: path, sha256: SHA256.hex(file.bytes))
        }
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func read(_ bytes: [UInt8]) throws -> SQLManifest {
        try JSONDecoder().decode(SQLManifest.self, from: Data(bytes))
    }

    /// What differs between the manifest a result came with and this run's (empty: the result is fresh).
    public func differences(from current: SQLManifest) -> [String] {
        var found: [String] = []
        if dialect != current.dialect { found.append("the dialect was \(dialect), now \(current.dialect)") }
        if asOf != current.asOf { found.append("the as-of date was \(asOf), now \(current.asOf)") }
        if maxFindingsPerRule != current.maxFindingsPerRule {
            found.append("--max-findings-per-rule was \(maxFindingsPerRule), now \(current.maxFindingsPerRule)")
        }
        for pack in current.packs where !packs.contains(pack) {
            found.append("rule pack \(pack.id) \(pack.version) (sha256 \(pack.sha256.prefix(12))…) is not the one the script was compiled from")
        }
        for pack in packs where !current.packs.contains(where: { $0.id == pack.id }) {
            found.append("rule pack \(pack.id) was loaded when the script was compiled, and is not now")
        }
        for stamp in current.tape {
            guard let before = tape.first(where: { $0.path == stamp.path }) else {
                found.append("\(stamp.path) is not a file of the tape the script was compiled for")
                continue
            }
            if before.sha256 != stamp.sha256 { found.append("\(stamp.path) has changed since the script was compiled") }
        }
        if found.isEmpty, script != current.script {
            found.append("the documents, schema or waivers compile to another script now (sha256 \(current.script.prefix(12))…, "
                         + "was \(script.prefix(12))…)")
        }
        return found
    }
}
