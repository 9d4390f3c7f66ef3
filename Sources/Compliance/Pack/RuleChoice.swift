public import Diagnostics

/// The rules a run switches off, and where each was asked for: `--disable-rule`, and `rules.disable`
/// and `rules.only` of loancheck.yaml. Every rule switched off is recorded in the reports
/// (`RuleSetChanges.disabledRules`), whichever way it was.
public struct RuleChoice: Sendable {
    /// A rule id (or, in `only`, a pack id) as written.
    public struct Name: Sendable {
        public let id: String
        /// Where it is written (a line of loancheck.yaml), nil on the command line.
        public let location: SourceLocation?

        public init(_ id: String, at location: SourceLocation? = nil) {
            self.id = id
            self.location = location
        }
    }

    /// `--disable-rule` and `rules.disable`: rules switched off.
    public var disable: [Name]
    /// `rules.only`: the rules kept, by rule id or pack id (every rule of the pack); nil: all.
    public var only: [Name]?
    /// How `disable` names from the command line are called in messages.
    static let commandLine = "--disable-rule"

    public init(disable: [Name] = [], only: [Name]? = nil) {
        self.disable = disable
        self.only = only
    }

    /// The rule ids switched off among the rules of `packs` (after replacements) and the shipped
    /// rules a replacement dropped (`dropped`), with an error for every name that is unknown.
    func disabledIds(packs: [RulePack], dropped: Set<String>) -> (ids: Set<String>, diagnostics: [Diagnostic]) {
        let ruleIds = Set(packs.flatMap { $0.rules.map(\.id) }).union(dropped)
        let packIds = Set(packs.map(\.id))
        var diagnostics: [Diagnostic] = []
        var ids = Set<String>()
        for name in disable {
            if ruleIds.contains(name.id) {
                ids.insert(name.id)
            } else {
                let origin = name.location == nil ? "\(Self.commandLine) names" : "rules.disable names"
                diagnostics.append(.error("\(origin) unknown rule '\(name.id)'", at: name.location,
                                          hint: Suggestions.hint(for: name.id, in: ruleIds.sorted()) ?? "see `loancheck rules` for the rule ids"))
            }
        }
        if let only {
            var kept = Set<String>()
            for name in only {
                if ruleIds.contains(name.id) {
                    kept.insert(name.id)
                } else if let pack = packs.first(where: { $0.id == name.id }) {
                    kept.formUnion(pack.rules.map(\.id))
                } else {
                    diagnostics.append(.error("rules.only names unknown rule or pack '\(name.id)'", at: name.location,
                                              hint: Suggestions.hint(for: name.id, in: ruleIds.union(packIds).sorted())
                                                  ?? "see `loancheck rules` for the rule and pack ids"))
                }
            }
            ids.formUnion(ruleIds.subtracting(kept))
        }
        return (ids, diagnostics)
    }
}
