import LedgerTape
import RuleLanguage

/// A value on the streaming engine's hot path: numbers as exact fixed-point, dates as day numbers,
/// enum cases and ids as interned symbols. No allocation, no `Decimal`.
enum FastValue: Equatable {
    /// Money (yuan), ratios (fractions) and plain numbers.
    case number(FixedPoint)
    case day(Int32)
    /// An interned enum case or id (`SymbolTable`).
    case symbol(Int32)
    case province(UInt8)
    case bool(Bool)

    /// `lhs <=> rhs` for values of one kind; nil for values that do not compare.
    static func order(_ lhs: FastValue, _ rhs: FastValue) -> Int? {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.day(let a), .day(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.symbol(let a), .symbol(let b)): a == b ? 0 : nil
        case (.province(let a), .province(let b)): a == b ? 0 : nil
        case (.bool(let a), .bool(let b)): a == b ? 0 : nil
        default: nil
        }
    }
}

/// Three-valued truth, as the rule language has it: unknown when a value is absent.
enum Tri: UInt8 {
    case no = 0
    case yes = 1
    case unknown = 2

    init(_ value: Bool) { self = value ? .yes : .no }

    var negated: Tri {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}

/// Interned strings: enum cases, institution and product ids, constants of rules.
struct SymbolTable {
    private(set) var ids: [String: Int32] = [:]

    mutating func intern(_ text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(ids.count)
        ids[text] = id
        return id
    }
}

/// Rule-language values as fast values (nil for a value the hot path does not hold: a record, a
/// list, a rate, a duration, a text that is not interned).
enum FastConversion {
    static func fast(_ value: Value, symbols: inout SymbolTable) -> FastValue? {
        switch value {
        case .boolean(let flag): .bool(flag)
        case .integer(let number): .number(FixedPoint(number))
        case .decimal(let number), .money(let number): FixedPoint(exactly: number).map(FastValue.number)
        case .ratio(let ratio): FixedPoint(exactly: ratio.value).map(FastValue.number)
        case .date(let date): .day(Int32(date.dayNumber))
        case .province(let province): .province(province.tableIndex)
        case .enumeration(let value): .symbol(symbols.intern(value.caseName))
        case .string(let text): .symbol(symbols.intern(text))
        default: nil
        }
    }
}
