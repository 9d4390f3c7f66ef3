import FoundationEssentials

/// Writes N synthetic products with their institutions, in the realistic mix of DESIGN §2: units written
/// every way the loader accepts, fees, joint-funding splits, regions; about 15% violate something.
///
/// Deterministic (a fixed linear congruential generator), so every run measures the same corpus.
struct CorpusGenerator {
    let products: Int
    /// One file per document, or everything in one multi-document file.
    let singleFile: Bool

    private struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Institutions: banks (national, local, online-only), consumer-finance companies, microlenders,
    /// online microlenders and platforms, one per 50 products (at least 10).
    func institutions() -> [(id: String, text: String)] {
        let count = max(10, products / 50)
        var random = Random(state: 7)
        var result: [(String, String)] = []
        let provinces = ["CN-GD", "CN-JS", "CN-ZJ", "CN-SH", "CN-BJ", "CN-HN", "CN-SC", "CN-FJ"]
        for index in 0..<count {
            let kind = index % 5
            let id = "inst-\(index)"
            let province = provinces[index % provinces.count]
            var text = "kind: Institution\nid: \(id)\nname: 机构\(index)\nregistered_in: \(province)\n"
            switch kind {
            case 0:
                text += "type: national-bank\ncapital: {registered: 300亿, paid_in: 300亿}\n"
                text += "financials: {as_of: 2025-12-31, tier1_capital_net: 400亿, total_loans: 4000亿}\n"
                text += "joint_lending:\n  - {partner: inst-\((index + 1) % count), balance: \(10 + random.next(90))亿}\n"
            case 1:
                text += "type: local-bank\nonline_only: \(index % 2 == 0)\ncapital: {registered: 50亿, paid_in: 50亿}\n"
                text += "financials: {as_of: 2025-12-31, tier1_capital_net: 200亿, total_loans: \"200,000,000,000\"}\n"
            case 2:
                text += "type: consumer-finance\ncapital: {registered: \(random.next(100) < 90 ? "10亿" : "8亿"), paid_in: 10亿}\n"
                text += "financials: {as_of: 2025-12-31, net_assets: 30亿}\n"
            case 3:
                text += "type: microlender\ncapital: {registered: 5亿, paid_in: 5亿}\n"
                text += "financials: {as_of: 2025-12-31, net_assets: 10亿, nonstandard_financing: \(random.next(100) < 90 ? "5亿" : "12亿"), standard_financing: 30亿}\n"
            default:
                text += "type: online-microlender\ncapital: {registered: 50亿, paid_in: 50亿}\n"
                text += "financials: {as_of: 2025-12-31, net_assets: 60亿, nonstandard_financing: 30亿, standard_financing: 200亿}\n"
                text += "approvals:\n  - {scope: cross-province, authority: 地方金融监管局, granted: 2021-06-01}\n"
            }
            result.append((id, text))
        }
        return result
    }

    /// What a violating product gets wrong (one thing each).
    private enum Violation: CaseIterable {
        case rateAbove24, creditLineAbove20万, partnerShareBelow30, upfrontDeduction, disclosureTooLow
    }

    /// Product `index`: lender, funding split, pricing and regions drawn from the mix; 15% break one rule.
    func product(_ index: Int, institutions count: Int) -> (id: String, text: String) {
        var random = Random(state: UInt64(index) &* 2_654_435_761 &+ 11)
        let violation: Violation? = random.next(100) < 15 ? Violation.allCases[random.next(Violation.allCases.count)] : nil
        // Lenders that can break the rule drawn: banks for the credit line, microlenders for the rest.
        var lenderIndex = random.next(count)
        switch violation {
        case .creditLineAbove20万?: lenderIndex = (lenderIndex / 5) * 5
        case .partnerShareBelow30?, .upfrontDeduction?: lenderIndex = min(count - 1, (lenderIndex / 5) * 5 + 3)
        default: break
        }
        let lenderKind = lenderIndex % 5
        let id = "prod-\(index)"
        let rates = ["0.05% per day", "18% per year", "1.2% per month", "日息0.04%", "年化15%", "月息1%"]
        let rate = violation == .rateAbove24 ? "0.07% per day" : rates[random.next(rates.count)]
        let maxLine = violation == .creditLineAbove20万 ? "30万" : ["5万", "10万", "20万", "\"200,000\"", "\"¥150,000\""][random.next(5)]
        var text = """
            kind: LoanProduct
            id: \(id)
            name: 产品\(index)
            lender: inst-\(lenderIndex)
            borrower: individual
            purpose: consumption
            secured: false
            credit_line: {min: 500, max: \(maxLine)}
            income_cap: 1/3
            term: {min: 3 months, max: \(["12 months", "6个月", "1年", "24 months"][random.next(4)])}
            repayment: \(["equal-installment", "equal-principal", "interest-only"][random.next(3)])
            pricing:
              rate: \(rate)

            """
        if random.next(3) == 0 || violation == .upfrontDeduction {
            text += "  fees:\n    - {kind: guarantee, periodic: 0.0\(1 + random.next(5))% per month}\n"
            if lenderKind == 3 || lenderKind == 4 {
                let collected = violation == .upfrontDeduction ? "upfront-deduction" : "at-disbursement"
                text += "    - {kind: service, one_off: 1%, collected: \(collected)}\n"
            }
        }
        text += "  disclosed_apr: \(violation == .disclosureTooLow ? "5%" : "35.99%")\n"
        let regions = lenderKind == 1 ? "[CN-\(["GD", "JS", "ZJ", "SH", "BJ", "HN", "SC", "FJ"][lenderIndex % 8])]"
            : (random.next(2) == 0 ? "[all]" : "[CN-GD, 广西, 湖南省]")
        text += "regions: \(regions)\n"
        if lenderKind >= 2 && random.next(2) == 0 || violation == .partnerShareBelow30 {
            let bank = (lenderIndex / 5) * 5
            let share = violation == .partnerShareBelow30 ? "25%" : "30%"
            text += "funding:\n  - {institution: inst-\(bank), share: \(share == "30%" ? "70%" : "75%")}\n"
            text += "  - {institution: inst-\(lenderIndex), share: \(share)}\n"
        }
        return (id, text)
    }

    /// Writes the corpus under `directory`; returns the number of files written.
    func write(to directory: String) throws -> Int {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: directory + "/institutions", withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: directory + "/products", withIntermediateDirectories: true)
        let institutions = institutions()
        if singleFile {
            var all = institutions.map(\.text)
            for index in 0..<products { all.append(product(index, institutions: institutions.count).text) }
            let text = all.joined(separator: "---\n")
            guard fileManager.createFile(atPath: directory + "/all.yaml", contents: Data(text.utf8)) else {
                throw CorpusError(path: directory + "/all.yaml")
            }
            return 1
        }
        for institution in institutions {
            let path = directory + "/institutions/\(institution.id).yaml"
            guard fileManager.createFile(atPath: path, contents: Data(institution.text.utf8)) else { throw CorpusError(path: path) }
        }
        for index in 0..<products {
            let product = product(index, institutions: institutions.count)
            let path = directory + "/products/\(product.id).yaml"
            guard fileManager.createFile(atPath: path, contents: Data(product.text.utf8)) else { throw CorpusError(path: path) }
        }
        return institutions.count + products
    }
}

struct CorpusError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write \(path)" }
}
