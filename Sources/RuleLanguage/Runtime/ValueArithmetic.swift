#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Arithmetic on runtime values with the unit rules of the language. The type checker has already
/// rejected meaningless combinations; these functions still check every case so that a binding of the
/// wrong kind is an error value, never a crash.
enum ValueArithmetic {
    static func add(_ left: Value, _ right: Value) throws(OperationError) -> Value {
        try combine(left, right, negateRight: false)
    }

    static func subtract(_ left: Value, _ right: Value) throws(OperationError) -> Value {
        if case .date(let a) = left, case .date(let b) = right { return .duration(.days(a.dayNumber - b.dayNumber)) }
        return try combine(left, right, negateRight: true)
    }

    private static func combine(_ left: Value, _ right: Value, negateRight: Bool) throws(OperationError) -> Value {
        let verb = negateRight ? "subtract" : "add"
        switch (left, right) {
        case (.integer(let a), .integer(let b)):
            let (sum, overflow) = negateRight ? a.subtractingReportingOverflow(b) : a.addingReportingOverflow(b)
            if overflow { throw OperationError("integer overflow") }
            return .integer(sum)
        case (.date(let date), .duration(let duration)):
            return .date(try shift(date, duration, negate: negateRight))
        case (.duration(let duration), .date(let date)) where !negateRight:
            return .date(try shift(date, duration, negate: false))
        case (.duration(let a), .duration(let b)):
            guard a.unit == b.unit else {
                throw OperationError("cannot \(verb) \(a) and \(b): months and days are different units")
            }
            let (sum, overflow) = negateRight ? a.count.subtractingReportingOverflow(b.count) : a.count.addingReportingOverflow(b.count)
            if overflow { throw OperationError("duration overflow") }
            return .duration(CalendarDuration(sum, a.unit))
        case (.rate(let a), .rate(let b)):
            let period = a.period == b.period ? a.period : .year
            let x = a.converted(to: period).ratio.value
            let y = b.converted(to: period).ratio.value
            return .rate(Rate(Ratio(try checked(negateRight ? x - y : x + y)), per: period))
        default:
            break
        }
        guard let (a, b, kind) = numericPair(left, right) else {
            throw OperationError("cannot \(verb) \(left.kindName) and \(right.kindName)")
        }
        return try make(kind, checked(negateRight ? a - b : a + b))
    }

