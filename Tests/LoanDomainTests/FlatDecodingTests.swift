import Diagnostics
import FoundationEssentials
import LoanDomain
import Testing
import YAML

/// Files are decoded from their flat documents (`FlatNodeView`); streams parsed beforehand from `Node`
/// trees. Both give the same records and the same diagnostics, at the same places.
@Suite struct FlatDecodingTests {
    private func viaFile(_ text: String) throws -> LoadOutcome {
        let directory = FileManager.default.temporaryDirectory.path + "/loancheck-flat-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/all.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let outcome = DocumentLoader(schema: try LoaderTestSupport.schema()).load(files: [path])
        return outcome
    }

    private func expectSameLoad(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fromFile = try viaFile(text)
        let file = try #require(fromFile.inputs.first?.path)
        let fromTree = try LoaderTestSupport.load([(file, text)])
        #expect(LoaderTestSupport.lines(fromFile) == LoaderTestSupport.lines(fromTree), sourceLocation: sourceLocation)
        #expect(fromFile.documents.documents.map(\.record) == fromTree.documents.documents.map(\.record),
                sourceLocation: sourceLocation)
        #expect(fromFile.documents.documents.map { $0.record.location } == fromTree.documents.documents.map { $0.record.location },
                sourceLocation: sourceLocation)
    }

    @Test func flatStreamsParsedBeforehandLoadAsFilesDo() throws {
        let text = LoaderTestSupport.bank + "\n---\n" + LoaderTestSupport.product("colour: red\n")
        let fromFile = try viaFile(text)
        let file = try #require(fromFile.inputs.first?.path)
        var documents: [FlatDocument] = []
        _ = try YAMLReader.parseFlatFile(atPath: file) { documents.append($0) }
        let fromFlat = DocumentLoader(schema: try LoaderTestSupport.schema()).load(flatStreams: [ParsedFlatStream(file: file, documents: documents)])
        #expect(documents.count == 2)
        #expect(LoaderTestSupport.lines(fromFlat) == LoaderTestSupport.lines(fromFile))
        #expect(fromFlat.diagnostics.map(\.message) == ["unknown field 'colour' in LoanProduct"])
        #expect(fromFlat.diagnostics.first?.location == SourceLocation(file: file, line: 21, column: 1))
    }

    @Test func validDocumentsDecodeAlike() throws {
        try expectSameLoad(LoaderTestSupport.bank + "\n---\n" + LoaderTestSupport.product(
            "fees:\n  - {name: 服务费, amount: 1%, basis: principal, timing: upfront}\n"))
    }

    @Test func invalidDocumentsGiveTheSameDiagnostics() throws {
        let broken = LoaderTestSupport.product("colour: red\n")
            .replacing("secured: false", with: "secured: yes")
            .replacing("regions: [CN-JS]", with: "regions: [CN-JS, CN-JS, all]")
            .replacing("credit_line: {min: 500, max: 20万}", with: "credit_line: {min: 30万, max: 20万}")
            .replacing("term: {min: 3 months, max: 12 months}", with: "term: [3 months]")
        let outcome = try viaFile(LoaderTestSupport.bank + "\n---\n" + broken)
        #expect(outcome.diagnostics.count >= 5)
        try expectSameLoad(LoaderTestSupport.bank + "\n---\n" + broken + "\n---\n- a list\n---\nkind: Nothing\n---\n")
    }

    @Test func aliasesDecodeAlike() throws {
        let text = """
            kind: Institution
            id: &id bank-a
            name: *id
            type: local-bank
            registered_in: CN-JS
            financials: {tier1_capital_net: &capital 100亿, total_loans: *capital}
            """
        try expectSameLoad(text)
        let outcome = try viaFile(text)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.documents.documents.first?.record["name"] == .string("bank-a"))
    }
}
