import Diagnostics
import LoanDomain

/// What the rules directories hold: the document schema, the compiled packs, and the texts read.
public struct RuleSet: Sendable {
    public let schema: DocumentSchema
    /// The packs in use, disabled rules removed.
    public let packs: [RulePack]
    public let sources: SourceTexts
    /// How the shipped rules were changed for this run (replaced packs, disabled rules): recorded in
    /// every report so a shadowed or silenced rule is never invisible.
    public let changes: RuleSetChanges
    /// The ids of the packs read from `--rules` directories (the others are the shipped packs).
    public internal(set) var extraPackIds: Set<String> = []

    public init(schema: DocumentSchema, packs: [RulePack], sources: SourceTexts, changes: RuleSetChanges = RuleSetChanges()) {
        self.schema = schema
        self.packs = packs
        self.sources = sources
        self.changes = changes
    }

    /// The rule with `id`, and its pack.
    public func rule(_ id: String) -> (pack: RulePack, rule: Rule)? {
        for pack in packs {
            if let rule = pack.rules.first(where: { $0.id == id }) { return (pack, rule) }
        }
        return nil
    }

    public var ruleIds: [String] { packs.flatMap { $0.rules.map(\.id) } }
}

/// A shipped pack replaced by a `--rules` pack with the same id.
public struct PackReplacement: Sendable, Hashable {
    public let packId: String
    public let shippedVersion: String
    public let shippedSHA256: String
    public let shippedFile: String
    public let version: String
    public let sha256: String
    public let file: String
    /// Rules of the shipped pack that the replacement defines again (possibly differently).
    public let replacedRules: [String]
    /// Rules of the shipped pack the replacement leaves out: allowed only when disabled explicitly.
    public let removedRules: [String]
    /// Rules only the replacement has.
    public let addedRules: [String]
}

/// A rule switched off for this run (`--disable-rule`), and whether it is a shipped one.
public struct DisabledRule: Sendable, Hashable {
    public let id: String
    public let packId: String
    public let shipped: Bool
}

/// Every change made to the shipped rules for one run.
public struct RuleSetChanges: Sendable, Hashable {
    public let replacedPacks: [PackReplacement]
    public let disabledRules: [DisabledRule]

    public init(replacedPacks: [PackReplacement] = [], disabledRules: [DisabledRule] = []) {
        self.replacedPacks = replacedPacks
        self.disabledRules = disabledRules
    }

    public var isEmpty: Bool { replacedPacks.isEmpty && disabledRules.isEmpty }

    /// One line per change, for the notice on standard error and the text report:
    /// `pack cn-interest-rate-caps 2026.11 (shipped) is replaced by shadow/caps.yaml (version 1): …`.
    public var lines: [String] {
        replacedPacks.map { replacement in
            var parts: [String] = []
            if !replacement.replacedRules.isEmpty { parts.append("redefines \(replacement.replacedRules.joined(separator: ", "))") }
            if !replacement.removedRules.isEmpty { parts.append("drops \(replacement.removedRules.joined(separator: ", ")) (disabled)") }
            if !replacement.addedRules.isEmpty { parts.append("adds \(replacement.addedRules.joined(separator: ", "))") }
            return "shipped pack \(replacement.packId) \(replacement.shippedVersion) is replaced by \(replacement.file) "
                + "(version \(replacement.version))" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; "))
        } + disabledRules.filter { disabled in
            // A rule dropped by a replacement is already named on the replacement's line.
            !replacedPacks.contains { $0.removedRules.contains(disabled.id) }
        }.map { "rule \($0.id) of pack \($0.packId)\($0.shipped ? " (shipped)" : "") is disabled" }
    }
}
