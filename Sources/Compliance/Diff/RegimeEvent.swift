import RuleLanguage

/// A day on which the law the packs state changes: a rule takes effect, its transition ends, it starts
/// to bind new business, it is repealed, or a parameter takes a new value.
public struct RegimeEvent: Sendable, Hashable {
    /// What changes on the day.
    public enum Kind: Sendable, Hashable {
        /// `effective`: the rule applies from this day.
        case takesEffect
        /// `enforced`: the transition is over; from this day a violation has the rule's own severity.
        case transitionEnds
        /// `new_business_from`: from this day new business must comply (a product closed before it is exempt).
        case bindsNewBusiness
        /// `repealed`: the first day the rule no longer applies.
        case repealed
        /// A dated value of a parameter (`history`): `previous` is nil for the first value.
        case parameterChange(name: String, previous: String?, value: String, source: String?)

        /// The kind as a stable word (JSON, HTML attributes).
        public var name: String {
            switch self {
            case .takesEffect: "takes-effect"
            case .transitionEnds: "transition-ends"
            case .bindsNewBusiness: "binds-new-business"
            case .repealed: "repealed"
            case .parameterChange: "parameter-change"
            }
        }
    }

    public let date: CivilDate
    public let kind: Kind
    public let packId: String
    /// The pack's instrument number (`金规〔2025〕9号`).
    public let instrument: String
    public let packStatus: PackStatus
    /// The rules the change touches, in pack order: the rules with that date, or those reading the parameter.
    public let rules: [String]

    public init(date: CivilDate, kind: Kind, packId: String, instrument: String, packStatus: PackStatus, rules: [String]) {
        self.date = date
        self.kind = kind
        self.packId = packId
        self.instrument = instrument
        self.packStatus = packStatus
        self.rules = rules
    }

    /// The last day on which the rules touched are checked as the change leaves them: the day itself,
    /// or the day before a repeal (on the day of a repeal there is nothing left to check).
    public var checkedOn: CivilDate { kind == .repealed ? date.adding(days: -1) : date }
}
