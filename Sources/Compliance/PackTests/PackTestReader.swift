import Diagnostics
import RuleLanguage
import YAML

/// Reads a rule's test case: `name`, `as_of`, `documents` (inline, or fixtures with `with:` / `without:`
/// patches) and `expect` (`pass`, or the list of findings).
struct PackTestReader {
    let fixtures: FixtureSet

    func read(_ node: Node, _ reader: inout PackNodeReader) -> PackTestCase? {
        guard let fields = reader.fields(of: node, in: "a test case", allowed: ["name", "as_of", "documents", "expect", "tape"],
                                         required: ["name", "as_of", "documents", "expect"]),
              let name = reader.string(fields["name"], "the test name"),
              let asOf = reader.date(fields["as_of"], "'as_of'"),
              let documentsNode = fields["documents"], let expectNode = fields["expect"] else { return nil }
        guard let items = documentsNode.sequence else {
            reader.error("'documents' must be a list", documentsNode.location)
            return nil
        }
        var documents: [Node] = []
        for item in items {
            if let document = resolve(item, &reader) { documents.append(document) }
        }
        guard let expectation = readExpectation(expectNode, &reader) else { return nil }
        var tape: PackTestTape?
        if let tapeNode = fields["tape"] {
            guard let tapeFields = reader.fields(of: tapeNode, in: "a test tape", allowed: ["as_of", "loans", "fundings", "borrower_groups"],
                                                 required: ["loans"]) else { return nil }
            var tables: [String: (text: String, location: SourceLocation)] = [:]
            for table in ["loans", "fundings", "borrower_groups"] {
                guard let tableNode = tapeFields[table], let text = reader.string(tableNode, "the \(table) table") else { continue }
                tables[table] = (text, tableNode.location)
            }
            tape = PackTestTape(asOf: tapeFields["as_of"].flatMap { reader.date($0, "'as_of'") } ?? asOf, tables: tables)
        }
        return PackTestCase(name: name, asOf: asOf, documents: documents, expectation: expectation, location: node.location,
                            tape: tape)
    }

    private func resolve(_ item: Node, _ reader: inout PackNodeReader) -> Node? {
        guard let useNode = item.value(forKey: "use") else { return item }
        guard let fields = reader.fields(of: item, in: "a fixture use", allowed: ["use", "with", "without"], required: ["use"]),
              let name = reader.string(useNode, "the fixture name") else { return nil }
        guard var document = fixtures.fixture(name) else {
            reader.error("unknown fixture '\(name)'", useNode.location,
                         hint: Suggestions.hint(for: name, in: fixtures.names) ?? "fixtures: \(fixtures.names.joined(separator: ", "))")
            return nil
        }
        for path in fields["without"]?.sequence ?? [] {
            guard let text = path.scalar?.text else { continue }
            do {
                document = try NodePatcher.removing(NodePatcher.split(text), from: document)
            } catch {
                reader.error("fixture '\(name)' has no field '\(text)' to remove", path.location)
            }
        }
        for entry in fields["with"]?.mapping ?? [] {
            guard let text = entry.key.scalar?.text else { continue }
            do {
                document = try NodePatcher.replacing(NodePatcher.split(text), in: document, with: entry.value)
            } catch {
                reader.error("fixture '\(name)' has no field '\(text)' to replace", entry.key.location)
            }
        }
        return document
    }

    private func readExpectation(_ node: Node, _ reader: inout PackNodeReader) -> PackTestCase.Expectation? {
        if let text = node.scalar?.text {
            if text == "pass" { return .pass }
            reader.error("'expect' must be `pass` or a list of findings", node.location,
                         hint: "write `expect: pass`, or `expect: [{severity: error, path: credit_line.max}]`")
            return nil
        }
        guard let items = node.sequence else {
            reader.error("'expect' must be `pass` or a list of findings", node.location)
            return nil
        }
        var expected: [ExpectedFinding] = []
        for item in items {
            guard let fields = reader.fields(of: item, in: "an expected finding",
                                             allowed: ["severity", "subject", "path", "cannot_evaluate", "waived", "message"],
                                             required: []) else { continue }
            let severity = fields["severity"].flatMap { reader.oneOf($0, "severity", as: FindingSeverity.self) }
            expected.append(ExpectedFinding(
                severity: severity, subject: reader.string(fields["subject"], "the subject"),
                path: reader.string(fields["path"], "the path"),
                cannotEvaluate: reader.boolean(fields["cannot_evaluate"], "'cannot_evaluate'") ?? false,
                waived: reader.boolean(fields["waived"], "'waived'"),
                messageContains: reader.string(fields["message"], "the message")))
        }
        if expected.isEmpty {
            reader.error("an empty expectation list; write `expect: pass` for a case with no finding", node.location)
            return nil
        }
        return .findings(expected)
    }
}
