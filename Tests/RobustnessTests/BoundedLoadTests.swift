import Diagnostics
import LoanDomain
import Testing
import YAML

/// A file of millions of tiny values, or of millions of bad ones, costs bounded memory and output:
/// the reader stops at `YAMLLimits.maxNodes`, the loader keeps the first 1,000 problems of a kind
/// and counts the rest.
@Suite struct BoundedLoadTests {
    static func load(_ text: String) throws -> LoadOutcome {
        let root = RobustnessPaths.repository + "/Rules/schema/documents.yaml"
        let schema = try SchemaReader().read(YAMLReader.parseFile(atPath: root).documents[0])
        let stream = ParsedStream(file: "f.yaml", documents: try YAMLReader.parse(text, file: "f.yaml"))
        return DocumentLoader(schema: schema).load(streams: [stream])
    }

    @Test func theReaderStopsAtTheNodeLimit() {
        #expect(YAMLLimits.default.maxNodes == 6_000_000)
        let text = "a: [" + (1...20).map(String.init).joined(separator: ", ") + "]\n"
        do {
            _ = try YAMLReader.parse(text, file: "f.yaml", limits: YAMLLimits(maxNodes: 10))
            Issue.record("expected the node limit")
        } catch {
            // The mapping (1), a (2), the list (3), the values 1 … 7 (4 … 10): the value 8 is the eleventh.
            #expect(error.diagnostics.map(\.description) == ["f.yaml:1:26: error: the file holds more than 10 values (scalars, lists and mappings)"])
        }
    }

    @Test func badElementsPastTheFirstThousandAreCounted() throws {
        let bad = Array(repeating: "BAD", count: 5_000).joined(separator: ", ")
        let outcome = try Self.load(Documents.institution + "affiliates: [\(bad)]\n")
        #expect(outcome.diagnostics.count == 1_001)
        #expect(outcome.diagnostics.first?.message == "'BAD' is not a valid id")
        #expect(outcome.diagnostics.last?.description == "f.yaml:1:1: error: 4000 more errors in this document are not listed")
    }

    @Test func unknownReferencesPastTheFirstThousandAreCounted() throws {
        let dangling = (0..<5_000).map { "id-\($0)" }.joined(separator: ", ")
        let outcome = try Self.load(Documents.institution + "affiliates: [\(dangling)]\n")
        #expect(outcome.diagnostics.count == 1_001)
        #expect(outcome.diagnostics.first?.description == "f.yaml:8:14: error: unknown reference in 'affiliates[0]': no Institution with id 'id-0' is loaded")
        #expect(outcome.diagnostics.last?.description == "f.yaml:8:14: error: 4000 more unknown references are not listed")
    }
}
