/// The rows injected into a generated tape: for every DESIGN §8.2 rule a violation and the exact
/// boundary rows (which must pass), each with the outcome the audit at 2026-11-22 must give. The
/// background never breaks a rule except the counted ones, so these are the whole of each rule's
/// findings apart from those counts.
struct LedgerInjections {
    /// What the audit must say about a loan or a group for one rule.
    enum Outcome: String {
        case error, warning, pass
        /// The loan's binding date is before the rule binds it (stock, or contracted before the regime).
        case exempt
        /// The rule does not apply to this loan (another lender type, secured, business purpose…).
        case notApplicable = "not-applicable"
        /// The rule is not in force at the as-of date (repealed).
        case notInForce = "not-in-force"
        case cannotEvaluate = "cannot-evaluate"
    }

    struct Check {
        let rule: String
        let outcome: Outcome
        let why: String
    }

    struct Loan {
        var row: TapeRow
        var checks: [Check] = []
    }

    /// A group case: its rule, key, member loans (indexes into `loans`), Σ funded part and the bound.
    struct Group {
        let rule: String
        let key: [(String, String)]
        let loans: [Int]
        let sum: String
        let bound: String
        let outcome: Outcome
        let why: String
    }

    private(set) var loans: [Loan] = []
    private(set) var groups: [Group] = []
    /// Injected borrower groups: (borrower number, group name).
    private(set) var borrowerGroups: [(borrower: Int, group: String)] = []
    private let roster: LedgerRoster
    private var nextBorrower = 1

    static let partnerShare = "CN-BANK-LOAN-PARTNER-SHARE"
    static let region = "CN-BANK-LOAN-REGION"
    static let concentration = "CN-BANK-PARTNER-CONCENTRATION-LOANS"
    static let jointTotal = "CN-BANK-JOINT-TOTAL-LOANS"
    static let bankCreditLine = "CN-BANK-LOAN-CREDIT-LINE"
    static let cfcBalance = "CN-CFC-BORROWER-BALANCE-LOANS"
    static let cfcCreditLine = "CN-CFC-LOAN-CREDIT-LINE"
    static let singleBorrower = "CN-MLC-SINGLE-BORROWER-LOANS"
    static let borrowerGroup = "CN-MLC-BORROWER-GROUP-LOANS"
    static let onlineConsumer = "CN-MLC-ONLINE-CONSUMER-LOANS"
    static let onlineBusiness = "CN-MLC-ONLINE-BUSINESS-LOANS"
    static let apr24 = "CN-RATE-LOAN-APR-24"
    static let privateLPR4 = "CN-RATE-LOAN-PRIVATE-LPR4"
    static let private2015 = "CN-RATE-LOAN-PRIVATE-2015"
    static let rules = [partnerShare, region, concentration, jointTotal, bankCreditLine, cfcBalance, cfcCreditLine, singleBorrower,
                        borrowerGroup, onlineConsumer, onlineBusiness, apr24, privateLPR4, private2015]

    /// Fen of `yuan` yuan and `fen` fen.
    static func money(_ yuan: Int, _ fen: Int = 0) -> Int { yuan * 100 + fen }

    init(roster: LedgerRoster) {
        self.roster = roster
        partnerShareCases()
        regionCases()
        creditLineCases()
        borrowerSumCases()
        groupCases()
        rateCases()
        bankGroupCases()
    }

    /// A new injected borrower number (written `x` + hex).
    private mutating func borrower() -> Int {
        defer { nextBorrower += 1 }
        return -nextBorrower
    }

    /// Adds a loan; the defaults are an individual consumption loan at 18%, balance = principal, in the
    /// lender's province, contracted and disbursed on `disbursed`.
    @discardableResult
    private mutating func loan(
        _ lender: String, borrower: Int, business: Bool = false, secured: Bool = false, contract: String? = nil,
        disbursed: String = "2024-03-01", principal: Int, balance: Int? = nil, creditLine: Int? = nil, apr: Int? = 1800,
        region: String? = nil, funders: [(String, Int)] = [], _ checks: [Check] = []
    ) -> Int {
        let lenderIndex = roster.index(lender)
        let row = TapeRow(
            lender: lenderIndex, borrower: borrower, businessBorrower: business, businessPurpose: business, secured: secured,
            contract: TapeDate.day(contract ?? disbursed), disbursed: TapeDate.day(disbursed), principal: principal,
            balance: balance ?? principal, creditLine: creditLine, apr: apr,
            region: region.flatMap { LedgerRoster.provinces.firstIndex(of: $0) } ?? roster[lenderIndex].province,
            funders: funders.map { (roster.index($0.0), $0.1) })
        loans.append(Loan(row: row, checks: checks))
        return loans.count - 1
    }

