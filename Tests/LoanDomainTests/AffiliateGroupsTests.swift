import Diagnostics
import LoanDomain
import RuleLanguage
import Testing

/// Affiliate groups: exact members and keys for every shape of links (chain, star, cycle, none), the same
/// whatever the order of the links, one shared list per group, and big groups in linear time.
@Suite struct AffiliateGroupsTests {
    @Test func groupsAreSymmetricAndTransitive() {
        // a → b and c → b only: a, b, c are one group; d stands alone.
        let groups = AffiliateGroups(links: [("a", ["b"]), ("c", ["b"]), ("d", [])])
        #expect(groups.group(of: "a") == ["a", "b", "c"])
        #expect(groups.group(of: "b") == ["a", "b", "c"])
        #expect(groups.group(of: "d") == ["d"])
        #expect(groups.groupKey(of: "c") == "a")
    }

    @Test func aChainIsOneGroupKeyedByItsSmallestId() {
        // Written as in the defect report: each institution lists the next, the last one first.
        let ids = (0..<6).map { "i\($0)" }
        let links = ids.indices.reversed().map { index in (ids[index], index + 1 < ids.count ? [ids[index + 1]] : []) }
        let groups = AffiliateGroups(links: links)
        for id in ids {
            #expect(groups.group(of: id) == ids)
            #expect(groups.groupKey(of: id) == "i0")
        }
    }

    @Test func aStarIsOneGroupWhicheverSideStatesTheLinks() {
        let spokes = ["s1", "s2", "s3"]
        let inward = AffiliateGroups(links: [("hub", [])] + spokes.map { ($0, ["hub"]) })
        let outward = AffiliateGroups(links: [("hub", spokes)] + spokes.map { ($0, []) })
        for groups in [inward, outward] {
            for id in ["hub"] + spokes {
                #expect(groups.group(of: id) == ["hub", "s1", "s2", "s3"])
                #expect(groups.groupKey(of: id) == "hub")
            }
        }
    }

    @Test func cyclesAndRepeatedLinksGiveOneGroupEach() {
        // Two cycles (a → b → c → a; d ↔ e), links stated twice and both ways, and a loner.
        let groups = AffiliateGroups(links: [
            ("c", ["a", "a"]), ("b", ["c"]), ("a", ["b", "c"]), ("e", ["d"]), ("d", ["e"]), ("f", []),
        ])
        for id in ["a", "b", "c"] {
            #expect(groups.group(of: id) == ["a", "b", "c"])
            #expect(groups.groupKey(of: id) == "a")
        }
        #expect(groups.group(of: "d") == ["d", "e"])
        #expect(groups.groupKey(of: "e") == "d")
        #expect(groups.group(of: "f") == ["f"])
    }

    @Test func withoutAffiliatesEveryInstitutionIsItsOwnGroup() {
        let groups = AffiliateGroups(links: [("b", []), ("a", []), ("c", [])])
        for id in ["a", "b", "c"] {
            #expect(groups.group(of: id) == [id])
            #expect(groups.groupKey(of: id) == id)
            #expect(groups.groupValue(of: id) == ListValue([.string(id)]))
        }
        // An id never named (a partner outside the audit) is a group of its own too.
        #expect(groups.group(of: "zz") == ["zz"])
        #expect(groups.groupKey(of: "zz") == "zz")
    }

    @Test func anAffiliateThatIsNotLoadedStillJoinsTheGroup() {
        let groups = AffiliateGroups(links: [("m", ["outside"]), ("n", ["outside"])])
        #expect(groups.group(of: "n") == ["m", "n", "outside"])
        #expect(groups.groupKey(of: "outside") == "m")
    }

