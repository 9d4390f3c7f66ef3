public import Diagnostics
import YAML

/// Reads `loancheck.yaml` strictly: an unknown key, a value of the wrong type or an unknown choice is
/// an error at its line and column with a hint ("did you mean 'exclude'?"), never ignored — a
/// misspelt `exlude:` must not let a file through unnoticed.
public struct ConfigReader: Sendable {
    /// The top-level keys.
    public static let keys = ["include", "exclude", "rules", "packs", "fail_on", "lang", "source_root", "baseline",
                              "organisation", "sign_off"]
    static let ruleKeys = ["disable", "only"]
    static let signOffKeys = ["prepared_by", "approved_by"]
    static let failOnValues = ["error", "warning", "info", "never"]
    static let languages = ["zh", "en"]

    public init() {}

    /// The configuration in `text`; `file` is the file's absolute path (relative paths in it are
    /// relative to its directory) and `displayName` its name in diagnostics.
    public func read(_ text: String, file: String, displayName: String) throws(DiagnosticList) -> LoanCheckConfig {
        let documents = try YAMLReader.parse(text, file: displayName)
        var config = LoanCheckConfig(file: file, displayName: displayName, text: text)
        guard let root = documents.first, !root.isNull else {
            // An empty file (or one with only comments) sets nothing.
            return config
        }
        var state = State(directory: config.directory)
        if documents.count > 1 {
            state.error("loancheck.yaml holds \(documents.count) documents; it must hold one", documents[1].location,
                        hint: "remove the `---` lines: the configuration is one mapping")
        }
        guard let entries = state.mapping(root, "the configuration") else { throw DiagnosticList(state.diagnostics) }
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            let value = entry.value
            switch key {
            case "include": config.include = state.globs(value, "include")
            case "exclude": config.exclude = state.globs(value, "exclude")
            case "packs": config.packs = state.paths(value, "packs")
            case "fail_on": config.failOn = state.choice(value, "fail_on", in: Self.failOnValues)
            case "lang": config.language = state.choice(value, "lang", in: Self.languages)
            case "source_root": config.sourceRoot = state.path(value, "source_root")
            case "baseline": config.baseline = state.path(value, "baseline")
            case "organisation": config.organisation = state.text(value, "organisation")?.value
            case "rules":
                guard let rules = state.mapping(value, "rules") else { continue }
                for rule in rules {
                    switch rule.key.scalar?.text ?? "" {
                    case "disable": config.disabledRules = state.names(rule.value, "rules.disable")
                    case "only": config.onlyRules = state.names(rule.value, "rules.only")
                    case let other: state.unknown(other, at: rule.key, in: "rules", allowed: Self.ruleKeys)
                    }
                }
            case "sign_off":
                guard let names = state.mapping(value, "sign_off") else { continue }
                for name in names {
                    switch name.key.scalar?.text ?? "" {
                    case "prepared_by": config.signOff.preparedBy = state.text(name.value, "sign_off.prepared_by")?.value
                    case "approved_by": config.signOff.approvedBy = state.text(name.value, "sign_off.approved_by")?.value
                    case let other: state.unknown(other, at: name.key, in: "sign_off", allowed: Self.signOffKeys)
                    }
                }
            default:
                state.unknown(key, at: entry.key, in: "loancheck.yaml", allowed: Self.keys)
            }
        }
        if !state.diagnostics.isEmpty { throw DiagnosticList(state.diagnostics) }
        return config
    }

    /// The checks of one reading, collecting every problem.
    private struct State {
        let directory: String
        var diagnostics: [Diagnostic] = []

        mutating func error(_ message: String, _ location: SourceLocation, hint: String) {
            diagnostics.append(.error(message, at: location, hint: hint))
        }

        mutating func unknown(_ key: String, at node: Node, in context: String, allowed: [String]) {
            error("unknown key '\(key)' in \(context)", node.location,
                  hint: Suggestions.hint(for: key, in: allowed) ?? "keys: \(allowed.joined(separator: ", "))")
        }

        mutating func mapping(_ node: Node, _ what: String) -> [MappingEntry]? {
            guard let entries = node.mapping else {
                error("\(what) must be a mapping, found a \(node.kindName)", node.location,
                      hint: what == "the configuration" ? "write `key: value` lines, e.g. `exclude: [docker-compose.yml]`"
                          : "write the keys of \(what) indented below it")
                return nil
            }
            return entries
        }

        mutating func text(_ node: Node, _ what: String) -> LoanCheckConfig.Setting<String>? {
            guard let scalar = node.scalar, !node.isNull, !scalar.text.isEmpty else {
                error("\(what) must be a text, found \(node.isNull || node.scalar?.text.isEmpty == true ? "nothing" : "a \(node.kindName)")",
                      node.location, hint: what.hasPrefix("an entry of ") ? "write a text in each entry, or remove the empty one"
                          : "write a value after `\(what.split(separator: ".").last ?? ""):`, or remove the key")
                return nil
            }
            return .init(scalar.text, at: node.location)
        }

        mutating func list(_ node: Node, _ what: String, example: String) -> [Node] {
            guard let items = node.sequence else {
                error("\(what) must be a list, found a \(node.kindName)", node.location, hint: "write a list, e.g. `\(what.split(separator: ".").last ?? ""): [\(example)]`")
                return []
            }
            return items
        }

        mutating func globs(_ node: Node, _ what: String) -> [LoanCheckConfig.Setting<Glob>] {
            var result: [LoanCheckConfig.Setting<Glob>] = []
            for item in list(node, what, example: "docker-compose.yml") {
                guard let text = text(item, "an entry of \(what)") else { continue }
                do {
                    result.append(.init(try Glob(text.value), at: item.location))
                } catch {
                    self.error(error.message, item.location, hint: error.hint)
                }
            }
            return result
        }

        mutating func names(_ node: Node, _ what: String) -> [LoanCheckConfig.Setting<String>] {
            var result: [LoanCheckConfig.Setting<String>] = []
            for item in list(node, what, example: "CN-OML-CAPITAL") {
                if let name = text(item, "an entry of \(what)") { result.append(name) }
            }
            return result
        }

        mutating func path(_ node: Node, _ what: String) -> LoanCheckConfig.Setting<String>? {
            text(node, what).map { .init(LexicalPath.absolute($0.value, from: directory), at: $0.location) }
        }

        mutating func paths(_ node: Node, _ what: String) -> [LoanCheckConfig.Setting<String>] {
            var result: [LoanCheckConfig.Setting<String>] = []
            for item in list(node, what, example: "compliance/house-rules") {
                if let path = path(item, "an entry of \(what)") { result.append(path) }
            }
            return result
        }

        mutating func choice(_ node: Node, _ what: String, in values: [String]) -> LoanCheckConfig.Setting<String>? {
            guard let setting = text(node, what) else { return nil }
            guard values.contains(setting.value) else {
                error("\(what) must be \(values.dropLast().joined(separator: ", ")) or \(values.last ?? ""), not '\(setting.value)'",
                      node.location, hint: Suggestions.hint(for: setting.value, in: values) ?? "write one of: \(values.joined(separator: ", "))")
                return nil
            }
            return setting
        }
    }
}
