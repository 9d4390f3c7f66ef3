/// The institutions of a generated loan tape: a handful of every lending type for the background rows,
/// and a few dedicated ones whose small financials make the injected group cases land exactly on their
/// bounds (DESIGN §8.2). Background banks get financials sized from the tape itself, after the rows are
/// written, so no background group breaks a bound at any N.
struct LedgerRoster {
    enum Kind: String {
        case nationalBank = "national-bank"
        case localBank = "local-bank"
        case consumerFinance = "consumer-finance"
        case microlender
        case onlineMicrolender = "online-microlender"
        case privateLender = "private-lender"
        case platform

        var isBank: Bool { self == .nationalBank || self == .localBank }
        var isMicrolender: Bool { self == .microlender || self == .onlineMicrolender }
    }

    struct Institution {
        let id: String
        let name: String
        let kind: Kind
        /// Index into `LedgerRoster.provinces`.
        let province: Int
        var onlineOnly = false
        var affiliates: [String] = []
        /// Used only by injected rows (never drawn for background rows, never scaled).
        var dedicated = false
        /// Fen; nil when the document leaves it out.
        var tier1: Int?
        var totalLoans: Int?
        var netAssets: Int?
    }

    /// The borrowers' provinces (ISO 3166-2:CN).
    static let provinces = ["CN-BJ", "CN-SH", "CN-GD", "CN-JS", "CN-ZJ", "CN-HN", "CN-SC", "CN-CQ", "CN-FJ", "CN-SD", "CN-HB", "CN-HE"]
    static let yi = 100_000_000 * 100   // 1亿 yuan in fen
    static let wan = 10_000 * 100       // 1万 yuan in fen

    private(set) var institutions: [Institution] = []
    private var indexById: [String: Int] = [:]

    init() {
        func province(_ code: String) -> Int { Self.provinces.firstIndex(of: code) ?? 0 }
        func add(_ id: String, _ name: String, _ kind: Kind, _ code: String, _ configure: (inout Institution) -> Void = { _ in }) {
            var institution = Institution(id: id, name: name, kind: kind, province: province(code))
            configure(&institution)
            indexById[id] = institutions.count
            institutions.append(institution)
        }
        add("nb-1", "某国有大型商业银行", .nationalBank, "CN-BJ") { $0.tier1 = 2000 * Self.yi; $0.totalLoans = 20000 * Self.yi }
        add("nb-2", "某全国性股份制银行", .nationalBank, "CN-SH") { $0.tier1 = 1200 * Self.yi; $0.totalLoans = 12000 * Self.yi }
        add("nb-3", "另一全国性股份制银行", .nationalBank, "CN-BJ") { $0.tier1 = 800 * Self.yi; $0.totalLoans = 8000 * Self.yi }
        add("lb-js", "江苏某城市商业银行", .localBank, "CN-JS") { $0.tier1 = 150 * Self.yi; $0.totalLoans = 1500 * Self.yi }
        add("lb-hn", "湖南某农村商业银行", .localBank, "CN-HN") { $0.tier1 = 60 * Self.yi; $0.totalLoans = 600 * Self.yi }
        add("lb-sc", "四川某城市商业银行", .localBank, "CN-SC") { $0.tier1 = 90 * Self.yi; $0.totalLoans = 900 * Self.yi }
        add("lb-web-gd", "广东某民营银行（线上）", .localBank, "CN-GD") {
            $0.onlineOnly = true; $0.tier1 = 300 * Self.yi; $0.totalLoans = 3000 * Self.yi
        }
        add("lb-web-zj", "浙江某民营银行（线上）", .localBank, "CN-ZJ") {
            $0.onlineOnly = true; $0.tier1 = 200 * Self.yi; $0.totalLoans = 2000 * Self.yi
        }
        add("cfc-1", "某消费金融公司甲", .consumerFinance, "CN-SH") { $0.netAssets = 60 * Self.yi }
        add("cfc-2", "某消费金融公司乙", .consumerFinance, "CN-BJ") { $0.netAssets = 40 * Self.yi; $0.affiliates = ["oml-2"] }
        add("cfc-3", "某消费金融公司丙", .consumerFinance, "CN-GD") { $0.netAssets = 30 * Self.yi }
        add("mlc-1", "某小额贷款公司甲", .microlender, "CN-ZJ") { $0.netAssets = 10 * Self.yi }
        add("mlc-2", "某小额贷款公司乙", .microlender, "CN-CQ") { $0.netAssets = 12 * Self.yi }
        add("mlc-3", "某小额贷款公司丙", .microlender, "CN-JS") { $0.netAssets = 8 * Self.yi }
        add("oml-1", "某网络小额贷款公司甲", .onlineMicrolender, "CN-GD") {
            $0.netAssets = 80 * Self.yi; $0.affiliates = ["plat-1", "mlc-1"]
        }
        add("oml-2", "某网络小额贷款公司乙", .onlineMicrolender, "CN-CQ") { $0.netAssets = 60 * Self.yi }
        add("oml-3", "某网络小额贷款公司丙", .onlineMicrolender, "CN-HN") { $0.netAssets = 55 * Self.yi }
        add("pl-1", "某民间借贷出借人甲", .privateLender, "CN-ZJ")
        add("pl-2", "某民间借贷出借人乙", .privateLender, "CN-GD")
        add("plat-1", "某助贷平台", .platform, "CN-GD")
        // Dedicated: only injected rows use them.
        add("lb-conc", "某村镇银行（集中度）", .localBank, "CN-GD") {
            $0.onlineOnly = true; $0.dedicated = true; $0.tier1 = 4000 * Self.wan; $0.totalLoans = 20 * Self.yi
        }
        add("lb-total-a", "某村镇银行（联合贷款总额甲）", .localBank, "CN-ZJ") {
            $0.onlineOnly = true; $0.dedicated = true; $0.tier1 = 10 * Self.yi; $0.totalLoans = Self.yi
        }
        add("lb-total-b", "某村镇银行（联合贷款总额乙）", .localBank, "CN-ZJ") {
            $0.onlineOnly = true; $0.dedicated = true; $0.tier1 = 10 * Self.yi; $0.totalLoans = Self.yi
        }
        add("mlc-cap", "某小额贷款公司（单户集中度）", .microlender, "CN-ZJ") { $0.dedicated = true; $0.netAssets = 5000 * Self.wan }
    }