    private static func check(_ rule: String, _ outcome: Outcome, _ why: String) -> Check { Check(rule: rule, outcome: outcome, why: why) }

    private mutating func partnerShareCases() {
        let rule = Self.partnerShare
        loan("lb-web-gd", borrower: borrower(), disbursed: "2022-01-01", principal: Self.money(50_000), creditLine: Self.money(100_000),
             funders: [("lb-web-gd", 7000), ("oml-1", 3000)], [Self.check(rule, .pass, "non-bank share exactly 30%")])
        loan("oml-1", borrower: borrower(), disbursed: "2022-01-01", principal: Self.money(50_000),
             funders: [("oml-1", 2999), ("lb-web-gd", 7001)], [Self.check(rule, .error, "non-bank share 29.99%, disbursed 2022-01-01")])
        loan("oml-1", borrower: borrower(), disbursed: "2021-12-31", principal: Self.money(50_000),
             funders: [("oml-1", 2999), ("lb-web-gd", 7001)], [Self.check(rule, .exempt, "29.99% but disbursed 2021-12-31 (stock runs off)")])
        loan("nb-1", borrower: borrower(), disbursed: "2023-05-10", principal: Self.money(80_000), creditLine: Self.money(100_000),
             funders: [("nb-1", 6000), ("cfc-1", 2500), ("oml-3", 1500)],
             [Self.check(rule, .error, "60/25/15 with both non-banks below 30% (one loan finding)")])
        loan("oml-1", borrower: borrower(), disbursed: "2023-05-10", principal: Self.money(80_000),
             funders: [("oml-1", 6000), ("cfc-3", 2500), ("oml-2", 1500)], [Self.check(rule, .notApplicable, "60/25/15 among non-banks only")])
        loan("cfc-1", borrower: borrower(), disbursed: "2023-05-10", principal: Self.money(60_000), creditLine: Self.money(100_000),
             funders: [("cfc-1", 3000), ("nb-2", 7000)], [Self.check(rule, .pass, "the lender is the non-bank, exactly 30%")])
    }

    private mutating func regionCases() {
        let rule = Self.region
        let line = Self.money(50_000)
        loan("lb-js", borrower: borrower(), disbursed: "2021-12-31", principal: Self.money(30_000), creditLine: line, region: "CN-SH",
             [Self.check(rule, .exempt, "outside CN-JS but disbursed 2021-12-31")])
        loan("lb-js", borrower: borrower(), disbursed: "2022-01-01", principal: Self.money(30_000), creditLine: line, region: "CN-SH",
             [Self.check(rule, .error, "outside CN-JS, disbursed 2022-01-01")])
        loan("lb-js", borrower: borrower(), disbursed: "2022-01-01", principal: Self.money(30_000), creditLine: line, region: "CN-JS",
             [Self.check(rule, .pass, "in its province")])
        loan("lb-web-zj", borrower: borrower(), disbursed: "2023-03-01", principal: Self.money(30_000), creditLine: line, region: "CN-SH",
             [Self.check(rule, .notApplicable, "an online-only local bank may lend anywhere")])
        loan("nb-1", borrower: borrower(), disbursed: "2023-03-01", principal: Self.money(30_000), creditLine: line, region: "CN-BJ",
             funders: [("nb-1", 7000), ("lb-hn", 3000)], [Self.check(rule, .error, "co-funded by lb-hn (CN-HN), borrower in CN-BJ")])
        loan("nb-1", borrower: borrower(), disbursed: "2023-03-01", principal: Self.money(30_000), creditLine: line, region: "CN-HN",
             funders: [("nb-1", 7000), ("lb-hn", 3000)], [Self.check(rule, .pass, "co-funded by lb-hn, borrower in CN-HN")])
    }