    @Test func groupsDoNotDependOnTheOrderOfTheLinks() {
        let links: [(id: String, affiliates: [String])] = [
            ("k", ["j"]), ("j", ["h"]), ("x", ["y"]), ("h", []), ("y", ["z"]), ("z", ["x"]), ("w", []),
        ]
        let forward = AffiliateGroups(links: links)
        let backward = AffiliateGroups(links: links.reversed())
        let interleaved = AffiliateGroups(links: links.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(\.element))
        for groups in [forward, backward, interleaved] {
            #expect(groups.group(of: "k") == ["h", "j", "k"])
            #expect(groups.groupKey(of: "j") == "h")
            #expect(groups.group(of: "x") == ["x", "y", "z"])
            #expect(groups.groupKey(of: "z") == "x")
            #expect(groups.group(of: "w") == ["w"])
        }
    }

    @Test func membersShareOneListOfTheirGroup() {
        let groups = AffiliateGroups(links: [("hub", [])] + (0..<100).map { ("s\($0)", ["hub"]) })
        let hub = groups.groupValue(of: "hub")
        #expect(hub.elements.count == 101)
        #expect(hub.elements.first == .string("hub"))
        let address = hub.elements.withUnsafeBufferPointer { $0.baseAddress }
        for index in [0, 42, 99] {
            #expect(groups.groupValue(of: "s\(index)").elements.withUnsafeBufferPointer { $0.baseAddress } == address,
                    "s\(index) holds a copy of the group")
        }
    }

    /// 20,000 institutions in a chain took hours before groups were linear (2,000 took two minutes).
    /// The time limit is a hang guard; nothing asserts a duration.
    @Test(.timeLimit(.minutes(2))) func aChainOfTwentyThousandLoadsWithTheWholeGroupOnEveryMember() throws {
        let count = 20_000
        let id = { (index: Int) in "i" + String(index + 100_000).dropFirst() }
        let text = (0..<count).reversed().map { index in
            "kind: Institution\nid: \(id(index))\nname: n\ntype: platform\nregistered_in: CN-GD\n"
                + (index + 1 < count ? "affiliates: [\(id(index + 1))]\n" : "")
        }.joined(separator: "---\n")
        let outcome = try LoaderTestSupport.load([("chain.yaml", text)])
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.documents.institutions.count == count)
        let expected = ListValue((0..<count).map { Value.string(id($0)) })
        for index in [0, 1, 9_999, 19_999] {
            let institution = try #require(outcome.documents.document(id: id(index)))
            #expect(institution["group"] == .list(expected), "the group of \(id(index))")
        }
    }

    @Test func partnerBalancesAreSummedOverAStarGroupInTheOrderOfTheFirstPartner() throws {
        var files = [("hub.yaml", Self.institution("hub"))]
        for spoke in 1...3 { files.append(("s\(spoke).yaml", Self.institution("s\(spoke)", affiliates: ["hub"]))) }
        files.append(("loner.yaml", Self.institution("loner")))
        let joint = "\njoint_lending:\n  - {partner: loner, balance: 1亿}\n  - {partner: s3, balance: 2亿}\n"
            + "  - {partner: hub, balance: 3亿}\n  - {partner: s1, balance: 4亿}\n"
        files.append(("bank.yaml", LoaderTestSupport.bank + joint))
        let outcome = try LoaderTestSupport.load(files)
        #expect(outcome.diagnostics.isEmpty)
        let bank = try #require(outcome.documents.document(id: "bank-a"))
        guard case .list(let partnerGroups)? = bank["partner_groups"] else { Issue.record("no partner_groups"); return }
        let summary = partnerGroups.elements.map { element -> String in
            guard case .record(let group) = element, case .list(let partners)? = group["partners"],
                  case .money(let balance)? = group["balance"] else { return "?" }
            let names = partners.elements.map { if case .string(let id) = $0 { id } else { "?" } }
            return names.joined(separator: "+") + " " + balance.plainText
        }
        #expect(summary == ["loner 100000000", "s3+hub+s1 900000000"])
        #expect(outcome.documents.document(id: "s2")?["group"] == .list(ListValue(["hub", "s1", "s2", "s3"].map(Value.string))))
    }

    private static func institution(_ id: String, affiliates: [String] = []) -> String {
        "kind: Institution\nid: \(id)\nname: \(id)\ntype: microlender\nregistered_in: CN-GD\naffiliates: [\(affiliates.joined(separator: ", "))]\n"
    }
}
