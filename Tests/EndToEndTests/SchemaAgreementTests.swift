import Foundation
import LoanCheckTestSupport
import Testing

/// The JSON Schema for editors and the loader agree on the corpus (`scripts/check-schema.py`, also run
/// alone by `make check-schema`): check-jsonschema (PyPI) is installed into a virtual environment under
/// `.build/` when missing; where that environment cannot be created (no `venv` module, offline), the
/// test is skipped with the reason rather than failed.
@Suite struct SchemaAgreementTests {
    @Test func schemaAndLoaderAgreeOnEveryCorpusFile() throws {
        let scripts = LoanCheckBinary.repository + "/scripts/"
        let ensure = try LoanCheckBinary.run(["bash", scripts + "ensure-check-jsonschema.sh", "--no-system-packages"],
                                             timeout: 600, executable: "/usr/bin/env")
        if ensure.status == 3 {
            // The script's last line is the reason (pip's own output comes before it).
            let reason = ensure.stderr.split(separator: "\n").last.map(String.init) ?? "no reason given"
            try Test.cancel("skipped: check-jsonschema could not be installed into .build/venv-check-jsonschema: \(reason)")
        }
        try #require(ensure.status == 0, "\(ensure.stderr)")
        let validator = ensure.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let check = try LoanCheckBinary.run(["python3", scripts + "check-schema.py", "--loancheck", LoanCheckBinary.binary,
                                             "--validator", validator], timeout: 900, executable: "/usr/bin/env")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("check-schema: ok — "), "\(check.stdout)\(check.stderr)")
    }
}
