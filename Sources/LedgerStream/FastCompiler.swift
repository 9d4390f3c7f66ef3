import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan
import LedgerTape
import LoanDomain
import RuleLanguage

/// Compiles a ledger plan into closures over `RowContext`: institution fields become per-institution
/// tables, parameters and constants fast values, comparisons integer comparisons.
///
/// What the plan allows but the streaming engine cannot hold (a comparison of free text such as a
/// borrower id, a rate or a duration) is an error naming the rule, before any row is read.
struct FastCompiler {
    let institutions: [LoadedDocument]
    let products: [LoadedDocument]
    let parameters: [String: Parameter]
    let asOf: CivilDate
    let rule: Rule
    var symbols: SymbolTable
    /// Institution field tables, by path.
    private var fieldTables: [[String]: [FastValue?]] = [:]

    init(institutions: [LoadedDocument], products: [LoadedDocument], pack: RulePack, rule: Rule, asOf: CivilDate,
         symbols: SymbolTable) {
        self.institutions = institutions
        self.products = products
        parameters = Dictionary(pack.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.asOf = asOf
        self.rule = rule
        self.symbols = symbols
    }

    enum Scope {
        case loan
        case position
        case group
    }

    /// A problem compiling a rule for this engine.
    func problem(_ message: String) -> DiagnosticList {
        DiagnosticList([.error("rule \(rule.id): the stream engine cannot run \(message)", at: rule.location)])
    }

    // MARK: - Conditions

    mutating func condition(_ condition: LedgerCondition, _ scope: Scope, inFundings: Bool = false) throws(DiagnosticList) -> ConditionProgram {
        switch condition {
        case .constant(let flag):
            let result = Tri(flag)
            return { _ in result }
        case .value(let value):
            let program = try self.value(value, scope, inFundings: inFundings)
            return { context in
                guard case .bool(let flag)? = program(context) else { return .unknown }
                return flag ? .yes : .no
            }
        case .compare(let op, let left, let right):
            let l = try value(left, scope, inFundings: inFundings)
            let r = try value(right, scope, inFundings: inFundings)
            return Self.comparison(op, l, r)
        case .member(let needle, let options, let negated):
            let n = try value(needle, scope, inFundings: inFundings)
            var programs: [ValueProgram] = []
            for option in options { programs.append(try value(option, scope, inFundings: inFundings)) }
            return { context in
                guard let wanted = n(context) else { return .unknown }
                var unknown = false
                for program in programs {
                    guard let candidate = program(context) else { unknown = true; continue }
                    if FastValue.order(wanted, candidate) == 0 { return negated ? .no : .yes }
                }
                if unknown { return .unknown }
                return negated ? .yes : .no
            }
        case .present(let value):
            let program = try self.value(value, scope, inFundings: inFundings)
            return { context in program(context) == nil ? .no : .yes }
        case .not(let operand):
            let program = try self.condition(operand, scope, inFundings: inFundings)
            return { context in program(context).negated }
        case .and(let left, let right):
            let l = try self.condition(left, scope, inFundings: inFundings)
            let r = try self.condition(right, scope, inFundings: inFundings)
            return { context in
                let a = l(context)
                if a == .no { return .no }
                let b = r(context)
                if b == .no { return .no }
                return a == .yes && b == .yes ? .yes : .unknown
            }
        case .or(let left, let right):
            let l = try self.condition(left, scope, inFundings: inFundings)
            let r = try self.condition(right, scope, inFundings: inFundings)
            return { context in
                let a = l(context)
                if a == .yes { return .yes }
                let b = r(context)
                if b == .yes { return .yes }
                return a == .no && b == .no ? .no : .unknown
            }
        case .conditional(let test, let whenTrue, let whenFalse):
            let c = try self.condition(test, scope, inFundings: inFundings)
            let t = try self.condition(whenTrue, scope, inFundings: inFundings)
            let e = try self.condition(whenFalse, scope, inFundings: inFundings)
            return { context in
                switch c(context) {
                case .yes: t(context)
                case .no: e(context)
                case .unknown: .unknown
                }
            }
        case .fundings(let all, let body):
            let program = try self.condition(body, scope, inFundings: true)
            return { context in
                let saved = context.element
                defer { context.element = saved }
                var unknown = false
                for index in context.fundings.indices {
                    context.element = index
                    switch program(context) {
                    case .yes: if !all { return .yes }
                    case .no: if all { return .no }
                    case .unknown: unknown = true
                    }
                }
                if unknown { return .unknown }
                return all ? .yes : .no
            }
        }
    }

    static func comparison(_ op: BinaryOperator, _ l: @escaping ValueProgram, _ r: @escaping ValueProgram) -> ConditionProgram {
        { context in
            guard let a = l(context), let b = r(context) else { return .unknown }
            guard let order = FastValue.order(a, b) else {
                // Values of kinds that only test equality (symbols, provinces).
                switch op {
                case .equal: return .no
                case .notEqual: return .yes
                default: return .unknown
                }
            }
            switch op {
            case .equal: return Tri(order == 0)
            case .notEqual: return Tri(order != 0)
            case .less: return Tri(order < 0)
            case .lessEqual: return Tri(order <= 0)
            case .greater: return Tri(order > 0)
            case .greaterEqual: return Tri(order >= 0)
            default: return .unknown
            }
        }
    }

    // MARK: - Values

    mutating func value(_ value: LedgerValue, _ scope: Scope, inFundings: Bool = false) throws(DiagnosticList) -> ValueProgram {
        switch value {
        case .constant(let constant):
            guard let fast = FastConversion.fast(constant, symbols: &symbols) else { throw problem("the constant \(constant)") }
            return { _ in fast }
        case .loan(let field):
            return try loanField(field)
        case .funding(let field):
            return fundingField(field, inFundings: inFundings)
        case .institution(let reference, let path, _):
            let table = try fieldTable(path)
            switch reference {
            case .lender:
                return { context in table[Int(context.loan.lender)] }
            case .funder:
                if inFundings { return { context in table[Int(context.fundings[context.element].institution)] } }
                return { context in table[Int(context.fundings[context.position].institution)] }
            case .key(let index):
                return { context in
                    let code = context.keyInstitutions[index]
                    return code >= 0 ? table[Int(code)] : nil
                }
            }
        case .parameter(let name, _):
            guard let parameter = parameters[name] else { throw problem("the unknown parameter \(name)") }
            guard let current = parameter.value(at: asOf) else { return { _ in nil } }
            guard let fast = FastConversion.fast(current.value, symbols: &symbols) else { throw problem("parameter \(name)") }
            return { _ in fast }
        case .parameterOn(let name, _, let date):
            guard let parameter = parameters[name] else { throw problem("the unknown parameter \(name)") }
            var days: [Int32] = []
            var values: [FastValue] = []
            for entry in parameter.history {
                guard let fast = FastConversion.fast(entry.value, symbols: &symbols) else { throw problem("parameter \(name)") }
                days.append(Int32(entry.from.dayNumber))
                values.append(fast)
            }
            let dateProgram = try self.value(date, scope, inFundings: inFundings)
            return { [days, values] context in
                guard case .day(let day)? = dateProgram(context) else { return nil }
                var low = 0
                var high = days.count
                while low < high {
                    let middle = (low + high) / 2
                    if days[middle] <= day { low = middle + 1 } else { high = middle }
                }
                return low == 0 ? nil : values[low - 1]
            }
        case .asOf:
            let day = FastValue.day(Int32(asOf.dayNumber))
            return { _ in day }
        case .arithmetic(let op, let left, let right, _):
            let l = try self.value(left, scope, inFundings: inFundings)
            let r = try self.value(right, scope, inFundings: inFundings)
            return { context in
                guard case .number(let a)? = l(context), case .number(let b)? = r(context) else { return nil }
                let result: FixedPoint? = switch op {
                case .add: a.adding(b)
                case .subtract: a.subtracting(b)
                default: a.multiplied(by: b)
                }
                return result.map(FastValue.number)
            }
        case .fundingCount(let filter):
            let program = try filter.map { condition throws(DiagnosticList) in try self.condition(condition, scope, inFundings: true) }
            return { context in
                guard let program else { return .number(FixedPoint(context.fundings.count)) }
                let saved = context.element
                defer { context.element = saved }
                var count = 0
                for index in context.fundings.indices {
                    context.element = index
                    switch program(context) {
                    case .yes: count += 1
                    case .no: break
                    case .unknown: return nil
                    }
                }
                return .number(FixedPoint(count))
            }
        case .aggregate:
            throw problem("an aggregate outside a group's require")
        case .keyText:
            throw problem("a text key part in a comparison")
        }
    }

    private mutating func loanField(_ field: LoanField) throws(DiagnosticList) -> ValueProgram {
        switch field {
        case .borrowerType:
            let codes = [symbols.intern("individual"), symbols.intern("business")]
            return { context in .symbol(codes[Int(context.loan.borrowerType)]) }
        case .purpose:
            let codes = [symbols.intern("consumption"), symbols.intern("business")]
            return { context in .symbol(codes[Int(context.loan.purpose)]) }
        case .secured: return { context in .bool(context.loan.secured) }
        case .isJoint: return { context in .bool(context.fundings.count >= 2) }
        case .contractDate: return { context in .day(context.loan.contractDate) }
        case .disbursedOn: return { context in .day(context.loan.disbursedOn) }
        case .principal: return { context in .number(FixedPoint(fen: context.loan.principal)) }
        case .balance: return { context in .number(FixedPoint(fen: context.loan.balance)) }
        case .creditLine:
            return { context in
                context.loan.creditLine == LoanRow.absent ? nil : .number(FixedPoint(fen: context.loan.creditLine))
            }
        case .apr:
            return { context in
                context.loan.apr == LoanRow.absent ? nil : .number(FixedPoint(units: Int128(context.loan.apr) * 100))
            }
        case .region: return { context in .province(context.loan.region) }
        case .product:
            let codes = products.map { symbols.intern($0.id) }
            return { context in context.loan.product < 0 ? nil : .symbol(codes[Int(context.loan.product)]) }
        case .loanId, .borrowerId, .borrowerGroup:
            throw problem("a comparison of loan.\(field.rawValue) (free text)")
        }
    }

    private mutating func fundingField(_ field: FundingField, inFundings: Bool) -> ValueProgram {
        switch field {
        case .institution:
            let codes = institutions.map { symbols.intern($0.id) }
            if inFundings { return { context in .symbol(codes[Int(context.fundings[context.element].institution)]) } }
            return { context in .symbol(codes[Int(context.fundings[context.position].institution)]) }
        case .share:
            if inFundings { return { context in .number(FixedPoint(units: Int128(context.fundings[context.element].share) * 100)) } }
            return { context in .number(FixedPoint(units: Int128(context.fundings[context.position].share) * 100)) }
        case .funded:
            if inFundings { return { context in .number(context.funded(context.element)) } }
            return { context in .number(context.funded(context.position)) }
        }
    }

    /// The value of `path` for every institution, by code.
    mutating func fieldTable(_ path: [String]) throws(DiagnosticList) -> [FastValue?] {
        if let table = fieldTables[path] { return table }
        var table: [FastValue?] = []
        table.reserveCapacity(institutions.count)
        for institution in institutions {
            guard let value = InstitutionFields.value(path, of: institution) else {
                table.append(nil)
                continue
            }
            guard let fast = FastConversion.fast(value, symbols: &symbols) else {
                throw problem("institution field \(path.joined(separator: ".")) of \(institution.id)")
            }
            table.append(fast)
        }
        fieldTables[path] = table
        return table
    }
}
