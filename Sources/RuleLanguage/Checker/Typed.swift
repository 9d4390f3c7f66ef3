/// A type-checked expression: the syntax with every name resolved and every node typed.
///
/// Public read-only so later stages can lower a checked rule into another form (the ledger plan);
/// only the type checker makes one.
public struct Typed: Sendable {
    public indirect enum Kind: Sendable {
        case constant(Value)
        /// A variable bound by the caller (`product`).
        case variable(String)
        /// A lambda parameter, stored in frame slot `slot`.
        case local(slot: Int, name: String)
        case field(Typed, name: String)
        case index(Typed, Typed)
        case negate(Typed)
        case not(Typed)
        case arithmetic(BinaryOperator, Typed, Typed)
        /// `== != < <= > >= in, not in, subset`.
        case comparison(BinaryOperator, Typed, Typed)
        /// `and`, `or`.
        case logical(BinaryOperator, Typed, Typed)
        case conditional(Typed, then: Typed, else: Typed)
        case call(Builtin, [Typed], lambda: Lambda?)
        case list([Typed])
        /// A conversion to this node's type: a bare number read as yuan next to money
        /// (`credit_line.max <= 200000`), or an integer widened to decimal.
        case convert(Typed)
    }

    /// `x => body`: the parameter lives in frame slot `slot`.
    public struct Lambda: Sendable {
        public let slot: Int
        public let parameter: String
        public let body: Typed
    }

    public let kind: Kind
    public let type: ValueType
    /// The whole expression's text range (evidence labels).
    public let span: SourceSpan
    /// Where errors of this node point: the operator of a binary expression, else the start.
    public let anchor: Int
    /// No variable is involved, so the compiler folds it.
    public let isConstant: Bool
    /// A number literal written without unit.
    public let isBareNumber: Bool
    /// For durations: the unit when known before evaluation (literals, `date - date`).
    public let durationUnit: CalendarDuration.Unit?

    init(
        _ kind: Kind, _ type: ValueType, span: SourceSpan, anchor: Int? = nil, isConstant: Bool,
        isBareNumber: Bool = false, durationUnit: CalendarDuration.Unit? = nil
    ) {
        self.kind = kind
        self.type = type
        self.span = span
        self.anchor = anchor ?? span.start
        self.isConstant = isConstant
        self.isBareNumber = isBareNumber
        self.durationUnit = durationUnit
    }

    /// The constant value when this node is a literal or was folded.
    public var constantValue: Value? {
        if case .constant(let value) = kind { return value }
        return nil
    }
}

/// The built-in functions.
public enum Builtin: String, Sendable, CaseIterable {
    case all, any, count, sum, filter, map, min, max, has, abs, len
    case daysBetween = "days_between"
    case annualized
    case perDay = "per_day"
    case perMonth = "per_month"
    case perYear = "per_year"
    /// `on(param.NAME, date)`: the parameter's value in force on that date (a dated history).
    case on
    /// `each(list)`: a multi-valued group key (a ledger rule's `group_by` only): one group per element.
    case each

    /// Functions whose last argument may be a lambda `x => …` over the first argument's elements.
    var takesLambda: Bool {
        switch self {
        case .all, .any, .count, .sum, .filter, .map: true
        default: false
        }
    }

    /// The signature shown in arity errors.
    var signature: String {
        switch self {
        case .all: "all(list, x => condition)"
        case .any: "any(list, x => condition)"
        case .count: "count(list) or count(list, x => condition)"
        case .sum: "sum(list) or sum(list, x => amount)"
        case .filter: "filter(list, x => condition)"
        case .map: "map(list, x => value)"
        case .min: "min(list) or min(a, b)"
        case .max: "max(list) or max(a, b)"
        case .has: "has(record.field)"
        case .abs: "abs(number)"
        case .len: "len(list or string)"
        case .daysBetween: "days_between(from, to)"
        case .annualized: "annualized(rate)"
        case .perDay: "per_day(rate)"
        case .perMonth: "per_month(rate)"
        case .perYear: "per_year(rate)"
        case .on: "on(param.NAME, date)"
        case .each: "each(list), in a LoanGroup rule's group_by"
        }
    }
}
