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
            guard let x = a.converted(to: period)?.ratio.value, let y = b.converted(to: period)?.ratio.value else {
                throw OperationError(ExactNumber.ArithmeticError.overflow.message)
            }
            return .rate(Rate(Ratio(try checked { () throws(ExactNumber.ArithmeticError) in try negateRight ? x.subtracting(y) : x.adding(y) }), per: period))
        default:
            break
        }
        guard let (a, b, kind) = numericPair(left, right) else {
            throw OperationError("cannot \(verb) \(left.kindName) and \(right.kindName)")
        }
        return try make(kind, checked { () throws(ExactNumber.ArithmeticError) in try negateRight ? a.subtracting(b) : a.adding(b) })
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
            return .rate(Rate(Ratio(try checked { () throws(ExactNumber.ArithmeticError) in try rate.ratio.value.multiplied(by: factor) }), per: rate.period))
        case (_, .rate(let rate)):
            guard let factor = dimensionless(left) else { break }
            return .rate(Rate(Ratio(try checked { () throws(ExactNumber.ArithmeticError) in try factor.multiplied(by: rate.ratio.value) }), per: rate.period))
        default:
            break
        }
        if case .money = left, case .money = right { throw OperationError("cannot multiply money by money") }
        guard let (a, b, kind) = numericPair(left, right) else {
            throw OperationError("cannot multiply \(left.kindName) by \(right.kindName)")
        }
        return try make(kind, checked { () throws(ExactNumber.ArithmeticError) in try a.multiplied(by: b) })
    }

    static func divide(_ left: Value, _ right: Value) throws(OperationError) -> Value {
        if let divisor = dimensionless(right) ?? moneyAmount(right) ?? rateAnnual(right), divisor.isZero {
            throw OperationError("division by zero")
        }
        switch (left, right) {
        case (.money(let a), .money(let b)):
            return .ratio(Ratio(try quotient(a, b)))
        case (.rate(let a), .rate(let b)):
            guard let x = a.annualized, let y = b.annualized else { throw OperationError(ExactNumber.ArithmeticError.overflow.message) }
            return .ratio(Ratio(try quotient(x, y)))
        case (.rate(let rate), _):
            guard let divisor = dimensionless(right) else { break }
            return .rate(Rate(Ratio(try quotient(rate.ratio.value, divisor)), per: rate.period))
        case (.integer(let a), .integer(let b)):
            return .decimal(try quotient(ExactNumber(a), ExactNumber(b)))
        case (_, .ratio(let ratio)) where isScalar(left):
            guard let a = dimensionless(left) else { break }
            return .decimal(try quotient(a, ratio.value))
        default:
            break
        }
        guard let (a, b, kind) = numericPair(left, right) else {
            throw OperationError("cannot divide \(left.kindName) by \(right.kindName)")
        }
        return try make(kind, quotient(a, b))
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
    private static func numericPair(_ left: Value, _ right: Value) -> (ExactNumber, ExactNumber, NumericKind)? {
        guard let (a, kindA) = numeric(left), let (b, kindB) = numeric(right) else { return nil }
        let kinds = [kindA, kindB]
        let kind: NumericKind = kinds.contains(.money) ? .money : kinds.contains(.ratio) ? .ratio : .decimal
        return (a, b, kind)
    }

    private static func numeric(_ value: Value) -> (ExactNumber, NumericKind)? {
        switch value {
        case .integer(let a): (ExactNumber(a), .integer)
        case .decimal(let a): (a, .decimal)
        case .ratio(let a): (a.value, .ratio)
        case .money(let a): (a, .money)
        default: nil
        }
    }

    private static func make(_ kind: NumericKind, _ value: ExactNumber) -> Value {
        switch kind {
        case .money: .money(value)
        case .ratio: .ratio(Ratio(value))
        case .integer, .decimal: .decimal(value)
        }
    }

    static func dimensionless(_ value: Value) -> ExactNumber? {
        switch value {
        case .integer(let a): ExactNumber(a)
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

    private static func moneyAmount(_ value: Value) -> ExactNumber? {
        if case .money(let amount) = value { return amount }
        return nil
    }

    private static func rateAnnual(_ value: Value) -> ExactNumber? {
        if case .rate(let rate) = value { return rate.annualized }
        return nil
    }

    /// The quotient to 38 digits (`ExactNumber.dividing(by:)`), or an error value.
    private static func quotient(_ a: ExactNumber, _ b: ExactNumber) throws(OperationError) -> ExactNumber {
        try checked { () throws(ExactNumber.ArithmeticError) in try a.dividing(by: b) }
    }

    /// An exact operation whose failure (overflow, underflow, a zero divisor) becomes an error value.
    static func checked(_ operation: () throws(ExactNumber.ArithmeticError) -> ExactNumber) throws(OperationError) -> ExactNumber {
        do {
            return try operation()
        } catch {
            throw OperationError(error.message)
        }
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
