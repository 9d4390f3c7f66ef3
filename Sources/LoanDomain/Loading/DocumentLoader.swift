import Diagnostics
import RuleLanguage
import YAML

/// What loading produced: the documents (enriched with derived fields when there were no errors),
/// every diagnostic, and the text of every file read (for snippets and reproducibility stamps).
public struct LoadOutcome: Sendable {
    public let documents: DocumentSet
    public let diagnostics: [Diagnostic]
    public let sources: SourceTexts
    /// The files read, in order, with their text.
    public let inputs: [InputFile]
    /// `kind: LedgerSchema` documents, as written: the ledger stage reads them (DESIGN §8.1).
    public var ledgerSchemas: [Node] = []

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A file that was read.
public struct InputFile: Sendable, Hashable {
    public let path: String
    public let text: String
}

/// A YAML stream already parsed (e.g. the documents of a rule pack's test case).
public struct ParsedStream: Sendable {
    public let file: String
    public let documents: [Node]

    public init(file: String, documents: [Node]) {
        self.file = file
        self.documents = documents
    }
}

/// A YAML stream already parsed into flat documents (`YAMLReader.parseFlatFile`).
public struct ParsedFlatStream: Sendable {
    public let file: String
    public let documents: [FlatDocument]

    public init(file: String, documents: [FlatDocument]) {
        self.file = file
        self.documents = documents
    }
}

/// Loads product, institution and waiver files into one checked, enriched document set.
///
/// Files are parsed and decoded in parallel; the result keeps the files' sorted order. Cross-document
/// checks (ids, references) and the derived fields follow once every file is in.
public struct DocumentLoader: Sendable {
    public let schema: DocumentSchema
    /// When false, references to documents that are not loaded are allowed (for `loancheck apr` and
    /// `eval` on a single product file); audits always require them.
    public let requireReferences: Bool
    /// The bounds on each file read (size, values, documents; `YAMLLimits(environment:)` applies the
    /// user's overrides).
    public let limits: YAMLLimits

    public init(schema: DocumentSchema, requireReferences: Bool = true, limits: YAMLLimits = .default) {
        self.schema = schema
        self.requireReferences = requireReferences
        self.limits = limits
    }

    /// The kind of the documents that describe loan tapes; read by the ledger stage, not decoded here.
    public static let ledgerSchemaKind = "LedgerSchema"

    /// The file name that stands for standard input (`loancheck validate -`).
    public static let standardInput = "-"
    /// The name standard input has in locations and reports.
    public static let standardInputName = "<stdin>"

    /// Reads and loads `files` (already discovered and sorted); `standardInput` reads standard input.
    public func load(files: [String]) -> LoadOutcome {
        finish(files.concurrentMap { loadFile($0) })
    }

    /// Loads documents that are already parsed (no file is read).
    public func load(streams: [ParsedStream], sources: SourceTexts = SourceTexts()) -> LoadOutcome {
        loadParsed(streams.map { ($0.file, $0.documents) }, sources: sources)
    }

    /// Loads documents already parsed into flat documents, as `load(files:)` decodes them (the audit
    /// benchmark times parsing and loading apart with this).
    public func load(flatStreams: [ParsedFlatStream], sources: SourceTexts = SourceTexts()) -> LoadOutcome {
        loadParsed(flatStreams.map { ($0.file, $0.documents.map(\.root)) }, sources: sources)
    }

    private func loadParsed<N: YAMLNode>(_ streams: [(file: String, documents: [N])], sources: SourceTexts) -> LoadOutcome {
        let results = streams.concurrentMap { stream in
            var result = decode(stream.documents, file: stream.file)
            result.text = nil
            return result
        }
        var outcome = finish(results)
        var merged = sources
        merged.merge(outcome.sources)
        outcome = LoadOutcome(documents: outcome.documents, diagnostics: outcome.diagnostics, sources: merged, inputs: outcome.inputs,
                              ledgerSchemas: outcome.ledgerSchemas)
        return outcome
    }

    struct FileResult: Sendable {
        var file: String
        var text: String?
        var documents: [LoadedDocument] = []
        /// One array per document that has references: appended to without copying, as a document can
        /// hold millions.
        var references: [[NodeDecoder.PendingReference]] = []
        var diagnostics: [Diagnostic] = []
        var ledgerSchemas: [Node] = []
        /// The document checks of `ConsistencyChecks`, run here on all cores but reported after the
        /// cross-document checks, as when they ran once every file was in.
        var consistency: [Diagnostic] = []
        /// Ids of documents written with an id that were not loaded (an unknown kind, say).
        var unloadedIds: [String] = []
        /// The file could not be read or parsed.
        var isUnreadable = false

