import Diagnostics
import LedgerPlan
import RuleLanguage

/// The part of a rule's condition that reads only one institution — the position's funder for a
/// group rule's `where`, the lender for a Loan rule's `applies_to` — decided once per institution
/// before any row is read. Most positions are not those a rule is about (`position.funder.type in
/// ['microlender', …]`): a row skips the rule without running its closures. The conjuncts are those
/// of the condition's top-level `and`s; when one of them is `no` for the institution, the whole
/// condition is `no` (three-valued `and`), which is all the gate says.
struct InstitutionGate {
    /// Whether the condition may hold, by institution code.
    let open: [Bool]

    enum Subject {
        case funder
        case lender
    }

    /// The gate of `condition`, or nil when no conjunct reads only the subject.
    init?(_ condition: LedgerCondition, subject: Subject, institutions: Int, compiler: inout FastCompiler) throws(DiagnosticList) {
        let parts = Self.conjuncts(condition).filter { Self.readsOnly(subject, $0) }
        guard let first = parts.first else { return nil }
        let gate = parts.dropFirst().reduce(first) { LedgerCondition.and($0, $1) }
        let program = try compiler.condition(gate, subject == .funder ? .position : .loan)
        let context = RowContext(loan: PlaceholderLoan.placeholder)
        var open: [Bool] = []
        for code in 0..<institutions {
            context.loan.lender = Int32(code)
            context.fundings = [FundingEntry(institution: Int32(code), share: 0, row: -1)]
            context.position = 0
            open.append(program(context) != .no)
        }
        self.open = open
    }

    private static func conjuncts(_ condition: LedgerCondition) -> [LedgerCondition] {
        if case .and(let left, let right) = condition { return conjuncts(left) + conjuncts(right) }
        return [condition]
    }

    private static func readsOnly(_ subject: Subject, _ condition: LedgerCondition) -> Bool {
        switch condition {
        case .constant: true
        case .value(let value), .present(let value): readsOnly(subject, value)
        case .compare(_, let left, let right): readsOnly(subject, left) && readsOnly(subject, right)
        case .member(let needle, let options, _): readsOnly(subject, needle) && options.allSatisfy { readsOnly(subject, $0) }
        case .not(let operand): readsOnly(subject, operand)
        case .and(let left, let right), .or(let left, let right): readsOnly(subject, left) && readsOnly(subject, right)
        case .conditional(let test, let then, let otherwise):
            readsOnly(subject, test) && readsOnly(subject, then) && readsOnly(subject, otherwise)
        case .fundings: false
        }
    }

    private static func readsOnly(_ subject: Subject, _ value: LedgerValue) -> Bool {
        switch value {
        case .constant, .parameter, .asOf: true
        case .institution(.funder, _, _): subject == .funder
        case .institution(.lender, _, _): subject == .lender
        case .funding(.institution): subject == .funder
        case .arithmetic(_, let left, let right, _): readsOnly(subject, left) && readsOnly(subject, right)
        case .parameterOn(_, _, let date): readsOnly(subject, date)
        default: false
        }
    }
}
