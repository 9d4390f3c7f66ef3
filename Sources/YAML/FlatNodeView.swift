public import Diagnostics

/// A node of a `FlatDocument`, read in place: the same questions a `Node` answers, without a tree.
public struct FlatNodeView: Sendable {
    public let document: FlatDocument
    let index: Int

    init(document: FlatDocument, index: Int) {
        self.document = document
        self.index = index
    }

    var node: FlatNode { document.nodes[index] }

    /// The entries of a mapping, in file order: each key directly followed by its value.
    public struct Entries: Sequence, Sendable {
        let document: FlatDocument
        let first: Int
        let count: Int

        public struct Iterator: IteratorProtocol {
            let document: FlatDocument
            var position: Int
            var left: Int

            public mutating func next() -> (key: FlatNodeView, value: FlatNodeView)? {
                guard left > 0 else { return nil }
                left -= 1
                let key = position
                let value = key + Int(document.nodes[key].size)
                position = value + Int(document.nodes[value].size)
                return (FlatNodeView(document: document, index: key), FlatNodeView(document: document, index: value))
            }
        }

        public func makeIterator() -> Iterator { Iterator(document: document, position: first, left: count) }
        public var underestimatedCount: Int { count }
    }

    /// The items of a sequence, in file order.
    public struct Items: Sequence, Sendable {
        let document: FlatDocument
        let first: Int
        public let count: Int

        public struct Iterator: IteratorProtocol {
            let document: FlatDocument
            var position: Int
            var left: Int

            public mutating func next() -> FlatNodeView? {
                guard left > 0 else { return nil }
                left -= 1
                let item = position
                position += Int(document.nodes[item].size)
                return FlatNodeView(document: document, index: item)
            }
        }

        public func makeIterator() -> Iterator { Iterator(document: document, position: first, left: count) }
        public var underestimatedCount: Int { count }
    }

    public var scalar: Scalar? {
        let node = node
        guard node.kind == .scalar else { return nil }
        return Scalar(text: node.text, style: node.style, tag: document.tag(of: node))
    }

    public var entries: Entries? {
        let node = node
        guard node.kind == .mapping else { return nil }
        return Entries(document: document, first: index + 1, count: Int(node.childCount) / 2)
    }

    public var items: Items? {
        let node = node
        guard node.kind == .sequence else { return nil }
        return Items(document: document, first: index + 1, count: Int(node.childCount))
    }

    public var start: Mark { node.start }
    public var fileName: SourceFileName { document.fileName }

    public var location: SourceLocation {
        let start = node.start
        return SourceLocation(fileName: document.fileName, line: start.line, column: start.column)
    }

    /// The value of the first entry whose key is a scalar with exactly this text (see `Node.value(forKey:)`).
    public func value(forKey key: String) -> FlatNodeView? {
        guard let entries else { return nil }
        for entry in entries where entry.key.node.kind == .scalar && entry.key.node.text == key { return entry.value }
        return nil
    }

    /// Null as `Node.isNull` reads it.
    public var isNull: Bool {
        let node = node
        guard node.kind == .scalar, node.text.utf8.count <= 4 else { return false }
        return Node.isNull(text: node.text, style: node.style, tag: document.tag(of: node))
    }

    public var kindName: String { node.kind.name }

    /// Where the scalar's text begins (see `Node.textOrigin`).
    public var textOrigin: EmbeddedTextOrigin {
        let node = node
        let start = node.textStart
        return EmbeddedTextOrigin(file: document.fileName.text, line: start.line, column: start.column,
                                  continuationColumn: Int(node.textContinuationColumn))
    }

    /// This node as a `Node` tree (for the few readers that keep one, e.g. a `LedgerSchema` document).
    public func tree() -> Node {
        let end = index + Int(node.size)
        let part = FlatDocument(fileName: document.fileName, nodes: Array(document.nodes[index..<end]), tags: document.tags)
        return part.tree()
    }
}