    private mutating func creditLineCases() {
        let bank = Self.bankCreditLine
        let cfc = Self.cfcCreditLine
        let over = Self.money(200_000, 1)
        loan("nb-2", borrower: borrower(), disbursed: "2023-06-01", principal: Self.money(150_000), creditLine: Self.money(200_000),
             [Self.check(bank, .pass, "credit line exactly 200000.00")])
        loan("nb-2", borrower: borrower(), disbursed: "2023-06-01", principal: Self.money(150_000), creditLine: over,
             [Self.check(bank, .error, "credit line 200000.01")])
        loan("nb-2", borrower: borrower(), disbursed: "2020-07-16", principal: Self.money(150_000), creditLine: over,
             [Self.check(bank, .exempt, "200000.01 disbursed 2020-07-16, before the rule")])
        loan("nb-2", borrower: borrower(), secured: true, disbursed: "2023-06-01", principal: Self.money(150_000), creditLine: over,
             [Self.check(bank, .notApplicable, "secured")])
        loan("lb-web-gd", borrower: borrower(), disbursed: "2020-07-17", principal: Self.money(150_000), creditLine: over,
             [Self.check(bank, .error, "200000.01 at a local bank, disbursed 2020-07-17")])
        loan("cfc-1", borrower: borrower(), disbursed: "2024-04-18", principal: Self.money(100_000), creditLine: Self.money(200_000),
             [Self.check(cfc, .pass, "credit line exactly 200000.00")])
        loan("cfc-1", borrower: borrower(), disbursed: "2024-04-18", principal: Self.money(100_000), creditLine: over,
             [Self.check(cfc, .error, "200000.01 disbursed 2024-04-18")])
        loan("cfc-1", borrower: borrower(), disbursed: "2024-04-17", principal: Self.money(100_000), creditLine: over,
             [Self.check(cfc, .exempt, "200000.01 disbursed 2024-04-17, before the 2024 rules")])
    }

    /// A borrower with loans at `lender` whose funded parts add up to `sum`, against `bound`.
    private mutating func borrowerSum(
        _ rule: String, lender: String, business: Bool, balances: [Int], sum: String, bound: String, _ outcome: Outcome, _ why: String
    ) {
        let who = borrower()
        let members = balances.map {
            loan(lender, borrower: who, business: business, disbursed: "2025-03-03", principal: $0, creditLine: business ? nil : Self.money(200_000))
        }
        groups.append(Group(rule: rule, key: [("lender", lender), ("borrower", Self.borrowerKey(who))], loans: members, sum: sum,
                            bound: bound, outcome: outcome, why: why))
    }

    private mutating func borrowerSumCases() {
        borrowerSum(Self.cfcBalance, lender: "cfc-2", business: false, balances: [Self.money(150_000), Self.money(50_000, 1)],
                    sum: "200000.01", bound: "200000.00", .notInForce, "over 20万, but the rule was repealed on 2024-04-18")
        borrowerSum(Self.onlineConsumer, lender: "oml-3", business: false, balances: [Self.money(120_000), Self.money(80_000)],
                    sum: "200000.00", bound: "200000.00", .pass, "exactly 20万 over two loans")
        borrowerSum(Self.onlineConsumer, lender: "oml-3", business: false, balances: [Self.money(120_000), Self.money(80_000, 1)],
                    sum: "200000.01", bound: "200000.00", .error, "one fen over 20万")
        // The funded part of a joint loan: 40% of 250000.00 = 100000.00 exactly; of 250000.03, 100000.012.
        for (cents, outcome) in [(0, Outcome.pass), (3, .error)] {
            let who = borrower()
            let solo = loan("oml-3", borrower: who, disbursed: "2025-03-03", principal: Self.money(100_000), creditLine: Self.money(200_000))
            let joint = loan("nb-1", borrower: who, disbursed: "2025-03-03", principal: Self.money(250_000, cents),
                             funders: [("nb-1", 6000), ("oml-3", 4000)])
            groups.append(Group(rule: Self.onlineConsumer, key: [("lender", "oml-3"), ("borrower", Self.borrowerKey(who))],
                                loans: [solo, joint], sum: cents == 0 ? "200000.00" : "200000.012", bound: "200000.00", outcome: outcome,
                                why: "100000.00 own loan + 40% of a joint loan of \(cents == 0 ? "250000.00" : "250000.03")"))
        }
        borrowerSum(Self.onlineBusiness, lender: "oml-2", business: true, balances: [Self.money(6_000_000), Self.money(4_000_000)],
                    sum: "10000000.00", bound: "10000000.00", .pass, "exactly 1000万 over two loans")
        borrowerSum(Self.onlineBusiness, lender: "oml-2", business: true, balances: [Self.money(6_000_000), Self.money(4_000_000, 1)],
                    sum: "10000000.01", bound: "10000000.00", .error, "one fen over 1000万")
        // mlc-cap: net assets 5000万, so 10% is 500万 and 15% is 750万.
        borrowerSum(Self.singleBorrower, lender: "mlc-cap", business: true, balances: [Self.money(3_000_000), Self.money(2_000_000)],
                    sum: "5000000.00", bound: "5000000.00", .pass, "exactly 10% of net assets")
        borrowerSum(Self.singleBorrower, lender: "mlc-cap", business: true, balances: [Self.money(3_000_000), Self.money(2_000_000, 1)],
                    sum: "5000000.01", bound: "5000000.00", .error, "one fen over 10% of net assets")
    }

