import RuleLanguage

/// The rule-language types ledger rules are checked against: a loan of the tape, its fundings, and a
/// position (one funder's part of one loan), built on the schema's `Institution` record.
public enum LedgerTypes {
    public static let loan = "Loan"
    public static let funding = "LoanFunding"
    public static let position = "LoanPosition"
    public static let borrowerType = "Loan.borrower_type"
    public static let purpose = "Loan.purpose"

    /// Declares `Loan`, `LoanFunding`, `LoanPosition` and their enums in `environment`, which must
    /// already hold the schema's `Institution` record.
    public static func declare(in environment: inout TypeEnvironment) {
        environment.declare(EnumType(name: borrowerType, cases: ["individual", "business"], doc: "the borrower"))
        environment.declare(EnumType(name: purpose, cases: ["consumption", "business"], doc: "what the loan is for"))
        environment.declare(RecordType(name: funding, fields: [
            FieldDeclaration(name: "institution", type: .string, doc: "the funder's id"),
            FieldDeclaration(name: "funder", type: .record("Institution"), doc: "the funding institution"),
            FieldDeclaration(name: "share", type: .ratio, doc: "its share of the loan"),
            FieldDeclaration(name: "funded", type: .money, doc: "its funded part: balance × share"),
        ], doc: "one funder of a loan (a loan without fundings rows: its lender at 100%)"))
        environment.declare(RecordType(name: loan, fields: [
            FieldDeclaration(name: "loan_id", type: .string, doc: "借据号"),
            FieldDeclaration(name: "lender", type: .record("Institution"), doc: "the institution that booked the loan"),
            FieldDeclaration(name: "product", type: .string, optional: true, doc: "the product's id, when given"),
            FieldDeclaration(name: "borrower_id", type: .string, doc: "the pseudonymous borrower key"),
            FieldDeclaration(name: "borrower_group", type: .string,
                             doc: "the borrower's group of affiliates (borrower_groups), else the borrower itself"),
            FieldDeclaration(name: "borrower_type", type: .enumeration(borrowerType)),
            FieldDeclaration(name: "purpose", type: .enumeration(purpose)),
            FieldDeclaration(name: "secured", type: .boolean),
            FieldDeclaration(name: "contract_date", type: .date, doc: "合同成立"),
            FieldDeclaration(name: "disbursed_on", type: .date, doc: "发放日期"),
            FieldDeclaration(name: "principal", type: .money),
            FieldDeclaration(name: "balance", type: .money, doc: "outstanding on the tape's as_of"),
            FieldDeclaration(name: "credit_line", type: .money, optional: true),
            FieldDeclaration(name: "apr", type: .ratio, optional: true, doc: "the all-in APR"),
            FieldDeclaration(name: "region", type: .province, doc: "the borrower's province"),
            FieldDeclaration(name: "fundings", type: .list(.record(funding)), doc: "its funders and shares"),
            FieldDeclaration(name: "is_joint", type: .boolean, doc: "two or more funders (联合贷款)"),
        ], doc: "a loan of the tape (借据)"))
        environment.declare(RecordType(name: position, fields: [
            FieldDeclaration(name: "loan", type: .record(loan)),
            FieldDeclaration(name: "institution", type: .string, doc: "the funder's id"),
            FieldDeclaration(name: "funder", type: .record("Institution")),
            FieldDeclaration(name: "share", type: .ratio),
            FieldDeclaration(name: "funded", type: .money, doc: "balance × share"),
            FieldDeclaration(name: "partner_groups", type: .list(.string),
                             doc: "the affiliate groups of the loan's other funders (each named by its smallest id)"),
        ], doc: "one funder's part of one loan: the rows a LoanGroup rule groups"))
    }
}
