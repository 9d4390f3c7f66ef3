import RuleLanguage

/// SplitMix64 (Steele, Lea and Flood): a fixed-seed generator, so the same N gives the same bytes on
/// every machine. Foundation's generators are not seedable.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The finaliser alone: a bijection of 64-bit values (borrower keys never collide).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (the modulo bias is irrelevant here).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A value in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
}

/// One loan of the tape, in integers: money in fen, percentages in hundredths of a percent, shares in
/// hundredths of a percent (10000 = 100%), dates as day numbers.
struct TapeRow {
    var lender: Int
    /// ≥ 0: a background borrower (`b` + 16 hex digits of its mixed number); < 0: an injected one (`x…`).
    var borrower: Int
    var businessBorrower = false
    var businessPurpose = false
    var secured = false
    var contract: Int
    var disbursed: Int
    var principal: Int
    var balance: Int
    /// nil: the cell is empty.
    var creditLine: Int?
    var apr: Int?
    var region: Int
    /// The funders of a joint loan (the lender among them) and their shares; empty for a solo loan.
    var funders: [(institution: Int, share: Int)] = []

    /// Every funder with its share: the lender at 100% for a solo loan.
    var fundedShares: [(institution: Int, share: Int)] { funders.isEmpty ? [(lender, 10_000)] : funders }
}

/// Day numbers of the dates the generator uses.
enum TapeDate {
    static func day(_ text: String) -> Int {
        guard let date = try? UnitParser.date(text) else { preconditionFailure("bad date \(text)") }
        return date.dayNumber
    }

    static let earliest = day("2015-01-01")
    static let backgroundStart = day("2018-01-01")
    static let privateStart = day("2019-01-01")
    static let newBusiness = day("2022-01-01")
    static let settledBefore = day("2024-10-31")
    static let schemaAsOf = day("2026-10-31")
}

/// The background rows: a realistic mix of lenders, borrowers, joint loans and dates, and no violation
/// except two counted ones (1 in 1,000 licensed loans above 24% APR, 1 in 2,000 bank consumption credit
/// lines above 20万), so that every group sum stays inside its bound at any N.
struct BackgroundRows {
    let roster: LedgerRoster
    let rows: Int
    /// Background borrower `b` has the loans at rows b, b + borrowers, b + 2 × borrowers: 2 or 3 loans
    /// each (2.5 on average), far apart in the file, so group state must survive the whole pass.
    let borrowers: Int
    private let seed: UInt64 = 0x5EED_1ED6_E200_2026
    private let nationalBanks: [Int]
    private let localBanks: [Int]
    private let onlineBanks: [Int]
    private let consumerFinance: [Int]
    private let microlenders: [Int]
    private let onlineMicrolenders: [Int]
    private let privateLenders: [Int]
    /// Partner banks of joint loans: national and online-only banks (a non-online local bank co-funding a
    /// loan outside its province would break CN-BANK-LOAN-REGION).
    private let partnerBanks: [Int]
    /// Each institution's type, and the non-online local bank of each province (read on every row).
    private let kinds: [LedgerRoster.Kind]
    private let localBankOf: [Int?]

    init(roster: LedgerRoster, rows: Int) {
        self.roster = roster
        self.rows = rows
        borrowers = max(1, (rows * 2 + 4) / 5)
        nationalBanks = roster.pool(.nationalBank)
        localBanks = roster.pool(.localBank, onlineOnly: false)
        onlineBanks = roster.pool(.localBank, onlineOnly: true)
        consumerFinance = roster.pool(.consumerFinance)
        microlenders = roster.pool(.microlender)
        onlineMicrolenders = roster.pool(.onlineMicrolender)
        privateLenders = roster.pool(.privateLender)
        partnerBanks = nationalBanks + onlineBanks
        kinds = roster.institutions.map(\.kind)
        let locals = localBanks
        localBankOf = LedgerRoster.provinces.indices.map { province in locals.first { roster[$0].province == province } }
    }

    /// What the borrower of background number `borrower` is: business or individual, and its province.
    func borrowerTraits(_ borrower: Int) -> (business: Bool, region: Int) {
        let hash = SplitMix64.mix(UInt64(borrower) ^ 0xB0_5503)
        return (hash % 8 == 0, Int((hash >> 8) % UInt64(LedgerRoster.provinces.count)))
    }

    /// Which counted violation a row carries.
    enum Violation { case none, aprAbove24, bankCreditLine }

