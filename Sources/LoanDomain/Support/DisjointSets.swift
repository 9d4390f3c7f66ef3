/// Union-find over `0..<count`: union by size, and path halving on every `find`, so any sequence of
/// unions and finds costs near-linear time whatever the shape of the links (a chain, a star).
struct DisjointSets {
    private var parent: [Int] = []
    private var size: [Int] = []

    /// A new singleton set; returns its element.
    mutating func add() -> Int {
        parent.append(parent.count)
        size.append(1)
        return parent.count - 1
    }

    /// The representative of `element`'s set.
    mutating func find(_ element: Int) -> Int {
        var current = element
        while parent[current] != current {
            parent[current] = parent[parent[current]]
            current = parent[current]
        }
        return current
    }

    /// Merges the sets of `a` and `b`; the larger set's root stays the root.
    mutating func union(_ a: Int, _ b: Int) {
        var rootA = find(a)
        var rootB = find(b)
        guard rootA != rootB else { return }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = rootA
        size[rootA] += size[rootB]
    }
}
