import Diagnostics

/// A runtime value of the rule language.
///
/// Compared values are exact: money, ratios and rates hold `ExactNumber`, never binary floating point.
/// An absent optional field is not a value: it is a key missing from `Record.fields`, and reading it
/// makes the evaluation "unknown" (see `Evaluation`).
public enum Value: Sendable, Hashable {
    case boolean(Bool)
    case integer(Int)
    case decimal(ExactNumber)
    /// Yuan (CNY).
    case money(ExactNumber)
    case ratio(Ratio)
    case rate(Rate)
    case date(CivilDate)
    case duration(CalendarDuration)
    case province(Province)
    case string(String)
    case enumeration(EnumValue)
    case list(ListValue)
    case record(Record)

    /// Convenience for a list without element locations.
    public static func list(_ elements: [Value]) -> Value { .list(ListValue(elements)) }

    /// The kind of value, named like the static type (`money`, `list`, the record type's name).
    public var kindName: String {
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
        case .enumeration(let value): value.typeName
        case .list: "list"
        case .record(let record): record.typeName
        }
    }
}

/// A list value with, optionally, the document location of each element (for evidence).
public struct ListValue: Sendable, Hashable {
    /// The elements in document order.
    public let elements: [Value]
    /// One entry per element, or none when no locations are known, or one shared by every element
    /// (`isUniform`, e.g. the `all` that stands for 31 provinces).
    public let locations: [SourceLocation?]
    /// Whether the single entry of `locations` is the location of every element. (A flag rather than a
    /// separate optional location keeps `ListValue`, and so every `Value`, small.)
    public let isUniform: Bool

    /// A list; `locations` is ignored unless it has one entry per element.
    public init(_ elements: [Value], locations: [SourceLocation?] = []) {
        self.elements = elements
        self.locations = locations.count == elements.count ? locations : []
        isUniform = false
    }

    /// A list whose elements all come from one place; `elements` may be a shared constant array, so a
    /// document set holds the 31 provinces of `[all]` once, not once per product.
    public init(_ elements: [Value], uniformLocation: SourceLocation?) {
        self.elements = elements
        locations = [uniformLocation]
        isUniform = true
    }

    /// The document location of element `index`, if known (a record element's own location otherwise).
    public func location(at index: Int) -> SourceLocation? {
        if isUniform, index < elements.count, let location = locations.first ?? nil { return location }
        if !isUniform, index < locations.count, let location = locations[index] { return location }
        if index < elements.count, case .record(let record) = elements[index] { return record.location }
        return nil
    }

    // Locations are provenance, not part of the value.
    public static func == (lhs: ListValue, rhs: ListValue) -> Bool { lhs.elements == rhs.elements }
    public func hash(into hasher: inout Hasher) { hasher.combine(elements) }
}
