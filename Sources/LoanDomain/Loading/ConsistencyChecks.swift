import Diagnostics
import FoundationEssentials
import RuleLanguage

/// Document rules a schema cannot state (DESIGN §2): funding shares add up to exactly 100%, a fee has
/// exactly one of `periodic` and `one_off`, a closed product has `closed_on`, no self-references, a
/// waiver names its approver and reason.
enum ConsistencyChecks {
    static func check(_ document: LoadedDocument) -> [Diagnostic] {
        switch document.kind {
        case "LoanProduct": product(document.record)
        case "Institution": institution(document.record, id: document.id)
        case "Waiver": waiver(document.record)
        default: []
        }
    }

    /// A waiver is an approved exception: it must say who approved it and why (an empty approver or
    /// reason would let anyone silence a rule without a trace).
    private static func waiver(_ record: Record) -> [Diagnostic] {
        [("approved_by", "who approved the waiver (e.g. 合规部)"), ("reason", "why the violation is accepted (e.g. 存量业务自然到期)")]
            .compactMap { field, what in
                guard case .string(let text)? = record[field],
                      text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return nil }
                return .error("a waiver's '\(field)' must not be empty", at: record.location(of: field) ?? record.location,
                              hint: "write \(what)")
            }
    }

    private static func product(_ record: Record) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let location = record.location
        if case .enumeration(let status)? = record["status"] {
            if status.caseName == "closed", record["closed_on"] == nil {
                diagnostics.append(.error("a closed product needs 'closed_on'", at: record.location(of: "status") ?? location,
                                          hint: "add `closed_on: YYYY-MM-DD`, the day after which no new loans are made"))
            } else if status.caseName == "active", record["closed_on"] != nil {
                diagnostics.append(.error("'closed_on' is only for a product with status: closed",
                                          at: record.location(of: "closed_on") ?? location,
                                          hint: "set `status: closed`, or remove closed_on"))
            }
        }
        if case .list(let funding)? = record["funding"] {
            diagnostics += fundingShares(funding, listLocation: record.location(of: "funding") ?? location)
        }
        if case .record(let pricing)? = record["pricing"], case .list(let fees)? = pricing["fees"] {
            for (index, element) in fees.elements.enumerated() {
                guard case .record(let fee) = element else { continue }
                diagnostics += feeShape(fee, index: index, location: fees.location(at: index) ?? location)
            }
        }
        return diagnostics
    }

    private static func fundingShares(_ funding: ListValue, listLocation: SourceLocation?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if funding.elements.isEmpty {
            return [.error("'funding' is empty", at: listLocation,
                           hint: "omit funding when the lender funds 100%, or list each funder with its share")]
        }
        var total: ExactNumber? = 0  // nil: the sum needs more than 38 digits (and so is not 100%)
        var seen: [String: SourceLocation?] = [:]
        // An entry whose share could not be read was reported already; a sum without it would mislead.
        let allSharesRead = funding.elements.allSatisfy { if case .record(let entry) = $0 { entry["share"] != nil } else { false } }
        for (index, element) in funding.elements.enumerated() {
            guard case .record(let entry) = element else { continue }
            if case .ratio(let share)? = entry["share"] {
                total = try? total?.adding(share.value)
                if share.value <= 0 || share.value > 1 {
                    diagnostics.append(.error(
                        "funding[\(index)].share is \(NumberFormat.percent(share.value)); a share must be above 0% and at most 100%",
                        at: entry.location(of: "share") ?? entry.location,
                        hint: "remove a funder that contributes nothing"))
                }
            }
            if case .string(let id)? = entry["institution"] {
                if let first = seen[id] {
                    diagnostics.append(.error("'\(id)' appears twice in funding", at: entry.location(of: "institution") ?? entry.location,
                                              hint: "give each funder one entry with its whole share",
                                              notes: [.init("first listed here", at: first)]))
                } else {
                    seen[id] = .some(entry.location(of: "institution") ?? entry.location)
                }
            }
        }
        if allSharesRead, total != 1, diagnostics.isEmpty {
            diagnostics.append(.error(
                "funding shares add up to \(total.map(NumberFormat.percent) ?? "more than 38 digits hold"), not 100%", at: listLocation,
                hint: "the shares of one loan must add up to exactly 100%"))
        }
        return diagnostics
    }

    private static func feeShape(_ fee: Record, index: Int, location: SourceLocation?) -> [Diagnostic] {
        let path = "pricing.fees[\(index)]"
        let periodic = fee["periodic"] != nil
        let oneOff = fee["one_off"] != nil
        if periodic == oneOff {
            return [.error(
                periodic ? "\(path) has both 'periodic' and 'one_off'" : "\(path) has neither 'periodic' nor 'one_off'",
                at: location, hint: "a fee is either charged every period (`periodic: 0.6% per month`) or once (`one_off: 2%`)")]
        }
        if oneOff, fee["collected"] == nil {
            return [.error("\(path) has 'one_off' but no 'collected'", at: location,
                           hint: "say when it is paid: upfront-deduction, at-disbursement or with-first-installment")]
        }
        if periodic, fee["collected"] != nil {
            return [.error("\(path): 'collected' applies to one-off fees only", at: fee.location(of: "collected") ?? location,
                           hint: "a periodic fee is paid with each instalment; remove 'collected'")]
        }
        return []
    }

    private static func institution(_ record: Record, id: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if case .list(let affiliates)? = record["affiliates"] {
            for (index, element) in affiliates.elements.enumerated() where element == .string(id) {
                diagnostics.append(.error("'\(id)' lists itself as an affiliate", at: affiliates.location(at: index) ?? record.location,
                                          hint: "affiliates are the other members of its group"))
            }
        }
        if case .list(let joint)? = record["joint_lending"] {
            var seen: [String: SourceLocation?] = [:]
            for (index, element) in joint.elements.enumerated() {
                guard case .record(let entry) = element, case .string(let partner)? = entry["partner"] else { continue }
                let location = entry.location(of: "partner") ?? joint.location(at: index)
                if partner == id {
                    diagnostics.append(.error("joint_lending[\(index)] names the institution itself as partner", at: location))
                } else if let first = seen[partner] {
                    diagnostics.append(.error("partner '\(partner)' appears twice in joint_lending", at: location,
                                              hint: "give one balance per partner",
                                              notes: [.init("first listed here", at: first)]))
                } else {
                    seen[partner] = location
                }
            }
        }
        if case .list(let approvals)? = record["approvals"] {
            for element in approvals.elements {
                guard case .record(let approval) = element, case .date(let granted)? = approval["granted"],
                      case .date(let expires)? = approval["expires"], expires < granted else { continue }
                // `expires` is the last day covered (inclusive, DESIGN §2): a one-day approval has
                // expires == granted, so only an expiry before the grant is impossible.
                diagnostics.append(.error("approval expires (\(expires)) before it is granted (\(granted))",
                                          at: approval.location(of: "expires") ?? approval.location,
                                          hint: "expires is the last day the approval covers (inclusive)"))
            }
        }
        return diagnostics
    }
}
