/// Equality and order of runtime values. Numbers of different kinds compare by value (`20万 == 200000`,
/// `30% == 0.3`); rates compare by their annual equivalent; a duration in months and one in days compare
/// only when every calendar placement agrees (`CalendarDuration.dayBounds`).
enum ValueComparison {
    static func holds(_ op: BinaryOperator, _ left: Value, _ right: Value) throws(OperationError) -> Bool {
        switch op {
        case .equal: return try equals(left, right)
        case .notEqual: return try !equals(left, right)
        case .in: return try contains(right, left)
        case .notIn: return try !contains(right, left)
        case .subset: return try missingFromSuperset(left, right).isEmpty
        default: break
        }
        if case .duration(let a) = left, case .duration(let b) = right, a.unit != b.unit {
            return try holds(op, a, b)
        }
        if let a = number(left), let b = number(right) {
            let order = ExactNumber.compare(a, b)
            switch op {
            case .less: return order < 0
            case .lessEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
        let order = try compare(left, right)
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// -1, 0 or 1.
    static func compare(_ left: Value, _ right: Value) throws(OperationError) -> Int {
        switch (left, right) {
        case (.date(let a), .date(let b)): return sign(a.dayNumber, b.dayNumber)
        case (.rate(let a), .rate(let b)):
            if a.period == b.period { return ExactNumber.compare(a.ratio.value, b.ratio.value) }
            guard let x = a.annualized, let y = b.annualized else { throw OperationError(ExactNumber.ArithmeticError.overflow.message) }
            return ExactNumber.compare(x, y)
        case (.duration(let a), .duration(let b)): return try compare(a, b)
        default: break
        }
        guard let a = number(left), let b = number(right) else {
            throw OperationError("cannot compare \(left.kindName) and \(right.kindName)")
        }
        return ExactNumber.compare(a, b)
    }

    static func equals(_ left: Value, _ right: Value) throws(OperationError) -> Bool {
        switch (left, right) {
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.province(let a), .province(let b)): return a == b
        case (.enumeration(let a), .enumeration(let b)): return a == b
        case (.enumeration(let a), .string(let b)), (.string(let b), .enumeration(let a)): return a.caseName == b
        case (.record(let a), .record(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.elements.count == b.elements.count else { return false }
            for (x, y) in zip(a.elements, b.elements) where try !equals(x, y) { return false }
            return true
        case (.duration(let a), .duration(let b)) where a.unit != b.unit:
            let days = a.unit == .days ? a.count : b.count
            let bounds = (a.unit == .months ? a : b).dayBounds
            if !bounds.contains(days) { return false }
            if bounds.lowerBound == bounds.upperBound { return true }
            throw undecidable(a, b)
        default:
            if let a = number(left), let b = number(right) { return a == b }
            return try compare(left, right) == 0
        }
    }

    static func contains(_ list: Value, _ member: Value) throws(OperationError) -> Bool {
        guard case .list(let elements) = list else { throw OperationError("'in' needs a list, found \(list.kindName)") }
        for element in elements.elements where try equals(member, element) { return true }
        return false
    }

    /// Indices of the elements of `subset` that are not in `superset`.
    static func missingFromSuperset(_ subset: Value, _ superset: Value) throws(OperationError) -> [Int] {
        guard case .list(let elements) = subset else {
            throw OperationError("'subset' needs a list, found \(subset.kindName)")
        }
        var missing: [Int] = []
        for (index, element) in elements.elements.enumerated() where try !contains(superset, element) {
            missing.append(index)
        }
        return missing
    }

    /// An order between days and months, decided when every calendar placement agrees:
    /// `24 months <= 731 days` holds (24 months are at most 731 days), `24 months <= 730 days` cannot be decided.
    private static func holds(_ op: BinaryOperator, _ a: CalendarDuration, _ b: CalendarDuration) throws(OperationError) -> Bool {
        let x = a.dayBounds
        let y = b.dayBounds
        let decision: Bool? = switch op {
        case .less: x.upperBound < y.lowerBound ? true : x.lowerBound >= y.upperBound ? false : nil
        case .lessEqual: x.upperBound <= y.lowerBound ? true : x.lowerBound > y.upperBound ? false : nil
        case .greater: x.lowerBound > y.upperBound ? true : x.upperBound <= y.lowerBound ? false : nil
        default: x.lowerBound >= y.upperBound ? true : x.upperBound < y.lowerBound ? false : nil
        }
        guard let decision else { throw undecidable(a, b) }
        return decision
    }

    private static func compare(_ a: CalendarDuration, _ b: CalendarDuration) throws(OperationError) -> Int {
        if a.unit == b.unit { return sign(a.count, b.count) }
        let boundsA = a.dayBounds
        let boundsB = b.dayBounds
        if boundsA.upperBound < boundsB.lowerBound { return -1 }
        if boundsA.lowerBound > boundsB.upperBound { return 1 }
        if boundsA.lowerBound == boundsA.upperBound, boundsB.lowerBound == boundsB.upperBound,
           boundsA.lowerBound == boundsB.lowerBound { return 0 }
        throw undecidable(a, b)
    }

    private static func undecidable(_ a: CalendarDuration, _ b: CalendarDuration) -> OperationError {
        let months = a.unit == .months ? a : b
        let bounds = months.dayBounds
        return OperationError(
            "cannot compare \(a) with \(b): \(months) is \(bounds.lowerBound) to \(bounds.upperBound) days depending on the calendar",
            hint: "compare months with months or days with days")
    }

    /// Numbers of every kind as exact decimals (money in yuan, ratios as fractions).
    static func number(_ value: Value) -> ExactNumber? {
        switch value {
        case .integer(let a): ExactNumber(a)
        case .decimal(let a): a
        case .money(let a): a
        case .ratio(let a): a.value
        default: nil
        }
    }

    private static func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}