        /// Diagnostics past `diagnosticLimit` in this file (in either list), counted but not kept.
        var suppressed = 0
        var firstSuppressed: SourceLocation?

        /// At most this many diagnostics are kept per file, in each of `diagnostics` and `consistency`:
        /// 200,000 small documents with 17 errors each made 3.4 million diagnostics (2 GB).
        static let diagnosticLimit = 1_000

        /// Adds what a later part of the same file produced; diagnostics past the limit are only counted.
        mutating func append(_ part: FileResult) {
            documents += part.documents
            references += part.references
            unloadedIds += part.unloadedIds
            ledgerSchemas += part.ledgerSchemas
            Self.keep(part.diagnostics, in: &diagnostics, suppressed: &suppressed, first: &firstSuppressed)
            Self.keep(part.consistency, in: &consistency, suppressed: &suppressed, first: &firstSuppressed)
        }

        private static func keep(_ more: [Diagnostic], in kept: inout [Diagnostic], suppressed: inout Int,
                                 first: inout SourceLocation?) {
            let room = max(0, diagnosticLimit - kept.count)
            kept += more.prefix(room)
            guard more.count > room else { return }
            suppressed += more.count - room
            if first == nil { first = more[room].location }
        }

        /// One diagnostic that counts the suppressed ones; nil when none were. It stands at the file's
        /// first error, so that it is printed next to it rather than lost among the rest.
        var suppressedSummary: Diagnostic? {
            guard suppressed > 0 else { return nil }
            let first = [diagnostics.first?.location, consistency.first?.location, firstSuppressed].compactMap { $0 }.min()
            return .error("\(suppressed) more error\(suppressed == 1 ? "" : "s") in this file \(suppressed == 1 ? "is" : "are") not listed",
                          at: first, hint: "fix the first \(Self.diagnosticLimit); the rest are often the same mistake repeated")
        }
    }

    private func loadFile(_ path: String) -> FileResult {
        let isStandardInput = path == Self.standardInput
        let file = isStandardInput ? Self.standardInputName : path
        do {
            // Documents are decoded as they are parsed (in batches, on other cores), in place (no `Node`
            // tree), and then dropped: a multi-document file of 100,000 products never holds them all. A file that
            // then fails to parse reports only its YAML error (the catch below drops what was decoded).
            var result = FileResult(file: file)
            var count = 0
            var pipeline = DocumentPipeline<FlatDocument, FileResult> { documents in decode(documents.map(\.root), file: file) }
            result.text = try YAMLReader.parseFlatFile(atPath: isStandardInput ? "/dev/stdin" : file, displayPath: file,
                                                       limits: limits) { node in
                count += 1
                if pipeline.add(node) {
                    for part in pipeline.takeReady() { result.append(part) }
                }
            }
            for part in pipeline.finish() { result.append(part) }
            if let summary = result.suppressedSummary { result.diagnostics.append(summary) }
            if count == 0 {
                result.diagnostics.append(.error("'\(file)' holds no document", at: SourceLocation(file: file, line: 1, column: 1),
                                                 hint: "write a document with `kind:` or remove the file"))
            }
            return result
        } catch {
            // The text is read again only to quote the lines of located errors: a file refused for its
            // size has none, and must not be read whole after all.
            // Standard input cannot be read twice.
            let located = !isStandardInput && error.diagnostics.contains { $0.location?.file == file }
            return FileResult(file: file, text: located ? TextFileReader.lossyText(atPath: file) : nil,
                              diagnostics: error.diagnostics.map { $0.classified(as: .yaml) }, isUnreadable: true)
        }
    }

    private func decode<N: YAMLNode>(_ nodes: [N], file: String) -> FileResult {
        var result = FileResult(file: file)
        for node in nodes { decode(node, file: file, into: &result) }
        return result
    }

    private func decode<N: YAMLNode>(_ node: N, file: String, into result: inout FileResult) {
        if node.value(forKey: "kind")?.scalar?.text == Self.ledgerSchemaKind {
            result.ledgerSchemas.append(node.tree())
            return
        }
        var decoder = NodeDecoder()
        if let document = decodeDocument(node, file: file, decoder: &decoder) {
            result.documents.append(document)
            result.consistency += ConsistencyChecks.check(document)
        } else if let id = node.value(forKey: "id")?.scalar?.text {
            result.unloadedIds.append(id)
        }
        result.diagnostics += decoder.diagnostics.map { $0.classified(as: .schema) }
        if decoder.suppressed > 0 {
            result.diagnostics.append(.error(
                "\(decoder.suppressed) more error\(decoder.suppressed == 1 ? "" : "s") in this document are not listed",
                at: node.location, hint: "fix the first \(NodeDecoder.diagnosticLimit); the rest are often the same mistake repeated"))
        }
        if !decoder.references.isEmpty { result.references.append(decoder.references) }
    }

