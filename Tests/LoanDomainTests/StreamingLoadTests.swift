import Diagnostics
import FoundationEssentials
import LoanDomain
import Testing
import YAML

/// Files are decoded document by document as they are parsed; a file that fails to parse keeps nothing.
@Suite("Loading multi-document files")
struct StreamingLoadTests {
    private func write(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path + "/loancheck-stream-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/all.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("every document of a multi-document file is loaded, in order")
    func loadsEveryDocument() throws {
        let path = try write(LoaderTestSupport.bank + "\n---\n" + LoaderTestSupport.product())
        let outcome = DocumentLoader(schema: try LoaderTestSupport.schema()).load(files: [path])
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.documents.documents.map(\.id) == ["bank-a", "p-1"])
        #expect(outcome.inputs.map(\.path) == [path])
    }

    @Test("a file of many documents is decoded in batches on several cores, results in file order")
    func manyDocumentsKeepFileOrder() throws {
        // 301 documents: several batches of 64, some decoded on other threads, two with an error each.
        let products = (0..<300).map { index in
            LoaderTestSupport.product(index == 70 || index == 250 ? "colour: red\n" : "")
                .replacing("id: p-1\n", with: "id: p-\(index)\n")
        }
        let path = try write(([LoaderTestSupport.bank] + products).joined(separator: "\n---\n"))
        let outcome = DocumentLoader(schema: try LoaderTestSupport.schema()).load(files: [path])
        #expect(outcome.documents.documents.map(\.id) == ["bank-a"] + (0..<300).map { "p-\($0)" })
        #expect(outcome.diagnostics.map(\.message) == ["unknown field 'colour' in LoanProduct", "unknown field 'colour' in LoanProduct"])
        let lines = outcome.diagnostics.compactMap { $0.location?.line }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let colourLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.hasPrefix("colour:") }.map { $0.offset + 1 }
        #expect(lines == colourLines)
        #expect(colourLines.count == 2)
    }

    @Test("a syntax error after valid documents gives only the YAML error, no documents")
    func syntaxErrorDropsEarlierDocuments() throws {
        let path = try write(LoaderTestSupport.bank + "\n---\n" + LoaderTestSupport.product() + "\n---\nkind: [unclosed\n")
        let outcome = DocumentLoader(schema: try LoaderTestSupport.schema()).load(files: [path])
        #expect(outcome.documents.documents.isEmpty)
        #expect(outcome.diagnostics.count == 1)
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.location?.file == path)
        #expect(diagnostic.message == "did not find expected ',' or ']'")
        #expect(diagnostic.location?.line == 24)  // the end of the file, where libyaml gives up on the bracket
    }

    @Test("parseFile(eachDocument:) hands over documents in order and returns the text")
    func eachDocumentInOrder() throws {
        let path = try write("a: 1\n---\nb: 2\n---\nc: 3\n")
        var keys: [String] = []
        let text = try YAMLReader.parseFile(atPath: path) { node in
            keys.append(node.mapping?.first?.key.scalar?.text ?? "?")
        }
        #expect(keys == ["a", "b", "c"])
        #expect(text == "a: 1\n---\nb: 2\n---\nc: 3\n")
    }
}
