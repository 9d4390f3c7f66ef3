import Diagnostics
extension TypeChecker {
    /// Checks that `left op right` compares like with like; returns the operands with a bare number
    /// next to money read as yuan.
    mutating func comparable(
        _ op: BinaryOperator, _ left: Typed, _ right: Typed, operatorAt: Int
    ) -> (Typed, Typed)? {
        let ordering = !(op == .equal || op == .notEqual)
        let (l, r) = (left.type, right.type)
        let refuse = { (checker: inout TypeChecker, hint: String?) -> (Typed, Typed)? in
            checker.report("cannot compare \(l) and \(r)", at: operatorAt, hint: hint)
            return nil
        }
        if l.isScalar, r.isScalar { return (left, right) }
        if l == .ratio, r.isScalar || r == .ratio { return bareNumberNextToRatio(right) ? nil : (left, right) }
        if r == .ratio, l.isScalar { return bareNumberNextToRatio(left) ? nil : (left, right) }
        if l == .money, r.isScalar {
            guard right.isConstant else { return refuse(&self, "a bare number is read as yuan only when it is a literal") }
            return (left, toMoney(right))
        }
        if r == .money, l.isScalar {
            guard left.isConstant else { return refuse(&self, "a bare number is read as yuan only when it is a literal") }
            return (toMoney(left), right)
        }
        if case .enumeration(let name) = l, r == .string {
            guard !ordering else { return refuse(&self, "enum values have no order") }
            return checkEnumLiteral(right, of: name) ? (left, right) : nil
        }
        if case .enumeration(let name) = r, l == .string {
            guard !ordering else { return refuse(&self, "enum values have no order") }
            return checkEnumLiteral(left, of: name) ? (left, right) : nil
        }
        guard l == r else {
            let hint: String? = Set([l, r]) == [.rate, .ratio]
                ? "a rate has a period: compare with 24% per year, or use annualized(rate)" : nil
            return refuse(&self, hint)
        }
        switch l {
        case .record:
            report("records cannot be compared", at: operatorAt, hint: "compare their fields")
            return nil
        case .list(let element) where ordering:
            report("lists of \(element) have no order", at: operatorAt)
            return nil
        case .list(.enumeration(let name)):
            if case .list(let elements) = right.kind { for element in elements { _ = checkEnumLiteral(element, of: name) } }
            if case .list(let elements) = left.kind { for element in elements { _ = checkEnumLiteral(element, of: name) } }
            return (left, right)
        case .boolean, .string, .province, .enumeration:
            guard !ordering else {
                report("\(l) values have no order", at: operatorAt, hint: "compare them with == or !=")
                return nil
            }
            return (left, right)
        case .duration:
            if let a = left.durationUnit, let b = right.durationUnit, a != b, !(left.isConstant && right.isConstant) {
                report("cannot compare a duration in \(a.rawValue) with a duration in \(b.rawValue)", at: operatorAt,
                       hint: "a month is 28 to 31 days (12 months are 365 or 366); compare months with months or days with days")
                return nil
            }
            return (left, right)
        default:
            return (left, right)
        }
    }

    /// `share >= 30` is almost always a percentage written without `%`; reported with a hint.
    private mutating func bareNumberNextToRatio(_ typed: Typed) -> Bool {
        guard typed.isBareNumber, let value = typed.constantValue else { return false }
        let (digits, number): (String, ExactNumber) = switch value {
        case .integer(let integer): (String(integer), ExactNumber(integer))
        case .decimal(let decimal): (decimal.plainText, decimal)
        default: ("", 0)
        }
        report("cannot compare a ratio with the bare number \(digits)", at: typed.span.start,
               hint: UnitParser.bareNumberHint(digits, number))
        return true
    }

    /// A string literal compared with an enum must name one of its cases.
    mutating func checkEnumLiteral(_ typed: Typed, of enumName: String) -> Bool {
        guard case .constant(.string(let text)) = typed.kind, let enumType = environment.enums[enumName] else { return true }
        if enumType.cases.contains(text) { return true }
        let hint = Suggestions.hint(for: text, in: enumType.cases)
            ?? "\(enumName) is one of: " + enumType.cases.joined(separator: ", ")
        report("'\(text)' is not a case of \(enumName)", at: typed.span.start, hint: hint)
        return false
    }

    /// `x in list`, `x not in list`, `a subset b`.
    mutating func membership(_ op: BinaryOperator, _ left: Typed, _ right: Typed, operatorAt: Int) -> Bool {
        guard case .list(let element) = right.type else {
            report("'\(op.rawValue)' needs a list on the right, found \(right.type)", at: right.span.start,
                   hint: op == .subset ? nil : "write \(op.rawValue) [a, b]")
            return false
        }
        let member: Typed
        if op == .subset {
            guard case .list(let leftElement) = left.type else {
                report("'subset' needs a list on the left, found \(left.type)", at: left.span.start,
                       hint: "to test one value, write value in list")
                return false
            }
            member = Typed(.constant(.boolean(false)), leftElement, span: left.span, isConstant: false)
            if case .list(let elements) = left.kind, case .enumeration(let name) = element {
                return elements.allSatisfy { checkEnumLiteral($0, of: name) }
            }
        } else {
            member = left
        }
        if case .enumeration(let name) = member.type, element == .string, case .list(let elements) = right.kind {
            var valid = true
            for candidate in elements where !checkEnumLiteral(candidate, of: name) { valid = false }
            return valid
        }
        if element == member.type || (element.isScalar && member.type.isScalar) { return true }
        if element == .money && member.type.isScalar || member.type == .money && element.isScalar { return true }
        if case .enumeration = member.type, element == .string { return true }
        if case .enumeration = element, member.type == .string { return checkEnumLiteralInList(member, element) }
        report("cannot look for \(member.type) in a list of \(element)", at: operatorAt)
        return false
    }

    private mutating func checkEnumLiteralInList(_ member: Typed, _ element: ValueType) -> Bool {
        guard case .enumeration(let name) = element else { return true }
        return checkEnumLiteral(member, of: name)
    }
}