    static func multiply(_ left: Value, _ right: Value) throws(OperationError) -> Value {
        switch (left, right) {
        case (.integer(let a), .integer(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw OperationError("integer overflow") }
            return .integer(product)
        case (.duration(let duration), .integer(let factor)), (.integer(let factor), .duration(let duration)):
            let (product, overflow) = duration.count.multipliedReportingOverflow(by: factor)
            if overflow { throw OperationError("duration overflow") }
            return .duration(CalendarDuration(product, duration.unit))
        case (.rate(let rate), _):
            guard let factor = dimensionless(right) else { break }
            return .rate(Rate(Ratio(try product(rate.ratio.value, factor)), per: rate.period))
        case (_, .rate(let rate)):
            guard let factor = dimensionless(left) else { break }
            return .rate(Rate(Ratio(try product(factor, rate.ratio.value)), per: rate.period))
        default:
            break
        }
        if case .money = left, case .money = right { throw OperationError("cannot multiply money by money") }
        guard let (a, b, kind) = numericPair(left, right) else {
            throw OperationError("cannot multiply \(left.kindName) by \(right.kindName)")
        }
        return try make(kind, product(a, b))
    }

    static func divide(_ left: Value, _ right: Value) throws(OperationError) -> Value {
        if let divisor = dimensionless(right) ?? moneyAmount(right) ?? rateAnnual(right), divisor == 0 {
            throw OperationError("division by zero")
        }
        switch (left, right) {
        case (.money(let a), .money(let b)):
            return .ratio(Ratio(try checked(a / b)))
        case (.rate(let a), .rate(let b)):
            return .ratio(Ratio(try checked(a.annualized / b.annualized)))
        case (.rate(let rate), _):
            guard let divisor = dimensionless(right) else { break }
            return .rate(Rate(Ratio(try checked(rate.ratio.value / divisor)), per: rate.period))
        case (.integer(let a), .integer(let b)):
            return .decimal(try checked(Decimal(a) / Decimal(b)))
        case (_, .ratio(let ratio)) where isScalar(left):
            guard let a = dimensionless(left) else { break }
            return .decimal(try checked(a / ratio.value))
        default:
            break
        }
        guard let (a, b, kind) = numericPair(left, right) else {
            throw OperationError("cannot divide \(left.kindName) by \(right.kindName)")
        }
        return try make(kind, checked(a / b))
    }

    static func negate(_ value: Value) throws(OperationError) -> Value {
        switch value {
        case .integer(let a):
            guard a != Int.min else { throw OperationError("integer overflow") }
            return .integer(-a)
        case .decimal(let a): return .decimal(-a)
        case .money(let a): return .money(-a)
        case .ratio(let a): return .ratio(Ratio(-a.value))
        case .rate(let a): return .rate(Rate(Ratio(-a.ratio.value), per: a.period))
        case .duration(let a):
            guard a.count != Int.min else { throw OperationError("duration overflow") }
            return .duration(CalendarDuration(-a.count, a.unit))
        default: throw OperationError("cannot negate \(value.kindName)")
        }
    }

    // MARK: Numeric families

    /// The kind of a numeric result: money dominates, then ratio, then decimal.
    private enum NumericKind { case integer, decimal, ratio, money }

    /// Both operands as decimals with the kind of the result, or nil when one is not numeric.
    private static func numericPair(_ left: Value, _ right: Value) -> (Decimal, Decimal, NumericKind)? {
        guard let (a, kindA) = numeric(left), let (b, kindB) = numeric(right) else { return nil }
        let kinds = [kindA, kindB]
        let kind: NumericKind = kinds.contains(.money) ? .money : kinds.contains(.ratio) ? .ratio : .decimal
        return (a, b, kind)
    }

    private static func numeric(_ value: Value) -> (Decimal, NumericKind)? {
        switch value {
        case .integer(let a): (Decimal(a), .integer)
        case .decimal(let a): (a, .decimal)
        case .ratio(let a): (a.value, .ratio)
        case .money(let a): (a, .money)
        default: nil
        }
    }

    private static func make(_ kind: NumericKind, _ value: Decimal) -> Value {
        switch kind {
        case .money: .money(value)
        case .ratio: .ratio(Ratio(value))
        case .integer, .decimal: .decimal(value)
        }
    }

    static func dimensionless(_ value: Value) -> Decimal? {
        switch value {
        case .integer(let a): Decimal(a)
        case .decimal(let a): a
        case .ratio(let a): a.value
        default: nil
        }
    }

    private static func isScalar(_ value: Value) -> Bool {
        switch value {
        case .integer, .decimal: true
        default: false
        }
    }

    private static func moneyAmount(_ value: Value) -> Decimal? {
        if case .money(let amount) = value { return amount }
        return nil
    }

    private static func rateAnnual(_ value: Value) -> Decimal? {
        if case .rate(let rate) = value { return rate.annualized }
        return nil
    }

    /// `a × b` through `ExactDecimal.product`: Decimal traps on an underflowing product, so a result out of
    /// range either way is an error value, never a crash.
    private static func product(_ a: Decimal, _ b: Decimal) throws(OperationError) -> Decimal {
        guard let result = ExactDecimal.product(a, b) else {
            if a.exponent + b.exponent < ExactDecimal.minimumExponent {
                throw OperationError("arithmetic underflow (the product is too close to zero to be held exactly)")
            }
            throw OperationError("arithmetic overflow (more than 38 significant digits or out of range)")
        }
        return result
    }

    /// Decimal arithmetic signals overflow with NaN; turn it into an error.
    static func checked(_ value: Decimal) throws(OperationError) -> Decimal {
        if value.isNaN { throw OperationError("arithmetic overflow (more than 38 significant digits or out of range)") }
        return value
    }

    /// The date moved by a duration; the result must stay within years 1…9999.
    private static func shift(_ date: CivilDate, _ duration: CalendarDuration, negate: Bool) throws(OperationError) -> CivilDate {
        let limit = duration.unit == .days ? 3_700_000 : 120_000
        guard abs(duration.count) <= limit else { throw OperationError("date out of range (years 1 to 9999)") }
        let count = negate ? -duration.count : duration.count
        let result = duration.unit == .days ? date.adding(days: count) : date.adding(months: count)
        guard CivilDate.yearRange.contains(result.year) else { throw OperationError("date out of range (years 1 to 9999)") }
        return result
    }
}
