import Compliance
import LedgerPlan
import LedgerTape
import LoanDomain
import RuleLanguage

/// A listed loan as a rule-language record (`Loan`), with the place of every cell, so the rule's own
/// compiled expression explains its failure with the same evidence as a document rule.
enum LoanRecord {
    static func record(_ loan: LoanSnapshot, documents: DocumentSet) -> Record? {
        guard let lender = documents.document(id: loan.lender) else { return nil }
        var fields: [Record.Field] = []
        func add(_ name: String, _ value: Value?, _ column: TapeColumn?) {
            guard let value else { return }
            fields.append(Record.Field(name: name, value: value, location: column.flatMap { loan.cells[$0] }))
        }
        // Tape amounts are whole fen and shares have at most 10 decimals, so every value here has far
        // fewer than 38 digits; one that had more would leave the record unbuilt, never misread.
        guard let balance = loan.balance.exact else { return nil }
        var unheld = false
        let fundings = loan.fundings.compactMap { funding -> Value? in
            guard let funder = documents.document(id: funding.institution) else { return nil }
            guard let share = funding.share.exact, let funded = loan.balance.multiplied(by: funding.share)?.exact else {
                unheld = true
                return nil
            }
            return .record(Record(type: LedgerTypes.funding, fields: [
                Record.Field(name: "institution", value: .string(funding.institution), location: funding.location),
                Record.Field(name: "funder", value: .record(funder.record), location: funding.location),
                Record.Field(name: "share", value: .ratio(Ratio(share)), location: funding.location),
                Record.Field(name: "funded", value: .money(funded), location: funding.location),
            ], location: funding.location ?? loan.location))
        }
        if unheld { return nil }
        add("loan_id", .string(loan.loanId), .loanId)
        add("lender", .record(lender.record), .lender)
        add("product", loan.product.map(Value.string), .product)
        add("borrower_id", .string(loan.borrowerId), .borrowerId)
        add("borrower_group", .string(loan.borrowerGroup), .borrowerId)
        add("borrower_type", .enumeration(EnumValue(type: LedgerTypes.borrowerType, case: loan.borrowerType)), .borrowerType)
        add("purpose", .enumeration(EnumValue(type: LedgerTypes.purpose, case: loan.purpose)), .purpose)
        add("secured", .boolean(loan.secured), .secured)
        add("contract_date", .date(loan.contractDate), .contractDate)
        add("disbursed_on", .date(loan.disbursedOn), .disbursedOn)
        add("principal", loan.principal.exact.map(Value.money), .principal)
        add("balance", .money(balance), .balance)
        add("credit_line", loan.creditLine?.exact.map(Value.money), .creditLine)
        add("apr", loan.apr?.exact.map { .ratio(Ratio($0)) }, .apr)
        add("region", .province(loan.region), .region)
        fields.append(Record.Field(name: "fundings", value: .list(ListValue(fundings, locations: loan.fundings.map(\.location))),
                                   location: loan.location))
        add("is_joint", .boolean(loan.fundings.count >= 2), nil)
        return Record(type: LedgerTypes.loan, fields: fields, location: loan.location)
    }
}
