import Foundation
import LoanCheckTestSupport
import Testing

/// Report paths are relative to the source root (the git work tree root by default), normalised,
/// whatever directory loancheck runs from (issue 20, item 3).
@Suite(.serialized) struct ReportPathTests {
    typealias L = LoanCheckBinary

    /// Every `"uri": "…"` of a SARIF text, in order.
    static func uris(_ sarif: String) -> [String] {
        sarif.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "\"uri\" : \"") ?? line.range(of: "\"uri\": \"") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func pathsAreRelativeToTheWorkTreeRootFromAnySubdirectory() throws {
        let root = try ConfigFileTests.repository(config: "exclude: [docker-compose.yml]\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try L.run(["audit", "../products/../institutions/./../products", "../institutions", "../waivers", "../ledger", "../ledger-east",
                                "--as-of", "2026-11-22", "--format", "sarif", "--output", "../../out.sarif",
                                "--format", "junit", "--output", "out.xml", "--format", "github"],
                               in: root + "/compliance/products")
        #expect(result.status == 1, "\(result.stderr)")
        let sarif = try String(contentsOfFile: root + "/out.sarif", encoding: .utf8)
        let uris = Self.uris(sarif)
        #expect(uris.contains("compliance/products/xl-big-line.yaml"))
        #expect(uris.contains("compliance/ledger/loans.csv"))
        for uri in uris where uri.hasPrefix("file://") {
            #expect(uri == "file://\(root)/", "only %SRCROOT% is absolute")
        }
        for uri in uris where !uri.hasPrefix("file://") {
            #expect(FileManager.default.fileExists(atPath: root + "/" + uri), "\(uri)")
            #expect(!uri.contains("..") && !uri.hasPrefix("./"), "\(uri)")
        }
        let annotations = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        #expect(annotations.first?.hasPrefix("::error file=compliance/institutions/huaxia-cfc.yaml,line=10,col=15,title=CN-CFC-CAPITAL::") == true)
        for annotation in annotations {
            let file = annotation.dropFirst("::error file=".count).prefix { $0 != "," }
            #expect(FileManager.default.fileExists(atPath: root + "/" + file), "\(annotation.prefix(120))")
        }
        // The output named from the subdirectory went there.
        let junit = try String(contentsOfFile: root + "/compliance/products/out.xml", encoding: .utf8)
        #expect(junit.contains("error: compliance/products/xl-big-line.yaml:"))
        #expect(!junit.contains("../"))
    }

    @Test func sourceRootFromTheFlagOrTheFile() throws {
        let root = try ConfigFileTests.repository(config: "exclude: [docker-compose.yml]\nsource_root: compliance\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let args = ["audit", "--as-of", "2026-11-22", "--format", "github"]
        let fromFile = try L.run(args, in: root + "/compliance/products")
        // No path given: the repository of loancheck.yaml is audited, named from compliance/.
        #expect(fromFile.stdout.hasPrefix("::error file=institutions/huaxia-cfc.yaml,line=10,col=15,"), "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("::error file=products/xl-big-line.yaml,line=10,col=29,"))
        // A group's largest loans are named by their rows' files from the source root too.
        #expect(fromFile.stdout.contains("largest: TL-2024-0201 ¥120,000 (ledger/loans.csv:5)"), "\(fromFile.stdout)")
        #expect(!fromFile.stdout.contains(root))
        let fromFlag = try L.run(args + ["..", "--source-root", "/"], in: root + "/compliance/products")
        #expect(fromFlag.stdout.hasPrefix("::error file=\(root.dropFirst())/compliance/institutions/huaxia-cfc.yaml,line=10,"))
        // A file outside the source root stays absolute (a file:// URI in SARIF).
        let outside = try L.run(["audit", "\(root)/compliance", "--as-of", "2026-11-22", "--format", "sarif", "--source-root", "\(root)/compliance/ledger"],
                                in: root)
        #expect(Self.uris(outside.stdout).contains("file://\(root)/compliance/products/xl-big-line.yaml"))
        #expect(Self.uris(outside.stdout).contains("loans.csv"))
        let missing = try L.run(args + ["--source-root", "nowhere"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "loancheck: error: the source root '\(root)/nowhere' is not a directory\n  hint: check the path given to --source-root\n")
    }

    @Test func relativePathsInTheEnvironmentStillPointWhereTheyDid() throws {
        let root = try ConfigFileTests.repository(config: "exclude: [docker-compose.yml]\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A hidden directory: never read as documents of the repository.
        try FileManager.default.copyItem(atPath: L.repository + "/Rules", toPath: root + "/.rules")
        let result = try L.run(["validate"], in: root + "/compliance/products", environment: ["LOANCHECK_RULES": "../../.rules"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "validate: 24 files, 8 Institution, 12 LoanProduct, 2 Waiver, 2 LedgerSchema (19 loans); no errors\n")
        let wrong = try L.run(["validate"], in: root + "/compliance/products", environment: ["LOANCHECK_RULES": "nowhere"])
        #expect(wrong.stderr == """
            loancheck: error: LOANCHECK_RULES names '\(root)/compliance/products/nowhere', which is not a directory
              hint: point LOANCHECK_RULES at a Rules/ directory (with schema/documents.yaml and packs/), or unset it

            """)
    }

    @Test func textDiagnosticsNameFilesFromTheRootToo() throws {
        let root = try ConfigFileTests.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try L.run(["validate", "."], in: root + "/compliance")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("compliance/docker-compose.yml:1:1: error: document has no 'kind'\n"))
    }
}
