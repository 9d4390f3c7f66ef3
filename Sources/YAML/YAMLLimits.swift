/// Bounds that keep a hostile or broken file from exhausting time, memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// The deepest nesting of sequences and mappings accepted; the collection that would be one
    /// level deeper is reported as an error.
    public var maxDepth: Int
    /// The total number of nodes that aliases may produce in one stream. An alias to a node with
    /// `n` nodes (itself and everything inside it, aliases included) counts `n`. This stops
    /// "billion laughs" files, which are tiny but expand exponentially.
    public var maxAliasExpansion: Int
    /// The most nodes (scalars, sequences and mappings, as written) one stream may hold. Each node
    /// costs memory in the tree and in every later stage, so a huge file of tiny values (`[1,1,1,…`
    /// over 100 MB is 50 million nodes) fails fast instead of exhausting memory. Real documents hold
    /// tens to hundreds of nodes.
    public var maxNodes: Int

    public init(maxDepth: Int = 512, maxAliasExpansion: Int = 100_000, maxNodes: Int = 6_000_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNodes = maxNodes
    }

    /// 512 levels of nesting, 100,000 nodes from alias expansion, 6,000,000 nodes written (a stream of
    /// 100,000 products holds about 4 million).
    public static let `default` = YAMLLimits()
}