    func index(_ id: String) -> Int {
        guard let index = indexById[id] else { preconditionFailure("no institution \(id) in the roster") }
        return index
    }

    subscript(index: Int) -> Institution { institutions[index] }

    /// Background institutions of `kind` (optionally only the online-only or only the other local banks).
    func pool(_ kind: Kind, onlineOnly: Bool? = nil) -> [Int] {
        institutions.indices.filter {
            let institution = institutions[$0]
            return institution.kind == kind && !institution.dedicated && (onlineOnly.map { $0 == institution.onlineOnly } ?? true)
        }
    }

    /// Affiliate groups (symmetric and transitive, as the schema says): a group number per institution.
    func affiliateGroups() -> [Int] {
        var parent = Array(institutions.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { index = parent[index] }
            return index
        }
        for (index, institution) in institutions.enumerated() {
            for affiliate in institution.affiliates { parent[root(self.index(affiliate))] = root(index) }
        }
        return institutions.indices.map(root)
    }

    /// Sizes the background banks' tier-1 capital and total loans from what the tape holds, so that
    /// 25% of tier 1 is at least 1.25 × the largest partner-group sum and 50% of total loans at least
    /// 1.25 × the joint total (rounded up to 亿); the realistic defaults stay when they are larger.
    mutating func sizeBackgroundBanks(largestGroupSum: [Int], jointTotal: [Int]) {
        func roundUpToYi(_ fen: Int) -> Int { (fen + Self.yi - 1) / Self.yi * Self.yi }
        for index in institutions.indices where institutions[index].kind.isBank && !institutions[index].dedicated {
            let tier1 = max(institutions[index].tier1 ?? 0, roundUpToYi(largestGroupSum[index] * 5))
            institutions[index].tier1 = tier1
            institutions[index].totalLoans = max(institutions[index].totalLoans ?? 0, roundUpToYi(jointTotal[index] * 5 / 2), tier1 * 10)
        }
    }

    /// The institutions as YAML documents (one multi-document file).
    func yaml() -> String {
        var text = "# Generated by `AuditBenchmark generate-ledger`: the institutions of the synthetic loan tape.\n"
        for institution in institutions {
            text += "---\nkind: Institution\nid: \(institution.id)\nname: \(institution.name)\ntype: \(institution.kind.rawValue)\n"
            text += "registered_in: \(Self.provinces[institution.province])\n"
            if institution.onlineOnly { text += "online_only: true\n" }
            if !institution.affiliates.isEmpty { text += "affiliates: [\(institution.affiliates.joined(separator: ", "))]\n" }
            switch institution.kind {
            case .nationalBank, .localBank:
                text += "capital: {registered: 50亿, paid_in: 50亿}\n"
                text += "financials: {as_of: 2025-12-31, tier1_capital_net: \(yuan(institution.tier1)), total_loans: \(yuan(institution.totalLoans))}\n"
            case .consumerFinance:
                text += "capital: {registered: 30亿, paid_in: 30亿}\nfinancials: {as_of: 2025-12-31, net_assets: \(yuan(institution.netAssets))}\n"
            case .microlender, .onlineMicrolender:
                let net = institution.netAssets ?? 0
                let capital = yuan(institution.kind == .onlineMicrolender ? 50 * Self.yi : net)
                text += "capital: {registered: \(capital), paid_in: \(capital)}\n"
                text += "financials: {as_of: 2025-12-31, net_assets: \(yuan(net)), nonstandard_financing: \(yuan(net / 2)), standard_financing: \(yuan(net * 2))}\n"
                if institution.kind == .onlineMicrolender {
                    text += "approvals:\n  - {scope: cross-province, authority: 地方金融管理局, reference: 某金复〔2021〕8号, granted: 2021-06-01}\n"
                }
            case .privateLender, .platform:
                break
            }
        }
        return text
    }

    /// The same facts as CSV for the DuckDB anchor, which cannot read YAML: one row per institution, and
    /// the declared affiliate pairs (the SQL closes them into groups itself).
    func anchorCSV() -> (institutions: String, affiliates: String) {
        var rows = "id,type,registered_in,online_only,tier1_capital_net,total_loans,net_assets\n"
        var pairs = "institution,affiliate\n"
        for institution in institutions {
            rows += "\(institution.id),\(institution.kind.rawValue),\(Self.provinces[institution.province]),\(institution.onlineOnly),"
            rows += "\(institution.tier1.map(yuan) ?? ""),\(institution.totalLoans.map(yuan) ?? ""),\(institution.netAssets.map(yuan) ?? "")\n"
            for affiliate in institution.affiliates { pairs += "\(institution.id),\(affiliate)\n" }
        }
        return (rows, pairs)
    }
}

/// Fen as plain yuan with two decimals (`40000000.00`); `0.00` for nil.
func yuan(_ fen: Int?) -> String {
    let fen = fen ?? 0
    let cents = fen % 100
    return "\(fen / 100).\(cents < 10 ? "0" : "")\(cents)"
}