    /// Borrower groups at mlc-cap: three borrowers of 250万 each is exactly 15% of net assets. A
    /// borrower in no group is its own group (docs/ledger.md): alone at 750万 it breaks the 10% rule
    /// only, at 750万.01 both.
    private mutating func groupCases() {
        for (cents, outcome) in [(0, Outcome.pass), (1, .error)] {
            let who = borrower()
            let members = [Self.money(4_000_000), Self.money(3_500_000, cents)].map {
                loan("mlc-cap", borrower: who, business: true, disbursed: "2025-02-10", principal: $0)
            }
            let sum = cents == 0 ? "7500000.00" : "7500000.01"
            groups.append(Group(rule: Self.singleBorrower, key: [("lender", "mlc-cap"), ("borrower", Self.borrowerKey(who))],
                                loans: members, sum: sum, bound: "5000000.00", outcome: .error, why: "a lone borrower over 10%"))
            groups.append(Group(rule: Self.borrowerGroup, key: [("lender", "mlc-cap"), ("borrower", Self.borrowerKey(who))],
                                loans: members, sum: sum, bound: "7500000.00", outcome: outcome,
                                why: "a borrower in no group is its own group: \(sum) against 15% of 5000万"))
        }
        for (name, lastCents, outcome) in [("grp-x-pass", 0, Outcome.pass), ("grp-x-fail", 1, .error)] {
            var members: [Int] = []
            for member in 0..<3 {
                let who = borrower()
                borrowerGroups.append((who, name))
                members.append(loan("mlc-cap", borrower: who, business: true, disbursed: "2025-02-10",
                                    principal: Self.money(2_500_000, member == 2 ? lastCents : 0)))
            }
            groups.append(Group(rule: Self.borrowerGroup, key: [("lender", "mlc-cap"), ("group", name)], loans: members,
                                sum: lastCents == 0 ? "7500000.00" : "7500000.01", bound: "7500000.00", outcome: outcome,
                                why: "three borrowers of 250万\(lastCents == 0 ? "" : " (one of them 250万.01)") against 15% of 5000万"))
        }
    }

