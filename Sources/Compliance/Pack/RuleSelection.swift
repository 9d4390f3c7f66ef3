import Diagnostics

/// The packs of a run once replacements and disabled rules are applied, and the record of both.
///
/// A `--rules` pack that replaces a shipped one may redefine its rules, add rules, or drop rules; a
/// dropped shipped rule is an error unless it is disabled explicitly, because one file added to a rules
/// directory must never switch a regulation off unseen (a `rules: []` pack once removed every rate cap).
struct RuleSelection {
    let packs: [RulePack]
    let changes: RuleSetChanges

    /// `replaced`: each shipped pack that a `--rules` pack replaced, with the index of its replacement;
    /// `extra`: the indexes of the packs read from `--rules` directories.
    init(
        packs loaded: [RulePack], extra: Set<Int>, replaced: [(shipped: RulePack, by: Int)], choice: RuleChoice
    ) throws(DiagnosticList) {
        var dropped = Set<String>()
        for (shipped, index) in replaced {
            let kept = Set(loaded[index].rules.map(\.id))
            dropped.formUnion(shipped.rules.map(\.id).filter { !kept.contains($0) })
        }
        let (disabled, unknown) = choice.disabledIds(packs: loaded, dropped: dropped)
        var diagnostics: [Diagnostic] = unknown
        var replacements: [PackReplacement] = []
        var shippedRuleIds = Set<String>()
        for (shipped, index) in replaced {
            let pack = loaded[index]
            let shippedIds = shipped.rules.map(\.id)
            let newIds = Set(pack.rules.map(\.id))
            shippedRuleIds.formUnion(shippedIds)
            let removed = shippedIds.filter { !newIds.contains($0) }
            let undisabled = removed.filter { !disabled.contains($0) }
            if !undisabled.isEmpty {
                diagnostics.append(.error(
                    "the pack '\(pack.id)' in \(pack.file) replaces the shipped pack and drops its rule\(undisabled.count == 1 ? "" : "s") "
                        + undisabled.joined(separator: ", "),
                    at: nil,
                    hint: "keep the rules in the replacing pack, or switch them off explicitly with "
                        + undisabled.map { "--disable-rule \($0)" }.joined(separator: " ")))
            }
            replacements.append(PackReplacement(
                packId: pack.id, shippedVersion: shipped.version, shippedSHA256: shipped.sha256, shippedFile: shipped.file,
                version: pack.version, sha256: pack.sha256, file: pack.file,
                replacedRules: pack.rules.map(\.id).filter { shippedIds.contains($0) }, removedRules: removed,
                addedRules: pack.rules.map(\.id).filter { !shippedIds.contains($0) }))
        }
        var disabledRules: [DisabledRule] = []
        var packs: [RulePack] = []
        for (index, pack) in loaded.enumerated() {
            for rule in pack.rules where disabled.contains(rule.id) {
                disabledRules.append(DisabledRule(id: rule.id, packId: pack.id,
                                                  shipped: !extra.contains(index) || shippedRuleIds.contains(rule.id)))
            }
            packs.append(disabled.isEmpty ? pack : pack.removingRules(disabled))
        }
        for (shipped, _) in replaced {
            for rule in shipped.rules where disabled.contains(rule.id) && !disabledRules.contains(where: { $0.id == rule.id }) {
                disabledRules.append(DisabledRule(id: rule.id, packId: shipped.id, shipped: true))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        self.packs = packs
        changes = RuleSetChanges(replacedPacks: replacements, disabledRules: disabledRules)
    }
}

extension RulePack {
    /// This pack without the rules whose ids are in `ids`.
    func removingRules(_ ids: Set<String>) -> RulePack {
        RulePack(id: id, version: version, status: status, title: title, authority: authority, instrument: instrument,
                 source: source, parameters: parameters, rules: rules.filter { !ids.contains($0.id) }, file: file, sha256: sha256)
    }
}
