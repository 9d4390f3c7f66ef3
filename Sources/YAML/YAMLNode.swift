public import Diagnostics

/// What a decoder asks of a YAML node, answered alike by a `Node` (a tree) and by a `FlatNodeView`
/// (a node read in place in its `FlatDocument`), so one decoder serves both.
public protocol YAMLNode: Sendable {
    associatedtype EntrySequence: Sequence where EntrySequence.Element == (key: Self, value: Self)
    associatedtype ItemSequence: Sequence where ItemSequence.Element == Self

    var scalar: Scalar? { get }
    /// A mapping's key/value pairs in file order; nil for a scalar or sequence.
    var entries: EntrySequence? { get }
    /// A sequence's items in file order; nil for a scalar or mapping.
    var items: ItemSequence? { get }
    var start: Mark { get }
    var fileName: SourceFileName { get }
    var location: SourceLocation { get }
    var isNull: Bool { get }
    var kindName: String { get }
    var textOrigin: EmbeddedTextOrigin { get }
    func value(forKey key: String) -> Self?
    /// The node as a `Node` tree.
    func tree() -> Node
}

extension Node: YAMLNode {
    public var entries: LazyMapSequence<[MappingEntry], (key: Node, value: Node)>? {
        mapping.map { $0.lazy.map { (key: $0.key, value: $0.value) } }
    }

    public var items: [Node]? { sequence }

    public func tree() -> Node { self }
}

extension FlatNodeView: YAMLNode {}
