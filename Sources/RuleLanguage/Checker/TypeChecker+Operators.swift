import Diagnostics
extension TypeChecker {
    mutating func binary(
        _ op: BinaryOperator, _ leftSyntax: Syntax, _ rightSyntax: Syntax, operatorAt: Int, span: SourceSpan,
        _ scope: [Local]
    ) -> Typed? {
        // `1/3`: two integer literals divided form an exact ratio literal that keeps its text.
        if op == .divide, let numerator = leftSyntax.integerLiteral, let denominator = rightSyntax.integerLiteral {
            guard denominator != 0 else {
                report("division by zero", at: operatorAt)
                return nil
            }
            // Two integers of at most 19 digits: the 38-digit quotient always exists.
            let quotient = (try? ExactNumber(numerator).dividing(by: ExactNumber(denominator))) ?? .zero
            let ratio = Ratio(quotient, fractionText: "\(numerator)/\(denominator)")
            return Typed(.constant(.ratio(ratio)), .ratio, span: span, anchor: operatorAt, isConstant: true)
        }
        let checkedLeft = check(leftSyntax, scope)
        let checkedRight = check(rightSyntax, scope)
        guard let left = checkedLeft, let right = checkedRight else { return nil }
        let constant = left.isConstant && right.isConstant
        switch op {
        case .and, .or:
            let leftOK = expect(left, .boolean, "'\(op.rawValue)'")
            let rightOK = expect(right, .boolean, "'\(op.rawValue)'")
            guard leftOK, rightOK else { return nil }
            return Typed(.logical(op, left, right), .boolean, span: span, anchor: operatorAt, isConstant: constant)
        case .add, .subtract, .multiply, .divide:
            guard let (l, r, type, unit) = arithmetic(op, left, right, operatorAt: operatorAt) else { return nil }
            return Typed(.arithmetic(op, l, r), type, span: span, anchor: operatorAt, isConstant: constant,
                         durationUnit: unit)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            guard let (l, r) = comparable(op, left, right, operatorAt: operatorAt) else { return nil }
            return Typed(.comparison(op, l, r), .boolean, span: span, anchor: operatorAt, isConstant: constant)
        case .in, .notIn, .subset:
            guard membership(op, left, right, operatorAt: operatorAt) else { return nil }
            return Typed(.comparison(op, left, right), .boolean, span: span, anchor: operatorAt, isConstant: constant)
        }
    }

    // MARK: Arithmetic

    private mutating func arithmetic(
        _ op: BinaryOperator, _ left: Typed, _ right: Typed, operatorAt: Int
    ) -> (Typed, Typed, ValueType, CalendarDuration.Unit?)? {
        let (l, r) = (left.type, right.type)
        let dimensionless = { (type: ValueType) in type.isScalar || type == .ratio }
        func result(_ type: ValueType, _ unit: CalendarDuration.Unit? = nil) -> (Typed, Typed, ValueType, CalendarDuration.Unit?) {
            (left, right, type, unit)
        }
        switch op {
        case .add, .subtract:
            if l == .integer, r == .integer { return result(.integer) }
            if l.isScalar, r.isScalar { return result(.decimal) }
            if l == .ratio, dimensionless(r) || r == .ratio { return result(.ratio) }
            if r == .ratio, dimensionless(l) { return result(.ratio) }
            if l == .money, r == .money || (r.isScalar && right.isConstant) { return (left, toMoney(right), .money, nil) }
            if r == .money, l.isScalar, left.isConstant { return (toMoney(left), right, .money, nil) }
            if l == .rate, r == .rate { return result(.rate) }
            if l == .duration, r == .duration {
                guard let unit = sameDurationUnit(left, right, operatorAt: operatorAt, verb: op == .add ? "add" : "subtract") else {
                    return nil
                }
                return result(.duration, unit)
            }
            if l == .date, r == .duration { return result(.date) }
            if op == .add, l == .duration, r == .date { return result(.date) }
            if op == .subtract, l == .date, r == .date { return result(.duration, .days) }
        case .multiply:
            if l == .integer, r == .integer { return result(.integer) }
            if l.isScalar, r.isScalar { return result(.decimal) }
            if dimensionless(l), dimensionless(r) { return result(.ratio) }
            if l == .money, dimensionless(r) { return result(.money) }
            if r == .money, dimensionless(l) { return result(.money) }
            if l == .rate, dimensionless(r) { return result(.rate) }
            if r == .rate, dimensionless(l) { return result(.rate) }
            if l == .duration, r == .integer { return result(.duration, left.durationUnit) }
            if r == .duration, l == .integer { return result(.duration, right.durationUnit) }
        case .divide:
            if l.isScalar, r.isScalar { return result(.decimal) }
            if l == .ratio, dimensionless(r) { return result(.ratio) }
            if r == .ratio, l.isScalar { return result(.decimal) }
            if l == .money, dimensionless(r) { return result(.money) }
            if l == .money, r == .money { return result(.ratio) }
            if l == .rate, dimensionless(r) { return result(.rate) }
            if l == .rate, r == .rate { return result(.ratio) }
        default:
            break
        }
        let message = switch op {
        case .add: "cannot add \(l) and \(r)"
        case .subtract: "cannot subtract \(r) from \(l)"
        case .multiply: "cannot multiply \(l) by \(r)"
        default: "cannot divide \(l) by \(r)"
        }
        report(message, at: operatorAt, hint: arithmeticHint(op, left, right))
        return nil
    }

    private func arithmeticHint(_ op: BinaryOperator, _ left: Typed, _ right: Typed) -> String? {
        let types = Set([left.type, right.type])
        if types == [.money, .ratio], op == .add || op == .subtract {
            return "to scale an amount by a percentage, multiply: amount * (1 + 5%)"
        }
        if types.contains(.money), types.contains(.integer) || types.contains(.decimal) {
            return "a bare number is read as yuan only when it is written as a literal, e.g. 200000"
        }
        if types == [.rate, .ratio] { return "a rate has a period: write 24% per year, or use annualized(rate)" }
        if left.type == .money, right.type == .money, op == .multiply { return "money × money has no meaning; multiply by a ratio" }
        return nil
    }

    /// The common unit of two durations for `+`/`-`, reporting days mixed with months when both are known.
    private mutating func sameDurationUnit(
        _ left: Typed, _ right: Typed, operatorAt: Int, verb: String
    ) -> CalendarDuration.Unit?? {
        switch (left.durationUnit, right.durationUnit) {
        case (let a?, let b?) where a != b:
            report("cannot \(verb) a duration in \(a.rawValue) and a duration in \(b.rawValue)", at: operatorAt,
                   hint: "a month is 28 to 31 days; keep to one unit")
            return nil
        case (let a?, let b?) where a == b:
            return .some(a)
        default:
            return .some(nil)
        }
    }
}