    private func decodeDocument<N: YAMLNode>(_ node: N, file: String, decoder: inout NodeDecoder) -> LoadedDocument? {
        guard node.entries != nil else {
            let message = node.isNull ? "empty document" : "a document must be a mapping with `kind:`, found a \(node.kindName)"
            decoder.appendDiagnostic(.error(message, at: node.location, hint: "start the document with `kind: LoanProduct`, `kind: Institution` or `kind: Waiver`"))
            return nil
        }
        guard let kindNode = node.value(forKey: "kind"), let kind = kindNode.scalar?.text else {
            // Most often a YAML file of another tool (docker-compose.yml) in an audited directory.
            let name = file.split(separator: "/").last.map(String.init) ?? file
            var hints = ["add `kind:` with one of \(schema.kindNames.joined(separator: ", "))"]
            if file != Self.standardInputName {
                hints.append("if '\(file)' is not a loancheck document, leave it out: `exclude: [\(name)]` in loancheck.yaml "
                             + "(`loancheck init` writes one), or --exclude \(name)")
            }
            decoder.appendDiagnostic(Diagnostic(.error, "document has no 'kind'", at: node.location, hints: hints))
            return nil
        }
        guard let kindSchema = schema.kind(kind) else {
            decoder.appendDiagnostic(.error("unknown document kind '\(kind)'", at: kindNode.location,
                                            hint: Suggestions.hint(for: kind, in: schema.kindNames)
                                                ?? "kinds: \(schema.kindNames.joined(separator: ", "))"))
            return nil
        }
        guard let record = decoder.decodeDocument(node, schema: kindSchema) else { return nil }
        let idNode = node.value(forKey: "id")
        let id: String
        if case .string(let text)? = record["id"] {
            id = text
        } else if kind == "Waiver" {
            // Waivers are named by what they waive.
            let rule = record["rule"].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? "?"
            let subject = record["subject"].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? "?"
            id = "waiver:\(rule):\(subject)"
        } else {
            return nil
        }
        return LoadedDocument(kind: kind, id: id, file: file, location: node.location,
                              idLocation: idNode?.location ?? node.value(forKey: "rule")?.location ?? node.location,
                              record: record)
    }

    private func finish(_ results: consuming [FileResult]) -> LoadOutcome {
        var sources = SourceTexts()
        var inputs: [InputFile] = []
        var diagnostics: [Diagnostic] = []
        var documents: [LoadedDocument] = []
        var ledgerSchemas: [Node] = []
        var references: [[NodeDecoder.PendingReference]] = []
        var consistency: [Diagnostic] = []
        var unloaded = ReferenceChecker.Unloaded()
        inputs.reserveCapacity(results.count)
        for index in results.indices {
            // Moved out rather than copied (a copy is a reference count per field, 10,000 files over);
            // `documents` is then left with the only reference to each document, so enrichment can free
            // each one as it replaces it.
            var result = FileResult(file: "")
            swap(&result, &results[index])
            if let text = result.text {
                sources.add(file: result.file, text: text)
                inputs.append(InputFile(path: result.file, text: text))
            }
            diagnostics += result.diagnostics
            documents += result.documents
            ledgerSchemas += result.ledgerSchemas
            references += result.references
            consistency += result.consistency
            unloaded.ids.formUnion(result.unloadedIds)
            if result.isUnreadable { unloaded.files.append(result.file) }
        }
        let ids = ReferenceChecker.index(documents)
        diagnostics += ids.duplicates.map { $0.classified(as: .reference) }
        if requireReferences {
            let unsound = ReferenceChecker.unsound(references, index: ids.first, documents: documents)
            diagnostics += ReferenceChecker.unresolved(unsound, index: ids.first, documents: documents,
                                                       unloaded: unloaded).map { $0.classified(as: .reference) }
        }
        diagnostics += consistency
        // What no stage classified (a file without documents, counts of errors not listed) is about the
        // documents' structure.
        diagnostics = diagnostics.map { $0.classified(as: .schema) }
        if !diagnostics.contains(where: { $0.severity == .error }) {
            documents = DocumentEnricher.enrich(consume documents)
        }
        return LoadOutcome(documents: DocumentSet(schema: schema, documents: documents, index: ids.first),
                           diagnostics: diagnostics, sources: sources, inputs: inputs, ledgerSchemas: ledgerSchemas)
    }
}

extension NodeDecoder {
    mutating func appendDiagnostic(_ diagnostic: Diagnostic) {
        record(diagnostic)
    }
}
