/// The static type of a rule-language expression or of a document field.
///
/// Record and enum types are referred to by name; their shapes live in a `TypeEnvironment` that the
/// document loader builds from data, so the language knows no Swift types of the domain.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    /// A whole number (counts, days between dates).
    case integer
    /// An exact dimensionless decimal number.
    case decimal
    /// An amount of Chinese yuan (CNY), exact.
    case money
    /// A percentage or fraction (`30%`, `1/3`), held as the exact fraction.
    case ratio
    /// A percentage per period (`0.05% per day`).
    case rate
    /// A calendar date without time zone.
    case date
    /// A whole number of days or of months.
    case duration
    /// A province-level division of China (ISO 3166-2:CN).
    case province
    case string
    case list(ValueType)
    /// A record of a type declared in the environment.
    case record(String)
    /// A value of an enum type declared in the environment.
    case enumeration(String)

    /// The name used in messages: `money`, `list of province`, `Institution`.
    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .integer: "integer"
        case .decimal: "decimal"
        case .money: "money"
        case .ratio: "ratio"
        case .rate: "rate"
        case .date: "date"
        case .duration: "duration"
        case .province: "province"
        case .string: "string"
        case .list(let element): "list of \(element)"
        case .record(let name): name
        case .enumeration(let name): name
        }
    }

    /// Integer or decimal: a plain number without unit.
    var isScalar: Bool { self == .integer || self == .decimal }

    /// Types whose values have an order (`<`, `min`, `max`).
    var isOrdered: Bool {
        switch self {
        case .integer, .decimal, .money, .ratio, .rate, .date, .duration: true
        default: false
        }
    }

    /// The element type when this is a list.
    var elementType: ValueType? {
        if case .list(let element) = self { return element }
        return nil
    }
}
