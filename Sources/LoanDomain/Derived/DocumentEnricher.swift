import Diagnostics
import FoundationEssentials
import RuleLanguage

/// Adds the derived fields of the schema to loaded documents: affiliate groups and joint-lending totals
/// of institutions; the funding defaults, joined funders and computed APR of products.
///
/// Runs only on a set without load errors, so every reference resolves.
struct DocumentEnricher {
    /// The documents with their derived fields, in the same order. Pass the only references to them
    /// (`consume`): each old document is then freed on the core that replaced it.
    static func enrich(_ documents: consuming [LoadedDocument]) -> [LoadedDocument] {
        let institutionIndices = documents.indices.filter { documents[$0].kind == "Institution" }
        let productIndices = documents.indices.filter { documents[$0].kind == "LoanProduct" }
        let groups = AffiliateGroups(links: institutionIndices.map { (documents[$0].id, Self.strings(documents[$0]["affiliates"])) })
        var productsByLender: [String: [LoadedDocument]] = [:]
        // Each product's lender read on all cores (a field search per product), then grouped in order.
        let lenders = productIndices.concurrentMap { [documents] index in Self.string(documents[index]["lender"]) ?? "" }
        for (position, index) in productIndices.enumerated() {
            productsByLender[lenders[position], default: []].append(documents[index])
        }
        // Institutions are independent of each other (groups and product lists are known): derive them on
        // all cores, then the products, which join in their funders' enriched records.
        let institutionDerivation = InstitutionDerivation(groups: groups)
        let institutionRecords = institutionIndices.concurrentMap { [documents, productsByLender] index in
            institutionDerivation.enrich(documents[index].record, id: documents[index].id,
                                         products: productsByLender[documents[index].id] ?? [])
        }
        productsByLender = [:]
        var enrichedInstitutions: [String: Record] = [:]
        var institutionRecordAt = [Record?](repeating: nil, count: documents.count)
        for (position, index) in institutionIndices.enumerated() {
            enrichedInstitutions[documents[index].id] = institutionRecords[position]
            institutionRecordAt[index] = institutionRecords[position]
        }
        let derivation = ProductDerivation(institutions: enrichedInstitutions, aprCache: AprCache())
        return (consume documents).concurrentMapReleasingElements { [institutionRecordAt] index, document in
            if let record = institutionRecordAt[index] {
                return document.enriched(record: record, derivationProblems: document.derivationProblems)
            }
            guard document.kind == "LoanProduct" else { return document }
            let derived = derivation.enrich(document.record)
            return document.enriched(record: derived.record, derivationProblems: derived.problems)
        }
    }

