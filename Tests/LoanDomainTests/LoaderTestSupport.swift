import Diagnostics
import LoanDomain
import YAML

/// Loads the repository's document schema and YAML texts the way `loancheck validate` does.
enum LoaderTestSupport {
    static let rulesDirectory: String = {
        let file = "\(#filePath)"
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Rules"
    }()

    static func schema() throws -> DocumentSchema {
        let parsed = try YAMLReader.parseFile(atPath: rulesDirectory + "/schema/documents.yaml")
        return try SchemaReader().read(parsed.documents[0])
    }

    /// Loads `files` (name → YAML text) as one document set.
    static func load(_ files: [(String, String)], requireReferences: Bool = true) throws -> LoadOutcome {
        var streams: [ParsedStream] = []
        var sources = SourceTexts()
        for (name, text) in files {
            streams.append(ParsedStream(file: name, documents: try YAMLReader.parse(text, file: name)))
            sources.add(file: name, text: text)
        }
        return DocumentLoader(schema: try schema(), requireReferences: requireReferences).load(streams: streams, sources: sources)
    }

    /// `file:line:col: message` of each diagnostic, and its hint, in order.
    static func lines(_ outcome: LoadOutcome) -> [String] { lines(outcome.diagnostics) }

    /// `file:line:col: message | hint: … | note: …` of each diagnostic, in order.
    static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { diagnostic in
            var text = diagnostic.description
            for hint in diagnostic.hints { text += " | hint: \(hint)" }
            for note in diagnostic.notes { text += " | note: \(note.location.map { "\($0): " } ?? "")\(note.message)" }
            return text
        }
    }

    static let bank = """
        kind: Institution
        id: bank-a
        name: A银行
        type: local-bank
        registered_in: CN-JS
        financials: {tier1_capital_net: 100亿, total_loans: 1000亿}
        """

    static func product(_ overrides: String = "", funding: String = "") -> String {
        """
        kind: LoanProduct
        id: p-1
        name: 产品
        lender: bank-a
        borrower: individual
        purpose: consumption
        secured: false
        credit_line: {min: 500, max: 20万}
        term: {min: 3 months, max: 12 months}
        repayment: equal-installment
        pricing:
          rate: 18% per year
        regions: [CN-JS]
        \(overrides)\(funding)
        """
    }
}