    /// Row `index` of the background.
    func row(_ index: Int) -> (TapeRow, Violation) {
        var random = SplitMix64(seed: seed ^ SplitMix64.mix(UInt64(index)))
        let borrower = index % borrowers
        let traits = borrowerTraits(borrower)
        let lender = pickLender(&random, region: traits.region, business: traits.business)
        let kind = kinds[lender]
        let businessPurpose = traits.business || (kind != .consumerFinance && random.below(100) < (kind == .privateLender ? 30 : 15))
        let secured = (kind.isBank && random.below(4) == 0) || (kind == .microlender && businessPurpose && random.below(10) < 3)
        var violation = Violation.none
        if kind != .privateLender, random.below(1000) == 0 { violation = .aprAbove24 }
        if kind.isBank, !traits.business, !businessPurpose, !secured, random.below(2000) == 0 { violation = .bankCreditLine }

        // Joint loans first: a consumption loan with partners is capped at 10万 so that no funder's part
        // exceeds 6万 (3 loans of one borrower stay under the online microlenders' 20万).
        let funders = kind == .privateLender || random.below(10) >= 3 ? [] : jointFunders(&random, lender: lender, business: businessPurpose)
        var principalYuan = principal(&random, kind: kind, business: businessPurpose)
        if !funders.isEmpty, !businessPurpose { principalYuan = min(principalYuan, 100_000) }
        let principal = principalYuan * 100 + (random.below(4) == 0 ? random.below(100) : 0)

        let start = kind == .privateLender ? TapeDate.privateStart : TapeDate.backgroundStart
        var contract = random.within(start...(TapeDate.schemaAsOf - 4))
        if violation != .none { contract = max(contract, TapeDate.newBusiness) }   // bound, never exempt
        let disbursed = contract + random.below(4)
        var balance = principal * random.within(1...100) / 100
        if violation == .none, disbursed < TapeDate.settledBefore, random.below(3) == 0 { balance = 0 }
        if balance == 0, violation != .none { balance = principal }

        var creditLine: Int?
        if !businessPurpose, random.below(5) != 0 {
            let tiers = [10_000, 20_000, 30_000, 50_000, 100_000, 150_000, 200_000]
            creditLine = (tiers.first { $0 * 100 >= principal } ?? 200_000) * 100
        }
        if violation == .bankCreditLine { creditLine = 20_000_001 + random.below(30_000_000) }

        let aprRange: ClosedRange<Int> = switch kind {
        case .nationalBank, .localBank: 345...1800
        case .consumerFinance, .onlineMicrolender: 720...2400
        case .microlender: 800...2400
        default: 400...1200
        }
        var apr = random.within(aprRange) / 5 * 5
        if violation == .aprAbove24 { apr = random.within(2401...3599) }
        let row = TapeRow(lender: lender, borrower: borrower, businessBorrower: traits.business, businessPurpose: businessPurpose,
                          secured: secured, contract: contract, disbursed: disbursed, principal: principal, balance: balance,
                          creditLine: creditLine, apr: apr, region: traits.region, funders: funders)
        return (row, violation)
    }

    /// A lender by market share; a non-online local bank only for borrowers of its own province.
    private func pickLender(_ random: inout SplitMix64, region: Int, business: Bool) -> Int {
        let roll = random.below(100)
        switch roll {
        case ..<25: return nationalBanks[random.below(nationalBanks.count)]
        case ..<35:
            if let local = localBankOf[region] { return local }
            return onlineBanks[random.below(onlineBanks.count)]
        case ..<45: return onlineBanks[random.below(onlineBanks.count)]
        case ..<63:
            // Consumer-finance companies lend to individuals only.
            return business ? microlenders[random.below(microlenders.count)] : consumerFinance[random.below(consumerFinance.count)]
        case ..<73: return microlenders[random.below(microlenders.count)]
        case ..<95: return onlineMicrolenders[random.below(onlineMicrolenders.count)]
        default: return privateLenders[random.below(privateLenders.count)]
        }
    }

    /// Principal in whole yuan (a multiple of 100).
    private func principal(_ random: inout SplitMix64, kind: LedgerRoster.Kind, business: Bool) -> Int {
        let hundreds: ClosedRange<Int> = switch (kind, business) {
        case (.nationalBank, false), (.localBank, false): 10...2000
        case (.consumerFinance, _): 5...500
        case (.microlender, false): 10...1000
        case (.onlineMicrolender, false): 5...600
        case (.privateLender, false): 50...1000
        case (.privateLender, true): 100...2000
        default: 100...10_000   // business loans of banks and microlenders: up to 100万
        }
        return random.within(hundreds) * 100
    }

    /// Funders and shares of a joint loan that keep every §8.2 rule: a non-bank next to a bank holds at
    /// least 30%; the three-way split 60/25/15 gives the 25 and 15 to banks, or has no bank at all.
    private func jointFunders(_ random: inout SplitMix64, lender: Int, business: Bool) -> [(institution: Int, share: Int)] {
        let nonBanks = business ? microlenders + onlineMicrolenders : consumerFinance + onlineMicrolenders
        func other(_ pool: [Int], excluding: [Int]) -> Int {
            var pick = pool[random.below(pool.count)]
            while excluding.contains(pick) { pick = pool[random.below(pool.count)] }
            return pick
        }
        if kinds[lender].isBank {
            if random.below(5) == 0 {
                let bank = other(partnerBanks, excluding: [lender])
                return [(lender, 4000), (bank, 3000), (other(nonBanks, excluding: [lender]), 3000)]
            }
            let bankShare = [7000, 6000, 5000][random.below(3)]
            return [(lender, bankShare), (other(nonBanks, excluding: [lender]), 10_000 - bankShare)]
        }
        switch random.below(10) {
        case ..<7:
            let share = [3000, 4000, 5000][random.below(3)]
            return [(lender, share), (other(partnerBanks, excluding: []), 10_000 - share)]
        case ..<9:
            let first = other(partnerBanks, excluding: [])
            return [(lender, 6000), (first, 2500), (other(partnerBanks, excluding: [first]), 1500)]
        default:
            let first = other(nonBanks, excluding: [lender])
            return [(lender, 6000), (first, 2500), (other(nonBanks, excluding: [lender, first]), 1500)]
        }
    }
}