    static func string(_ value: Value?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func strings(_ value: Value?) -> [String] {
        guard case .list(let list)? = value else { return [] }
        return list.elements.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}

/// Derived fields of an institution.
struct InstitutionDerivation {
    let groups: AffiliateGroups

    func enrich(_ record: Record, id: String, products: [LoadedDocument]) -> Record {
        var derived: [Record.Field] = []
        let type = if case .enumeration(let value)? = record["type"] { value.caseName } else { "" }
        derived.append(Record.Field(name: "is_bank", value: .boolean(type == "national-bank" || type == "local-bank"),
                                    location: record.location(of: "type")))
        if let base = Self.capitalBase(record, type: type) { derived.append(base) }
        derived.append(Record.Field(name: "group", value: .list(groups.groupValue(of: id)),
                                    location: record.location(of: "affiliates")))

        // nil once a sum needs more than 38 digits: the derived amount is then absent ("cannot evaluate").
        var total: ExactNumber? = 0
        var byGroup: [(partners: [String], balance: ExactNumber?, location: SourceLocation?)] = []
        // Position in `byGroup` per group key: groups stay in the order of their first partner, without a
        // scan of the groups so far for each of thousands of partners.
        var positionOfGroup: [String: Int] = [:]
        if case .list(let joint)? = record["joint_lending"] {
            for element in joint.elements {
                guard case .record(let entry) = element, case .string(let partner)? = entry["partner"],
                      case .money(let balance)? = entry["balance"] else { continue }
                total = try? total?.adding(balance)
                let key = groups.groupKey(of: partner)
                if let position = positionOfGroup[key] {
                    byGroup[position].partners.append(partner)
                    byGroup[position].balance = try? byGroup[position].balance?.adding(balance)
                } else {
                    positionOfGroup[key] = byGroup.count
                    byGroup.append(([partner], balance, entry.location(of: "balance")))
                }
            }
        }
        let partnerGroups = byGroup.map { group in
            Value.record(Record(
                type: "Institution.partner_groups",
                fields: ["partners": .list(ListValue(group.partners.map(Value.string)))]
                    .merging(group.balance.map { ["balance": Value.money($0)] } ?? [:]) { first, _ in first },
                locations: group.location.map { ["balance": $0, "partners": $0] } ?? [:],
                location: group.location))
        }
        derived.append(Record.Field(name: "partner_groups", value: .list(ListValue(partnerGroups, locations: byGroup.map(\.location))),
                                    location: record.location(of: "joint_lending")))
        if let total {
            derived.append(Record.Field(name: "joint_lending_total", value: .money(total),
                                        location: record.location(of: "joint_lending")))
        }

        let lite = products.map { product in
            // `closed_on` lets a rule tell a product still lending at the as-of date from one running off.
            let closedOn = product["closed_on"].map {
                [Record.Field(name: "closed_on", value: $0, location: product.record.location(of: "closed_on"))]
            } ?? []
            return Value.record(Record(
                type: "Institution.products",
                fields: closedOn + [Record.Field(name: "id", value: .string(product.id), location: product.idLocation),
                         Record.Field(name: "regions", value: product["regions"] ?? .list(ListValue([])),
                                      location: product.record.location(of: "regions") ?? product.location),
                         Record.Field(name: "status", value: product["status"] ?? .string("active"), location: nil)],
                location: product.location))
        }
        let liteLocations = products.map { Optional($0.record.location(of: "regions") ?? $0.location) }
        derived.append(Record.Field(name: "products", value: .list(ListValue(lite, locations: liteLocations)),
                                    location: nil))
        return record.setting(derived)
    }

    /// The capital a joint-lending concentration limit is measured against (24号 三, and 第八条 for the
    /// institutions that apply it by reference): 一级资本净额 for banks, consumer-finance and auto-finance
    /// companies, which report it under the capital rules; 净资本 for a trust company; 营运资金 for a
    /// foreign-bank branch, which has no capital of its own. Nil when the type has none or the document
    /// lacks the figure, so a rule reading it cannot be evaluated.
    static func capitalBase(_ record: Record, type: String) -> Record.Field? {
        let name = switch type {
        case "trust": "net_capital"
        case "foreign-bank-branch": "operating_capital"
        case "national-bank", "local-bank", "consumer-finance", "auto-finance": "tier1_capital_net"
        default: ""
        }
        guard !name.isEmpty, case .record(let financials)? = record["financials"], let value = financials[name] else { return nil }
        return Record.Field(name: "capital_base", value: value, location: financials.location(of: name))
    }
}

/// Derived fields of a product.
struct ProductDerivation: Sendable {
    let institutions: [String: Record]
    let aprCache: AprCache

    func enrich(_ record: Record) -> (record: Record, problems: [String: String]) {
        var derived: [Record.Field] = []
        // funding_defaulted, funding, pricing, apr, disclosed_apr_computed: room for all at once.
        derived.reserveCapacity(5)
        var problems: [String: String] = [:]

        // Funding: absent means the lender funds 100%; each entry is joined with its institution.
        var entries: [Value] = []
        var entryLocations: [SourceLocation?] = []
        var fundingLocation = record.location(of: "funding")
        if case .list(let funding)? = record["funding"] {
            // Kept for the whole audit: exactly sized, not left at a doubling array's capacity.
            entries.reserveCapacity(funding.elements.count)
            entryLocations.reserveCapacity(funding.elements.count)
            for (index, element) in funding.elements.enumerated() {
                guard case .record(let entry) = element else { continue }
                entries.append(.record(joined(entry)))
                entryLocations.append(funding.location(at: index))
            }
            derived.append(Record.Field(name: "funding_defaulted", value: .boolean(false), location: fundingLocation))
        } else if let lender = DocumentEnricher.string(record["lender"]) {
            let lenderLocation = record.location(of: "lender") ?? record.location
            let entry = Record(type: "LoanProduct.funding",
                               fields: ["institution": .string(lender), "share": .ratio(Ratio(1))],
                               locations: lenderLocation.map { ["institution": $0, "share": $0] } ?? [:],
                               location: lenderLocation)
            entries.append(.record(joined(entry)))
            entryLocations.append(lenderLocation)
            fundingLocation = lenderLocation
            derived.append(Record.Field(name: "funding_defaulted", value: .boolean(true), location: fundingLocation))
        }
        derived.append(Record.Field(name: "funding", value: .list(ListValue(entries, locations: entryLocations)),
                                    location: fundingLocation))
        if let pricing = Self.pricingWithPayees(record, institutions: institutions) {
            derived.append(pricing)
        }

        // The all-in APR (DESIGN §3).
        var apr: [Record.Field] = []
        apr.reserveCapacity(3)
        let pricingLocation = record.location(of: "pricing")
        switch AprInputBuilder.input(for: record) {
        case .success(let input):
            do {
                let rates = try aprCache.rates(for: input)
                func add(_ name: String, _ rate: ExactNumber?) {
                    guard let rate else {
                        problems["apr"] = "the APR has more than 38 digits"
                        return
                    }
                    apr.append(Record.Field(name: name, value: .ratio(Ratio(rate)), location: pricingLocation))
                }
                add("nominal", rates.nominal)
                add("effective", rates.effective)
                add("simple", rates.simple)
            } catch {
                problems["apr"] = error.message
            }
        case .failure(let problem):
            problems["apr"] = problem.message
        }
        derived.append(Record.Field(name: "apr", value: .record(Record(type: "LoanProduct.apr", fields: apr,
                                                                        location: pricingLocation)),
                                    location: pricingLocation))
        let method = if case .record(let pricing)? = record["pricing"], case .enumeration(let value)? = pricing["disclosed_apr_method"] {
            value.caseName
        } else {
            "irr"
        }
        let disclosedName = method == "simple" ? "simple" : "nominal"
        if let computed = apr.first(where: { $0.name == disclosedName }) {
            derived.append(Record.Field(name: "disclosed_apr_computed", value: computed.value, location: pricingLocation))
        }
        return (record.setting(derived), problems)
    }

    /// `pricing` with each fee that names a `provider` given that institution's type (`payee_type`),
    /// located at the provider so a finding on it points into the product. Nil when no fee names one.
    static func pricingWithPayees(_ record: Record, institutions: [String: Record]) -> Record.Field? {
        guard case .record(let pricing)? = record["pricing"], case .list(let fees)? = pricing["fees"] else { return nil }
        var changed = false
        let joinedFees = fees.elements.map { element -> Value in
            guard case .record(let fee) = element, let id = DocumentEnricher.string(fee["provider"]),
                  let institution = institutions[id], let type = institution["type"] else { return element }
            changed = true
            return .record(fee.setting([Record.Field(name: "payee_type", value: type, location: fee.location(of: "provider"))]))
        }
        guard changed else { return nil }
        let feesValue = Value.list(ListValue(joinedFees, locations: fees.elements.indices.map { fees.location(at: $0) }))
        return Record.Field(name: "pricing", value: .record(pricing.setting([Record.Field(name: "fees", value: feesValue,
                                                                                           location: pricing.location(of: "fees"))])),
                            location: record.location(of: "pricing"))
    }

    private func joined(_ entry: Record) -> Record {
        guard let id = DocumentEnricher.string(entry["institution"]), let institution = institutions[id] else { return entry }
        return entry.setting([Record.Field(name: "funder", value: .record(institution), location: entry.location(of: "institution"))])
    }
}
