/// Bounds that keep a hostile or broken file from exhausting time, memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// The deepest nesting of sequences and mappings accepted; the collection that would be one
    /// level deeper is reported as an error.
    public var maxDepth: Int
    /// The total number of nodes that aliases may produce in one stream. An alias to a node with
    /// `n` nodes (itself and everything inside it, aliases included) counts `n`. This stops
    /// "billion laughs" files, which are tiny but expand exponentially.
    public var maxAliasExpansion: Int

    public init(maxDepth: Int = 512, maxAliasExpansion: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// 512 levels of nesting, 100,000 nodes from alias expansion.
    public static let `default` = YAMLLimits()
}
