/// The small ledger fixture the ledger suites share (stream engine, SQL back ends, the binary): a
/// national bank and an online microlender, both registered in Guangdong; the canonical loans header;
/// one loan of each lender and a joint loan (L3: the bank 70%, the microlender 30%).
public enum SmallLedgerTape {
    public static let institutions = """
        kind: Institution
        id: bank-a
        name: A
        type: national-bank
        registered_in: CN-GD
        financials: {tier1_capital_net: 100亿, total_loans: 1000亿}
        ---
        kind: Institution
        id: oml-a
        name: O
        type: online-microlender
        registered_in: CN-GD
        capital: {registered: 50亿, paid_in: 50亿}
        financials: {as_of: 2025-12-31, net_assets: 50亿, nonstandard_financing: 1亿, standard_financing: 1亿}

        """

    /// A LedgerSchema reading `loans.csv` and `fundings.csv` beside it.
    public static let schema = "kind: LedgerSchema\nid: t\nas_of: 2026-10-31\nloans: {files: [loans.csv]}\nfundings: {files: [fundings.csv]}\n"

    /// The canonical loans header, with its line break.
    public static let header = "loan_id,lender,borrower_id,borrower_type,purpose,contract_date,disbursed_on,principal,balance,apr,region\n"

    public static let loans = header + """
        L1,oml-a,B1,individual,consumption,2025-01-10,2025-01-10,100.00,50.00,23.5%,CN-GD
        L2,bank-a,B2,individual,consumption,2025-01-10,2025-01-10,200.00,200.00,25%,CN-GD
        L3,bank-a,B3,individual,consumption,2025-01-10,2025-01-10,300.00,300.00,18%,CN-GD

        """

    public static let fundings = "loan_id,institution,share\nL3,bank-a,70%\nL3,oml-a,30%\n"
}
