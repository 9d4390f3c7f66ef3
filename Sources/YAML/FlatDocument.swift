public import Diagnostics

/// One YAML document as it was parsed: its nodes in one contiguous array, in document order (a
/// collection first, then its children; a mapping's children alternate key, value).
///
/// This is what the reader builds from libyaml's events. Product and institution files are decoded
/// straight from it (`FlatNodeView`): a document of a few hundred values is one array, not a tree
/// of values holding references to arrays of values. `tree()` makes the `Node` tree the rule-pack
/// and configuration readers walk.
public final class FlatDocument: Sendable {
    /// The file's name, one object shared by every location made from the document.
    public let fileName: SourceFileName
    let nodes: [FlatNode]
    /// Explicit tags, which are rare: a node holds an index into this list.
    let tags: [String]

    init(fileName: SourceFileName, nodes: [FlatNode], tags: [String]) {
        self.fileName = fileName
        self.nodes = nodes
        self.tags = tags
    }

    /// The document's root node.
    public var root: FlatNodeView { FlatNodeView(document: self, index: 0) }

    /// The document as a `Node` tree (each alias a copy of its anchored node, as written).
    ///
    /// Built without recursion, from the last node back: a collection's children are then the top of
    /// the stack, in order.
    public func tree() -> Node {
        var built: [Node] = []
        for index in nodes.indices.reversed() {
            let node = nodes[index]
            let content: Node.Content
            switch node.kind {
            case .scalar:
                content = .scalar(Scalar(text: node.text, style: node.style, tag: tag(of: node)))
            case .sequence, .mapping:
                let count = Int(node.childCount)
                let children = Array(built.suffix(count).reversed())
                built.removeLast(count)
                if node.kind == .sequence {
                    content = .sequence(children)
                } else {
                    content = .mapping(stride(from: 0, to: children.count - 1, by: 2).map {
                        MappingEntry(key: children[$0], value: children[$0 + 1])
                    })
                }
            }
            built.append(Node(content: content, fileName: fileName, start: node.start, end: node.end, tag: tag(of: node),
                              textStart: node.textStart, textContinuationColumn: Int(node.textContinuationColumn)))
        }
        // The root is the first node, so it is the last one built.
        return built.last ?? Node(.scalar(Scalar(text: "")), fileName: fileName, start: Mark(line: 1, column: 1),
                                  end: Mark(line: 1, column: 1))
    }

    func tag(of node: FlatNode) -> String? {
        node.tagIndex < 0 ? nil : tags[Int(node.tagIndex)]
    }
}

/// A node of a `FlatDocument`: positions in 32-bit fields (a file has at most 2³¹ lines and columns;
/// larger values are clamped) and the scalar's text.
struct FlatNode: Sendable {
    enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping

        /// "scalar", "sequence" or "mapping", as `Node.kindName` says it.
        var name: String {
            switch self {
            case .scalar: "scalar"
            case .sequence: "sequence"
            case .mapping: "mapping"
            }
        }
    }

    let kind: Kind
    let style: ScalarStyle
    let isFlow: Bool
    /// Index into the document's `tags`, or -1.
    let tagIndex: Int32
    /// This node and everything inside it: the next sibling is at `index + size`.
    var size: Int32 = 1
    /// Children (a mapping's keys and values both count).
    var childCount: Int32 = 0
    private let startLine: Int32, startColumn: Int32
    private var endLine: Int32, endColumn: Int32
    private let textLine: Int32, textColumn: Int32
    let textContinuationColumn: Int32
    /// A scalar's text; empty for a collection.
    let text: String

    init(kind: Kind, style: ScalarStyle = .plain, isFlow: Bool = false, tagIndex: Int32, start: Mark, end: Mark,
         textStart: Mark, textContinuationColumn: Int, text: String = "") {
        self.kind = kind
        self.style = style
        self.isFlow = isFlow
        self.tagIndex = tagIndex
        startLine = Int32(clamping: start.line)
        startColumn = Int32(clamping: start.column)
        endLine = Int32(clamping: end.line)
        endColumn = Int32(clamping: end.column)
        textLine = Int32(clamping: textStart.line)
        textColumn = Int32(clamping: textStart.column)
        self.textContinuationColumn = Int32(clamping: textContinuationColumn)
        self.text = text
    }

    var start: Mark { Mark(line: Int(startLine), column: Int(startColumn)) }
    var end: Mark {
        get { Mark(line: Int(endLine), column: Int(endColumn)) }
        set {
            endLine = Int32(clamping: newValue.line)
            endColumn = Int32(clamping: newValue.column)
        }
    }
    var textStart: Mark { Mark(line: Int(textLine), column: Int(textColumn)) }

    /// Plain, untagged and empty: what YAML reads as null when nothing is written (`key:`).
    var isImplicitNull: Bool { kind == .scalar && text.isEmpty && style == .plain }
}
