import Compliance
import Diagnostics
import LedgerAudit
import LedgerPlan
import LedgerTape
import LoanDomain
import RuleLanguage

/// A Loan rule ready for the hot path: its regime as day numbers and its conditions as closures. A
/// class: iterating the rules for every row then retains one reference, not each closure.
final class LoanRuleProgram {
    let index: Int
    let binds: LoanDate
    /// Loans dated before this day are not bound (the rule's `new_business_from`, else `effective`).
    let earliest: Int32
    /// Loans dated on or after this day are not bound (`repealed`).
    let until: Int32
    let appliesTo: ConditionProgram?
    let require: ConditionProgram
    let escalate: ConditionProgram?
    let severityForDay: (Int32, Bool) -> FindingSeverity
    /// By lender: whether `applies_to` may hold (`InstitutionGate`).
    let lenderGate: [Bool]?

    init(index: Int, binds: LoanDate, earliest: Int32, until: Int32, appliesTo: ConditionProgram?, require: @escaping ConditionProgram,
         escalate: ConditionProgram?, severityForDay: @escaping (Int32, Bool) -> FindingSeverity, lenderGate: [Bool]?) {
        self.index = index
        self.binds = binds
        self.earliest = earliest
        self.until = until
        self.appliesTo = appliesTo
        self.require = require
        self.escalate = escalate
        self.severityForDay = severityForDay
        self.lenderGate = lenderGate
    }

    /// The loan's regime date.
    @inline(__always)
    func day(_ loan: LoanRow) -> Int32 { binds == .disbursedOn ? loan.disbursedOn : loan.contractDate }
}

/// A LoanGroup rule ready for the hot path.
final class GroupRuleProgram {
    let index: Int
    let keys: [GroupKey]
    let filter: ConditionProgram?
    let function: LedgerAggregate.Function
    /// The value aggregated per position (sum, min, max).
    let value: ValueProgram?
    /// `count(loans, p => …)`: the positions counted.
    let countFilter: ConditionProgram?
    /// By funder: whether `where` may hold (`InstitutionGate`).
    let funderGate: [Bool]?

    init(index: Int, keys: [GroupKey], filter: ConditionProgram?, function: LedgerAggregate.Function, value: ValueProgram?,
         countFilter: ConditionProgram?, funderGate: [Bool]?) {
        self.index = index
        self.keys = keys
        self.filter = filter
        self.function = function
        self.value = value
        self.countFilter = countFilter
        self.funderGate = funderGate
    }
    /// The key is institutions only (few groups): the main pass keeps each group's largest
    /// contributions (`ContributorTable`) instead of a second pass.
    var tracksContributors: Bool { !keys.contains { $0.kind == .borrower || $0.kind == .borrowerGroup } }
}

/// Every ledger rule of a request, compiled for one scanning thread (closures are not shared across
/// threads; compiling is cheap).
struct CompiledRules {
    var loanRules: [LoanRuleProgram] = []
    var groupRules: [GroupRuleProgram] = []
    var symbols = SymbolTable()

    init(_ request: LedgerRequest) throws(DiagnosticList) {
        let asOf = request.asOf
        for (index, entry) in request.rules.enumerated() {
            var compiler = FastCompiler(institutions: request.institutions, products: request.products, pack: entry.pack,
                                        rule: entry.rule, asOf: asOf, symbols: symbols)
            switch entry.plan {
            case .loan(let plan):
                let rule = entry.rule
                let packStatus = entry.pack.status
                let program = LoanRuleProgram(
                    index: index, binds: plan.binds,
                    earliest: Int32(rule.bindsNewBusinessFrom.dayNumber),
                    until: rule.repealed.map { Int32($0.dayNumber) } ?? Int32.max,
                    appliesTo: try plan.appliesTo.map { condition throws(DiagnosticList) in try compiler.condition(condition, .loan) },
                    require: try compiler.condition(plan.require, .loan),
                    escalate: try plan.escalate.map { condition throws(DiagnosticList) in try compiler.condition(condition, .loan) },
                    severityForDay: { day, escalated in
                        LedgerRegime.severity(rule: rule, packStatus: packStatus, loanDay: CivilDate(dayNumber: Int(day)),
                                              escalated: escalated).severity
                    },
                    lenderGate: try plan.appliesTo.flatMap { condition throws(DiagnosticList) in
                        try InstitutionGate(condition, subject: .lender, institutions: request.institutions.count, compiler: &compiler)?.open
                    })
                // A rule not yet effective on the as-of date binds no loan (every loan is dated by then).
                if rule.effective <= asOf { loanRules.append(program) }
            case .group(let plan):
                guard Regime.isInForce(entry.rule, on: asOf) else { break }
                let institutionParts = plan.keys.filter { $0.kind != .borrower && $0.kind != .borrowerGroup }.count
                let textParts = plan.keys.count - institutionParts
                guard institutionParts <= 2, textParts <= 1 else {
                    throw DiagnosticList([.error("rule \(entry.rule.id): the stream engine groups by at most two institutions and one borrower key",
                                                 at: entry.rule.location)])
                }
                // The key-side parts are compiled after the scan; compile them now so an unsupported one
                // fails before any row is read.
                _ = try plan.appliesTo.map { condition throws(DiagnosticList) in try compiler.condition(condition, .group) }
                _ = try compiler.value(plan.bound, .group)
                groupRules.append(GroupRuleProgram(
                    index: index, keys: plan.keys,
                    filter: try plan.filter.map { condition throws(DiagnosticList) in try compiler.condition(condition, .position) },
                    function: plan.aggregate.function,
                    value: try plan.aggregate.value.map { value throws(DiagnosticList) in try compiler.value(value, .position) },
                    countFilter: try plan.aggregate.filter.map { condition throws(DiagnosticList) in
                        try compiler.condition(condition, .position)
                    },
                    funderGate: try plan.filter.flatMap { condition throws(DiagnosticList) in
                        try InstitutionGate(condition, subject: .funder, institutions: request.institutions.count, compiler: &compiler)?.open
                    }))
            }
            symbols = compiler.symbols
        }
    }
}
