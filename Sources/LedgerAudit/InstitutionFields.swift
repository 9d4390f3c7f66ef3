import LoanDomain
import RuleLanguage

/// Institution fields as the ledger engines read them: a field path of an `Institution` document's
/// record (derived fields included), or nil when the document does not have it.
public enum InstitutionFields {
    /// The value at `path` (`["financials", "net_assets"]`) of `institution`.
    public static func value(_ path: [String], of institution: LoadedDocument) -> Value? {
        if path == ["id"] { return .string(institution.id) }
        var current: Value = .record(institution.record)
        for name in path {
            guard case .record(let record) = current, let next = record[name] else { return nil }
            current = next
        }
        return current
    }

    /// The institution's affiliate group, named by its smallest member id (the derived `group`).
    public static func groupName(of institution: LoadedDocument) -> String {
        if case .list(let members)? = institution["group"], case .string(let first)? = members.elements.first { return first }
        return institution.id
    }
}
