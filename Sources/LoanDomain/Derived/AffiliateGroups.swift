import RuleLanguage

/// Groups of affiliated institutions (关联方): `affiliates` links are symmetric and transitive, so a
/// group is a connected component of the affiliate graph.
///
/// Built in near-linear time (union-find with path compression and union by size over integer ids), and
/// each group's member list is built once and shared by all its members: a star of 10,000 institutions
/// around one hub holds one list of 10,001 ids, not 10,001 copies of it.
public struct AffiliateGroups: Sendable {
    /// The group number of every id named (institutions and the affiliates they list).
    private let groupOfId: [String: Int]
    /// The sorted member ids of each group.
    private let members: [[String]]
    /// The same lists as rule-language values, for the derived `group` field of every member.
    private let memberValues: [ListValue]

    /// Groups from each institution id and the ids it lists as affiliates.
    public init(links: [(id: String, affiliates: [String])]) {
        var numbers: [String: Int] = [:]
        var ids: [String] = []
        var sets = DisjointSets()
        func number(_ id: String) -> Int {
            if let known = numbers[id] { return known }
            numbers[id] = ids.count
            ids.append(id)
            return sets.add()
        }
        for link in links {
            let own = number(link.id)
            for other in link.affiliates { sets.union(own, number(other)) }
        }
        // Members in the order ids were first named, then each group sorted once: the key of a group (its
        // smallest id) does not depend on which member union-find made the root.
        var groupOfRoot: [Int: Int] = [:]
        var members: [[String]] = []
        var groupOfNumber = [Int](repeating: 0, count: ids.count)
        for index in ids.indices {
            let root = sets.find(index)
            let group: Int
            if let known = groupOfRoot[root] {
                group = known
            } else {
                group = members.count
                groupOfRoot[root] = group
                members.append([])
            }
            members[group].append(ids[index])
            groupOfNumber[index] = group
        }
        for group in members.indices { members[group].sort() }
        self.members = members
        memberValues = members.map { ListValue($0.map(Value.string)) }
        groupOfId = numbers.mapValues { groupOfNumber[$0] }
    }

    /// The sorted ids of the group `id` belongs to (just `[id]` when it has no affiliates or is unknown).
    public func group(of id: String) -> [String] {
        groupOfId[id].map { members[$0] } ?? [id]
    }

    /// The group of `id` as a list value, shared by every member of the group.
    public func groupValue(of id: String) -> ListValue {
        groupOfId[id].map { memberValues[$0] } ?? ListValue([.string(id)])
    }

    /// A stable name for the group of `id`: its smallest member id.
    public func groupKey(of id: String) -> String {
        groupOfId[id].flatMap { members[$0].first } ?? id
    }
}
