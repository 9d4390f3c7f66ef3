import Diagnostics
import YAML

/// Named documents that pack test cases build on (`kind: Fixtures` files under `Rules/`), so each case
/// states only what differs: `{use: bank-national, with: {credit_line.max: 20万}}`.
public struct FixtureSet: Sendable {
    private(set) var documents: [String: Node] = [:]

    public init() {}

    /// Adds the fixtures of a `kind: Fixtures` document; a name defined twice is an error.
    mutating func add(_ node: Node) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for entry in node.mapping ?? [] {
            let key = entry.key.scalar?.text ?? ""
            switch key {
            case "kind", "doc": continue
            case "fixtures":
                for fixture in entry.value.mapping ?? [] {
                    let name = fixture.key.scalar?.text ?? ""
                    if let existing = documents[name] {
                        diagnostics.append(.error("fixture '\(name)' is defined twice", at: fixture.key.location,
                                                  notes: [.init("first defined here", at: existing.location)]))
                    } else {
                        documents[name] = fixture.value
                    }
                }
            default:
                diagnostics.append(.error("unknown key '\(key)' in a fixtures file", at: entry.key.location,
                                          hint: Suggestions.hint(for: key, in: ["kind", "doc", "fixtures"])))
            }
        }
        return diagnostics
    }

    func fixture(_ name: String) -> Node? { documents[name] }
    var names: [String] { documents.keys.sorted() }
}