    private mutating func rateCases() {
        let apr = Self.apr24
        loan("cfc-2", borrower: borrower(), disbursed: "2024-06-01", principal: Self.money(20_000), apr: 2400,
             [Self.check(apr, .pass, "APR exactly 24%")])
        loan("cfc-2", borrower: borrower(), disbursed: "2024-06-01", principal: Self.money(20_000), apr: 2401,
             [Self.check(apr, .error, "APR 24.01%")])
        loan("cfc-2", borrower: borrower(), contract: "2017-08-01", disbursed: "2017-08-03", principal: Self.money(20_000), apr: 2401,
             [Self.check(apr, .exempt, "24.01% disbursed 2017-08-03, before the rule")])
        loan("mlc-3", borrower: borrower(), disbursed: "2017-08-04", principal: Self.money(20_000), apr: 2401,
             [Self.check(apr, .error, "24.01% disbursed 2017-08-04, the first day")])
        loan("cfc-2", borrower: borrower(), disbursed: "2024-06-01", principal: Self.money(20_000), apr: nil,
             [Self.check(apr, .cannotEvaluate, "no apr")])
        // Private lending, 4 × the one-year LPR on the contract date.
        let lpr = Self.privateLPR4
        for (date, cap, note) in [("2025-05-20", 1200, "LPR 3.00% from this day"), ("2025-05-19", 1240, "LPR 3.10% until this day"),
                                  ("2020-08-20", 1540, "the first day of the 2020 rules, LPR 3.85%")] {
            loan("pl-1", borrower: borrower(), disbursed: date, principal: Self.money(100_000), apr: cap,
                 [Self.check(lpr, .pass, "exactly 4 × LPR on \(date) (\(note))")])
            loan("pl-1", borrower: borrower(), disbursed: date, principal: Self.money(100_000), apr: cap + 1,
                 [Self.check(lpr, .error, "one hundredth of a point over 4 × LPR on \(date)")])
        }
        let old = Self.private2015
        for (date, apr, outcome, why) in [
            ("2019-06-15", 2400, Outcome.pass, "exactly 24%"), ("2019-06-15", 3000, .warning, "30%: above 24%, not above 36%"),
            ("2019-06-15", 3600, .warning, "exactly 36%"), ("2019-06-15", 3700, .error, "37%"),
            ("2020-08-19", 3000, .warning, "30% on the last day of the 2015 rules (the LPR rule does not apply)"),
            ("2015-09-01", 3601, .error, "36.01% on the first day of the 2015 rules"),
            ("2015-08-31", 3700, .exempt, "37% contracted before 2015-09-01: neither private-lending rule"),
        ] {
            loan("pl-2", borrower: borrower(), disbursed: date, principal: Self.money(50_000), apr: apr, [Self.check(old, outcome, why)])
        }
    }

    /// Banks with small dedicated financials: lb-conc (tier 1 4000万: 25% = 1000万) against a partner's
    /// affiliate group, lb-total-a/b (total loans 1亿: 50% = 5000万).
    private mutating func bankGroupCases() {
        let conc = [
            loan("lb-conc", borrower: borrower(), business: true, disbursed: "2025-01-15", principal: Self.money(10_000_000), apr: 1500,
                 funders: [("lb-conc", 6000), ("oml-1", 4000)]),
            loan("mlc-1", borrower: borrower(), business: true, disbursed: "2025-01-15", principal: Self.money(8_000_000, 2), apr: 1500,
                 funders: [("mlc-1", 5000), ("lb-conc", 5000)]),
        ]
        groups.append(Group(rule: Self.concentration, key: [("bank", "lb-conc"), ("partnerGroup", "mlc-1 oml-1 plat-1")], loans: conc,
                            sum: "10000000.01", bound: "10000000.00", outcome: .error,
                            why: "600万 with oml-1 + 400万.01 with its affiliate mlc-1 over 25% of tier 1 4000万"))
        let exact = loan("lb-conc", borrower: borrower(), business: true, disbursed: "2025-01-15", principal: Self.money(20_000_000),
                         apr: 1500, funders: [("lb-conc", 5000), ("mlc-2", 5000)])
        groups.append(Group(rule: Self.concentration, key: [("bank", "lb-conc"), ("partnerGroup", "mlc-2")], loans: [exact],
                            sum: "10000000.00", bound: "10000000.00", outcome: .pass, why: "exactly 25% of tier 1 with mlc-2"))
        for (bank, cents, outcome) in [("lb-total-a", 0, Outcome.pass), ("lb-total-b", 2, .error)] {
            let members = [
                loan(bank, borrower: borrower(), business: true, disbursed: "2025-04-01", principal: Self.money(60_000_000), apr: 800,
                     funders: [(bank, 5000), ("nb-2", 5000)]),
                loan("nb-2", borrower: borrower(), business: true, disbursed: "2025-04-01", principal: Self.money(40_000_000, cents),
                     apr: 800, funders: [("nb-2", 5000), (bank, 5000)]),
            ]
            groups.append(Group(rule: Self.jointTotal, key: [("bank", bank)], loans: members,
                                sum: cents == 0 ? "50000000.00" : "50000000.01", bound: "50000000.00", outcome: outcome,
                                why: "its half of two joint loans against 50% of total loans 1亿"))
        }
    }

    /// The tape spelling of a borrower number.
    static func borrowerKey(_ borrower: Int) -> String {
        if borrower < 0 {
            let hex = String(UInt64(-borrower), radix: 16)
            return "x" + String(repeating: "0", count: 16 - hex.count) + hex
        }
        let hex = String(SplitMix64.mix(UInt64(borrower)), radix: 16)
        return "b" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
