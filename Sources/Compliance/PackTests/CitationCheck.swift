import Diagnostics

/// A citation that claims more than it shows: `verified: true` without the quoted words or without
/// where they were read. `loancheck test` fails on it, at the citation's `verified:` line.
public struct CitationProblem: Sendable, Hashable {
    public let rule: String
    public let packId: String
    public let message: String
    /// The citation's `verified:` value in the pack (the claim), or the rule when unknown.
    public let location: SourceLocation
}

extension PackTestRunner {
    /// The citation problems of the selected packs' rules, in pack and rule order.
    public func citationProblems(packIds: Set<String>? = nil) -> [CitationProblem] {
        rules.packs.filter { packIds == nil || packIds?.contains($0.id) == true }.flatMap { pack in
            pack.rules.flatMap { rule in
                rule.citation.verificationProblems.map {
                    CitationProblem(rule: rule.id, packId: pack.id, message: $0, location: rule.citation.location ?? rule.location)
                }
            }
        }
    }
}
