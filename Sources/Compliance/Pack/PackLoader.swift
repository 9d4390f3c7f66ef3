import Diagnostics
import LoanDomain
import YAML

/// Loads the shipped rules directory (found with no flags) and any `--rules` directories: the document
/// schema, fixtures for pack tests, and the packs. A pack in a `--rules` directory replaces a shipped
/// pack with the same id, or is added. Any defect fails closed with every diagnostic.
///
/// Nothing can switch rules off silently: a `--rules` directory without a pack, a rule set without a
/// rule, and a replacement that leaves out shipped rules not disabled explicitly are errors; every
/// replacement and every disabled rule is recorded in `RuleSet.changes`.
public struct PackLoader: Sendable {
    public init() {}

    /// `disabling`: rule ids switched off explicitly (`--disable-rule`); the rules a replacing pack
    /// leaves out must be among them.
    public func load(shipped: String?, extra: [String], disabling: [String] = []) throws(DiagnosticList) -> RuleSet {
        try load(shipped: shipped, extra: extra, choice: RuleChoice(disable: disabling.map { RuleChoice.Name($0) }))
    }

    /// `choice`: the rules switched off (`--disable-rule`, `rules.disable` and `rules.only` of
    /// loancheck.yaml); the rules a replacing pack leaves out must be among them.
    public func load(shipped: String?, extra: [String], choice: RuleChoice) throws(DiagnosticList) -> RuleSet {
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
            let packsBefore = packNodes.count
            // Parsed and hashed on all cores (every command pays for the shipped packs), then taken in
            // file order, so diagnostics and packs come out as they would one file after another.
            let parsedFiles = discovery.files.concurrentMap { file -> Result<ParsedPackFile, DiagnosticList> in
                do throws(DiagnosticList) {
                    let parsed = try YAMLReader.parseFile(atPath: file)
                    return .success(ParsedPackFile(text: parsed.text, documents: parsed.documents, digest: SHA256.hex(parsed.text)))
                } catch {
                    return .failure(error)
                }
            }
            for (file, result) in zip(discovery.files, parsedFiles) {
                do throws(DiagnosticList) {
                    let parsed = try result.get()
                    sources.add(file: file, text: parsed.text)
                    let digest = parsed.digest
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
            if isExtra, discovery.diagnostics.isEmpty, packNodes.count == packsBefore {
                diagnostics.append(.error("the rules directory '\(directory)' holds no rule pack", at: nil,
                                          hint: "--rules takes a directory of `kind: RulePack` YAML files; check the path"))
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
        var extraPacks = Set<Int>()
        var replaced: [(shipped: RulePack, by: Int)] = []
        // Each pack is type-checked and compiled on its own core; merged below in file order.
        let readPacks = packNodes.concurrentMap { item -> Result<RulePack, DiagnosticList> in
            do throws(DiagnosticList) {
                return .success(try reader.read(item.node, file: item.file, sha256: item.sha))
            } catch {
                return .failure(error)
            }
        }
        for (item, result) in zip(packNodes, readPacks) {
            do throws(DiagnosticList) {
                let pack = try result.get()
                if let existing = packs.firstIndex(where: { $0.id == pack.id }) {
                    if item.extra, !extraPacks.contains(existing) {
                        replaced.append((packs[existing], existing))
                        packs[existing] = pack
                        extraPacks.insert(existing)
                    } else {
                        diagnostics.append(.error("two packs have the id '\(pack.id)'", at: item.node.location,
                                                  notes: [.init("the other one is in \(packs[existing].file)")]))
                    }
                } else {
                    if item.extra { extraPacks.insert(packs.count) }
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
        let selection = try RuleSelection(packs: packs, extra: extraPacks, replaced: replaced, choice: choice)
        guard selection.packs.contains(where: { !$0.rules.isEmpty }) else {
            throw DiagnosticList([.error("no rule is loaded: an audit would check nothing", at: nil,
                                         hint: "the rules directories hold no rule (or every rule is disabled)")])
        }
        var rules = RuleSet(schema: schema, packs: selection.packs, sources: sources, changes: selection.changes)
        rules.extraPackIds = Set(extraPacks.map { packs[$0].id })
        return rules
    }
}

/// A rules-directory file as parsed: its text (for diagnostics and the report), its documents and the
/// SHA-256 of its text (the pack's stamp).
private struct ParsedPackFile: Sendable {
    let text: String
    let documents: [Node]
    let digest: String
}
