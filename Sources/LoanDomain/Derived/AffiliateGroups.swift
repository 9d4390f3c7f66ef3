/// Groups of affiliated institutions (关联方): `affiliates` links are symmetric and transitive, so a
/// group is a connected component of the affiliate graph.
public struct AffiliateGroups: Sendable {
    private var parent: [String: String] = [:]

    /// Groups from each institution id and the ids it lists as affiliates.
    public init(links: [(id: String, affiliates: [String])]) {
        for link in links {
            add(link.id)
            for other in link.affiliates {
                add(other)
                union(link.id, other)
            }
        }
    }

    /// The sorted ids of the group `id` belongs to (just `[id]` when it has no affiliates).
    public func group(of id: String) -> [String] {
        let root = find(id)
        return parent.keys.filter { find($0) == root }.sorted()
    }

    /// A stable name for the group of `id`: its smallest member id.
    public func groupKey(of id: String) -> String {
        group(of: id).first ?? id
    }

    private mutating func add(_ id: String) {
        if parent[id] == nil { parent[id] = id }
    }

    private func find(_ id: String) -> String {
        var current = id
        while let next = parent[current], next != current { current = next }
        return current
    }

    private mutating func union(_ a: String, _ b: String) {
        let rootA = find(a)
        let rootB = find(b)
        guard rootA != rootB else { return }
        // The smaller id becomes the root so that keys are deterministic.
        if rootA < rootB { parent[rootB] = rootA } else { parent[rootA] = rootB }
    }
}
