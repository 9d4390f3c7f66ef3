/// Bounds that keep a hostile or broken file from exhausting time, memory or the stack.
///
/// The size bounds (`maxFileBytes`, `maxScalarBytes`, `maxDocuments`, `maxNodes`) can be raised with
/// environment variables (`YAMLLimits(environment:)`); nesting and alias expansion cannot, as no real
/// document comes near them.
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
    /// The largest file read, in bytes; a larger one is refused before it is read. Files are read
    /// whole, and a file costs several times its size while it is parsed.
    public var maxFileBytes: Int
    /// The longest scalar (a value or key, after unquoting), in UTF-8 bytes. A name or reason is a few
    /// hundred bytes; a gigabyte scalar would be copied into every report that quotes it.
    public var maxScalarBytes: Int
    /// The most documents one stream may hold. Each document costs more than its nodes (a record, a
    /// result, often a diagnostic), so 30 MB of `--- a` must not become 5 million of them.
    public var maxDocuments: Int

    public init(
        maxDepth: Int = 512, maxAliasExpansion: Int = 100_000, maxNodes: Int = 6_000_000,
        maxFileBytes: Int = 128 << 20, maxScalarBytes: Int = 1 << 20, maxDocuments: Int = 200_000
    ) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNodes = maxNodes
        self.maxFileBytes = maxFileBytes
        self.maxScalarBytes = maxScalarBytes
        self.maxDocuments = maxDocuments
    }

    /// 512 levels of nesting, 100,000 nodes from alias expansion, 6,000,000 nodes written (a stream of
    /// 100,000 products holds about 4 million), files of 128 MiB (the benchmark's file of 100,000
    /// products is 60 MB), scalars of 1 MiB, 200,000 documents per stream.
    public static let `default` = YAMLLimits()
}
