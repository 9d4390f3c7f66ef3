import Compliance
import LedgerPlan
import RuleLanguage

/// The regime of a ledger rule (DESIGN §4, §8.2).
///
/// A Loan rule binds each loan by its own date (`binds:`, the disbursement or the contract date): a loan
/// dated before the day the rule binds new business (`new_business_from`, else `effective`) is stock
/// that runs off, and one dated on or after `repealed` is outside it; a loan made during the transition
/// (before `enforced`) is at most a warning. A LoanGroup rule is about balances on the as-of date, so it
/// follows the as-of date like a document rule.
public enum LedgerRegime {
    /// The severity of a Loan rule's finding on a loan dated `loanDay`, and the note of a lowered one.
    public static func severity(
        rule: Rule, packStatus: PackStatus, loanDay: CivilDate, escalated: Bool
    ) -> (severity: FindingSeverity, note: LocalizedText?) {
        var base = rule.severity
        if escalated, let escalation = rule.escalation { base = max(base, escalation.severity) }
        return Regime.severity(base, rule: rule, packStatus: packStatus, on: loanDay)
    }

    /// Whether a loan dated `loanDay` is bound by a Loan rule.
    public static func binds(_ rule: Rule, loanDay: CivilDate) -> Bool {
        guard loanDay >= rule.bindsNewBusinessFrom else { return false }
        if let repealed = rule.repealed, loanDay >= repealed { return false }
        return true
    }
}
