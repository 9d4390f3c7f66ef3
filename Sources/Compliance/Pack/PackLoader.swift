import Diagnostics
import LoanDomain
import YAML

/// What the rules directories hold: the document schema, the compiled packs, and the texts read.
public struct RuleSet: Sendable {
    public let schema: DocumentSchema
    public let packs: [RulePack]
    public let sources: SourceTexts

    /// The rule with `id`, and its pack.
    public func rule(_ id: String) -> (pack: RulePack, rule: Rule)? {
        for pack in packs {
            if let rule = pack.rules.first(where: { $0.id == id }) { return (pack, rule) }
        }
        return nil
    }

    public var ruleIds: [String] { packs.flatMap { $0.rules.map(\.id) } }
}

/// Loads the shipped rules directory (found with no flags) and any `--rules` directories: the document
/// schema, fixtures for pack tests, and the packs. A pack in a `--rules` directory replaces a shipped
/// pack with the same id, or is added. Any defect fails closed with every diagnostic.
public struct PackLoader: Sendable {
    public init() {}

    public func load(shipped: String?, extra: [String]) throws(DiagnosticList) -> RuleSet {
        var diagnostics: [Diagnostic] = []
        var sources = SourceTexts()
        guard let shipped else {
            let places = RulesDirectory.candidates().joined(separator: ", ")
            throw DiagnosticList([.error("cannot find the shipped rules directory", at: nil,
                                         hint: "set LOANCHECK_RULES to the Rules/ directory (looked in: \(places))")])
        }
        var schemaNodes: [Node] = []
        var packNodes: [(node: Node, file: String, sha: String, extra: Bool)] = []
        var fixtures = FixtureSet()
        for (directory, isExtra) in [(shipped, false)] + extra.map({ ($0, true) }) {
            let discovery = InputDiscovery().discover([directory])
            diagnostics += discovery.diagnostics
            for file in discovery.files {
                do {
                    let parsed = try YAMLReader.parseFile(atPath: file)
                    sources.add(file: file, text: parsed.text)
                    let digest = SHA256.hex(parsed.text)
                    for document in parsed.documents {
                        switch document.value(forKey: "kind")?.scalar?.text {
                        case "DocumentSchema": schemaNodes.append(document)
                        case "Fixtures": diagnostics += fixtures.add(document)
                        case "RulePack": packNodes.append((document, file, digest, isExtra))
                        case let other:
                            diagnostics.append(.error(
                                "unknown kind '\(other ?? "")' in a rules directory", at: document.value(forKey: "kind")?.location ?? document.location,
                                hint: "rules directories hold `kind: RulePack`, `kind: Fixtures` and `kind: DocumentSchema` documents"))
                        }
                    }
                } catch {
                    diagnostics += error.diagnostics
                }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        guard schemaNodes.count == 1, let schemaNode = schemaNodes.first else {
            throw DiagnosticList([.error(schemaNodes.isEmpty ? "no document schema (kind: DocumentSchema) in the rules directory"
                                                             : "more than one document schema is loaded", at: schemaNodes.dropFirst().first?.location)])
        }
        let schema = try SchemaReader().read(schemaNode)
        let reader = PackReader(schema: schema, fixtures: fixtures)
        var packs: [RulePack] = []
        for item in packNodes {
            do {
                let pack = try reader.read(item.node, file: item.file, sha256: item.sha)
                if let existing = packs.firstIndex(where: { $0.id == pack.id }) {
                    if item.extra, !packs[existing].file.isEmpty {
                        packs[existing] = pack
                    } else {
                        diagnostics.append(.error("two packs have the id '\(pack.id)'", at: item.node.location,
                                                  notes: [.init("the other one is in \(packs[existing].file)")]))
                    }
                } else {
                    packs.append(pack)
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var ruleOwner: [String: RulePack] = [:]
        for pack in packs {
            for rule in pack.rules {
                if let other = ruleOwner[rule.id] {
                    diagnostics.append(.error("rule id '\(rule.id)' is defined in two packs", at: rule.location,
                                              notes: [.init("also defined in pack '\(other.id)' (\(other.file))")]))
                } else {
                    ruleOwner[rule.id] = pack
                }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return RuleSet(schema: schema, packs: packs, sources: sources)
    }
}
