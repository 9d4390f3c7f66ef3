import LedgerTape
import RuleLanguage

/// One funder of the loan being evaluated.
struct FundingEntry {
    var institution: Int32
    /// 10^-10 of the fraction.
    var share: Int64
    /// Index of its fundings row in `FundingTable.rows` (-1: the lender's defaulted 100%).
    var row: Int32
}

/// What the compiled rules read: the loan being evaluated, its funders, which funder is in scope, and
/// for a group's bound the key's institutions. One per scanning thread, reused row after row.
final class RowContext {
    var loan: LoanRow
    var fundings: [FundingEntry] = []
    /// The funding a quantifier over `loan.fundings` is at.
    var element = 0
    /// The funding whose position a group rule's `where` reads.
    var position = 0
    /// The borrower's group (`loan.borrower_group`).
    var borrowerGroup: TapeText
    /// For a group's `applies_to` and bound: the institution code of each key part (-1 for text parts).
    var keyInstitutions: [Int32] = []
    /// The loan's day for the regime (`binds:`), set per rule.
    init(loan: LoanRow) {
        self.loan = loan
        borrowerGroup = loan.borrower
        fundings.reserveCapacity(8)
    }

    /// The funded part of funding `index`: balance × share, exact (fen × 10^-10 is 10^-12 yuan).
    func funded(_ index: Int) -> FixedPoint {
        FixedPoint(units: Int128(loan.balance) * Int128(fundings[index].share))
    }
}

typealias ValueProgram = (RowContext) -> FastValue?
typealias ConditionProgram = (RowContext) -> Tri
