import Diagnostics
import YAML

/// Builds test documents from fixtures: `with:` replaces (or adds) the value at a dotted path,
/// `without:` removes a field. Replacement nodes keep their own positions, so a finding on a patched
/// value points at the test case line that set it.
enum NodePatcher {
    enum Problem: Error {
        case pathNotFound(String)
    }

    static func replacing(_ path: [String], in node: Node, with value: Node) throws(Problem) -> Node {
        guard let key = path.first else { return value }
        if let index = listIndex(key), let items = node.sequence {
            guard index < items.count else { throw .pathNotFound(key) }
            var copy = items
            copy[index] = try replacing(Array(path.dropFirst()), in: items[index], with: value)
            return Node(.sequence(copy), fileName: node.fileName, start: node.start, end: node.end, tag: node.tag)
        }
        guard var entries = node.mapping else { throw .pathNotFound(key) }
        if let position = entries.firstIndex(where: { $0.key.scalar?.text == key }) {
            let replaced = try replacing(Array(path.dropFirst()), in: entries[position].value, with: value)
            entries[position] = MappingEntry(key: entries[position].key, value: replaced)
        } else {
            guard path.count == 1 else { throw .pathNotFound(key) }
            let keyNode = Node(.scalar(Scalar(text: key, style: .plain, tag: nil)), fileName: value.fileName, start: value.start, end: value.start)
            entries.append(MappingEntry(key: keyNode, value: value))
        }
        return Node(.mapping(entries), fileName: node.fileName, start: node.start, end: node.end, tag: node.tag)
    }

    static func removing(_ path: [String], from node: Node) throws(Problem) -> Node {
        // A list element is reached by its index (`cooperation_list.entries.1.payout_assessed`); removing
        // a whole element is not offered: `with:` can give the list without it.
        if let key = path.first, path.count > 1, let index = listIndex(key), let items = node.sequence {
            guard index < items.count else { throw .pathNotFound(key) }
            var copy = items
            copy[index] = try removing(Array(path.dropFirst()), from: items[index])
            return Node(.sequence(copy), fileName: node.fileName, start: node.start, end: node.end, tag: node.tag)
        }
        guard let key = path.first, var entries = node.mapping else { throw .pathNotFound(path.first ?? "") }
        guard let position = entries.firstIndex(where: { $0.key.scalar?.text == key }) else { throw .pathNotFound(key) }
        if path.count == 1 {
            entries.remove(at: position)
        } else {
            entries[position] = MappingEntry(key: entries[position].key,
                                             value: try removing(Array(path.dropFirst()), from: entries[position].value))
        }
        return Node(.mapping(entries), fileName: node.fileName, start: node.start, end: node.end, tag: node.tag)
    }

    /// `funding.1.share` style index component.
    private static func listIndex(_ key: String) -> Int? {
        key.allSatisfy(\.isNumber) ? Int(key) : nil
    }

    /// `pricing.fees.0.kind` → ["pricing", "fees", "0", "kind"]; `funding[1].share` is accepted too.
    static func split(_ path: String) -> [String] {
        // `[` starts a part like `.`, `]` is dropped, empty parts are skipped — one pass over the
        // characters (`String.replacing` cost ≈28,000 instructions a path, on every run, for every patch
        // of every shipped pack test).
        var parts: [String] = []
        var current = ""
        for character in path {
            switch character {
            case ".", "[":
                if !current.isEmpty { parts.append(current) }
                current = ""
            case "]":
                continue
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
