import RuleLanguage

/// A regime change of the calendar, with the subjects its rules touch when documents are given.
public struct CalendarEntry: Sendable {
    /// A subject a rule is checked on, and the outcome on the event's `checkedOn` day.
    public struct SubjectOutcome: Sendable, Hashable {
        public let subject: SubjectReference
        /// passed, failed, cannot-evaluate, or exempt-closed (a product closed before the rule binds new business).
        public let status: CheckStatus
    }

    /// One rule of the event and the documents it applies to.
    public struct RuleSubjects: Sendable {
        public let rule: String
        /// A Loan or LoanGroup rule: it checks the rows of loan tapes, which are not listed.
        public let checksLoans: Bool
        /// When the rule is not in force on the event's `checkedOn` day (a parameter that changes before
        /// the rule takes effect): its `effective` and `repealed` dates; nil when it is in force.
        public let notInForce: (effective: CivilDate, repealed: CivilDate?)?
        public let subjects: [SubjectOutcome]
    }

    public let event: RegimeEvent
    /// Per rule of the event, the documents it applies to; nil when no documents were given.
    public let rules: [RuleSubjects]?
}
