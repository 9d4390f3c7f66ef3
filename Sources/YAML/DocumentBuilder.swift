import Diagnostics

/// Builds `FlatDocument`s from libyaml's events with an explicit stack, so nesting depth costs heap,
/// never call stack, and the depth limit is checked before anything deeper is built.
///
/// Nodes are appended to one array per document as their events arrive (a collection before its
/// children, patched with its size and end when it closes); an alias appends a copy of its anchored
/// node's run of nodes. Nothing is allocated per collection.
struct DocumentBuilder {
    /// A sequence or mapping whose end event has not arrived yet.
    private struct Frame {
        let isMapping: Bool
        let isFlow: Bool
        let start: Mark
        let anchor: String?
        /// Where the collection's own node is in the document's nodes.
        let nodeIndex: Int
        /// Where this mapping's keys start on the builder's key stack.
        let keyBase: Int
        var childCount: Int32 = 0
        /// A mapping's key waiting for its value (its node index).
        var pendingKey: Int?
        /// The last complete entry of a mapping (node indices of its key and value).
        var lastEntry: (key: Int, value: Int)?
        var keys = KeyIndex()
        /// This node and everything inside it, aliases expanded: what an alias to it costs.
        var nodeCount = 1
        /// Levels of collections from this one down to its deepest leaf (1 when it holds scalars).
        var height = 1
        var lastChildEnd: Mark?
        /// Amounts cut at their commas in a flow mapping (`{min: 1,000}`).
        var splitNumbers = SplitNumbers()

        init(isMapping: Bool, isFlow: Bool, start: Mark, anchor: String?, nodeIndex: Int, keyBase: Int) {
            self.isMapping = isMapping
            self.isFlow = isFlow
            self.start = start
            self.anchor = anchor
            self.nodeIndex = nodeIndex
            self.keyBase = keyBase
        }
    }

    private struct Anchored {
        /// The anchored node's run in the document's nodes.
        let nodes: Range<Int>
        let nodeCount: Int
        /// 0 for a scalar; an alias placed at depth d makes the tree d + height deep.
        let height: Int
    }

    let file: String
    /// The file's name object, shared by every node and location of the file.
    let fileName: SourceFileName
    let limits: YAMLLimits
    var positions: SourcePositions
    private var stack: [Frame] = []
    /// The keys of every open mapping, innermost last (`Frame.keyBase` marks where each one's begin).
    private var keyStack: [KeyRecord] = []
    /// The current document's nodes and explicit tags.
    private var nodes: [FlatNode] = []
    private var tags: [String] = []
    /// Anchors of the current document (YAML scopes anchors to a document).
    private var anchors: [String: Anchored] = [:]
    /// Nodes produced by aliases so far in this stream.
    private var expandedNodes = 0
    /// Scalars, sequences and mappings written in this stream so far.
    private var writtenNodes = 0
    private(set) var documents: [FlatDocument] = []
    /// Receives each document as soon as it is complete, instead of `documents` keeping it (so a
    /// stream of 100,000 documents never holds them all at once).
    var documentHandler: ((FlatDocument) -> Void)?
    /// Errors after which building continues (duplicate keys, unknown aliases, complex keys, tags).
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, limits: YAMLLimits, positions: SourcePositions) {
        self.file = file
        fileName = SourceFileName(file)
        self.limits = limits
        self.positions = positions
        // Room for the nodes of a file of one document (a node takes a few bytes of text at least) and
        // for its nesting from the start: the arrays otherwise grow by doubling, a dozen allocations per
        // file. A stream of many documents reserves each one's room from the one before (`finishDocument`).
        nodes.reserveCapacity(min(256, positions.bytes.count / 4 + 8))
        keyStack.reserveCapacity(64)
        stack.reserveCapacity(16)
    }

    /// Adds one event. Throws when a limit is exceeded: building stops there, fast.
    mutating func add(_ event: Event) throws(Diagnostic) {
        switch event.kind {
        case .streamStart, .streamEnd, .documentEnd:
            break
        case .documentStart:
            anchors.removeAll(keepingCapacity: true)
        case .scalar(let scalar, let anchor):
            try countNode(at: event)
            addScalar(scalar, anchor: anchor, event: event)
        case .alias(let name):
            try addAlias(name, event: event)
        case .sequenceStart(let tag, let anchor, let flow):
            try open(isMapping: false, isFlow: flow, tag: tag, anchor: anchor, event: event)
        case .mappingStart(let tag, let anchor, let flow):
            try open(isMapping: true, isFlow: flow, tag: tag, anchor: anchor, event: event)
        case .sequenceEnd, .mappingEnd:
            close(event: event)
        }
    }

    // MARK: - Events

    private mutating func addScalar(_ scalar: Scalar, anchor: String?, event: Event) {
        let text = ScalarTextLocator.locate(
            scalar, hasProperties: anchor != nil || scalar.tag != nil, start: event.start, positions: &positions
        )
        let start = positions.mark(event.start)
        let end = positions.mark(event.end)
        let index = nodes.count
        nodes.append(FlatNode(kind: .scalar, style: scalar.style, tagIndex: tagIndex(scalar.tag), start: start, end: end,
                              textStart: text.start, textContinuationColumn: text.continuationColumn, text: scalar.text))
        // Most scalars have no tag: no location is made for them.
        if scalar.tag != nil, let problem = TagCheck.diagnostic(tag: scalar.tag, scalar: scalar, isMapping: false, at: location(start)) {
            diagnostics.append(problem)
        }
        if let anchor { anchors[anchor] = Anchored(nodes: index..<index + 1, nodeCount: 1, height: 0) }
        attach(index, count: 1, height: 0, start: start, end: end)
    }

    private mutating func addAlias(_ name: String, event: Event) throws(Diagnostic) {
        let start = positions.mark(event.start)
        let end = positions.mark(event.end)
        guard let anchored = anchors[name] else {
            diagnostics.append(unknownAlias(name, at: start))
            // A stand-in keeps the mapping's keys and values paired so later errors still show.
            let index = nodes.count
            nodes.append(FlatNode(kind: .scalar, tagIndex: -1, start: start, end: end, textStart: start,
                                  textContinuationColumn: start.column))
            attach(index, count: 1, height: 0, start: start, end: end)
            return
        }
        // Written as a subtraction so the check itself cannot overflow.
        guard anchored.nodeCount <= limits.maxAliasExpansion - expandedNodes else {
            throw Diagnostic.error(
                "alias expansion exceeds the limit of \(limits.maxAliasExpansion) nodes",
                at: location(start),
                hint: "each alias copies its anchored node (here \(anchored.nodeCount) nodes); a file "
                    + "that expands this much is broken or malicious (a \"billion laughs\" file)"
            )
        }
        // A copy of a deep node placed deep down nests deeper than anything written in the file:
        // without this check aliases of aliases could build a tree deep enough to overflow the
        // stack of whoever walks it recursively.
        guard anchored.height <= limits.maxDepth - stack.count else {
            throw depthError(at: start)
        }
        try checkDocumentSize(adding: anchored.nodes.count, at: start)
        expandedNodes += anchored.nodeCount
        // The copy keeps the anchored node's positions (the text a user has to edit); sizes are
        // relative, so the run is valid wherever it lands.
        let index = nodes.count
        nodes.append(contentsOf: Array(nodes[anchored.nodes]))
        attach(index, count: anchored.nodeCount, height: anchored.height, start: start, end: end)
    }

    private mutating func open(
        isMapping: Bool, isFlow: Bool, tag: String?, anchor: String?, event: Event
    ) throws(Diagnostic) {
        let start = positions.mark(event.start)
        guard stack.count < limits.maxDepth else { throw depthError(at: start) }
        try countNode(at: event)
        if tag != nil, let problem = TagCheck.diagnostic(tag: tag, scalar: nil, isMapping: isMapping, at: location(start)) {
            diagnostics.append(problem)
        }
        let index = nodes.count
        nodes.append(FlatNode(kind: isMapping ? .mapping : .sequence, isFlow: isFlow, tagIndex: tagIndex(tag), start: start,
                              end: start, textStart: start, textContinuationColumn: start.column))
        stack.append(Frame(isMapping: isMapping, isFlow: isFlow, start: start, anchor: anchor, nodeIndex: index,
                           keyBase: keyStack.count))
    }

    private mutating func close(event: Event) {
        // libyaml balances start and end events, so the stack is never empty here.
        guard let frame = stack.popLast() else { return }
        keyStack.removeSubrange(frame.keyBase...)
        // A block collection's end event sits at the next token, possibly lines further down past
        // comments; its last entry's end is where the collection really ends.
        let end = frame.isFlow ? positions.mark(event.end) : frame.lastChildEnd ?? positions.mark(event.end)
        let index = frame.nodeIndex
        nodes[index].size = Int32(clamping: nodes.count - index)
        nodes[index].childCount = frame.childCount
        nodes[index].end = end
        diagnostics += frame.splitNumbers.diagnostics(file: file)
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(nodes: index..<nodes.count, nodeCount: frame.nodeCount, height: frame.height)
        }
        attach(index, count: frame.nodeCount, height: frame.height, start: frame.start, end: end)
    }

    /// Counts one written node; throws at the first node past `limits.maxNodes`.
    private mutating func countNode(at event: Event) throws(Diagnostic) {
        writtenNodes += 1
        try checkDocumentSize(adding: 1, at: positions.mark(event.start))
        guard writtenNodes > limits.maxNodes else { return }
        throw Diagnostic.error(
            "the file holds more than \(limits.maxNodes) values (scalars, lists and mappings)",
            at: location(positions.mark(event.start)),
            hint: "a product or institution needs a few hundred at most; split the file, look for a runaway list, "
                + "or raise the limit with LOANCHECK_MAX_NODES=<count>"
        )
    }

    /// A document's nodes are addressed with 32-bit sizes: past 2³¹ nodes in one document (only reachable
    /// with raised limits) reading stops with an error rather than with sizes that wrap.
    private func checkDocumentSize(adding count: Int, at mark: Mark) throws(Diagnostic) {
        guard count > Int(Int32.max) - nodes.count else { return }
        throw Diagnostic.error(
            "a document holds more than \(Int32.max) values", at: location(mark),
            hint: "split the document; no product or institution comes near this")
    }

    private mutating func tagIndex(_ tag: String?) -> Int32 {
        guard let tag else { return -1 }
        tags.append(tag)
        return Int32(clamping: tags.count - 1)
    }

    // MARK: - Documents

    /// Adds a finished node (at `index`) to the open collection, or ends the document when it is the
    /// root. `start` and `end` are where it was written here: for an alias, the alias itself, not the
    /// anchored node.
    private mutating func attach(_ index: Int, count: Int, height: Int, start: Mark, end: Mark) {
        let top = stack.count - 1
        guard top >= 0 else {
            finishDocument()
            return
        }
        stack[top].nodeCount += count
        stack[top].height = max(stack[top].height, height + 1)
        stack[top].lastChildEnd = end
        stack[top].childCount += 1
        guard stack[top].isMapping else { return }
        if let key = stack[top].pendingKey {
            stack[top].lastEntry = (key, index)
            stack[top].pendingKey = nil
            return
        }
        stack[top].pendingKey = index
        // The key is read in place: a copy of the node is a copy of its text (a reference count).
        guard nodes[index].kind == .scalar else {
            keyStack.append(KeyRecord(text: nil, start: start))
            diagnostics.append(
                .error(
                    "mapping keys must be scalars", at: location(start),
                    hint: "write the key as text (`name: value`); a \(nodes[index].kind.name) as a key is not supported"
                ))
            return
        }
        let text = nodes[index].text
        defer { keyStack.append(KeyRecord(text: text, start: start)) }
        if text == "<<", nodes[index].style == .plain, nodes[index].tagIndex < 0 {
            diagnostics.append(
                .error(
                    "merge keys ('<<') are not supported", at: location(start),
                    hint: "write the fields out in this mapping; an alias can still stand for a whole value "
                        + "(`capital: *shared_capital`)"
                ))
            return
        }
        if stack[top].isFlow {
            let previous = stack[top].lastEntry.map { (key: nodes[$0.key], value: nodes[$0.value]) }
            if stack[top].splitNumbers.continues(nodes[index], after: previous) { return }
        }
        if let first = stack[top].keys.insert(text, at: start, earlier: keyStack[stack[top].keyBase...]) {
            diagnostics.append(
                .error(
                    "duplicate key '\(text)'", at: location(start),
                    hint: "remove one of them or rename it",
                    notes: [Diagnostic.Note("first defined here", at: location(first))]
                ))
        }
    }

    private mutating func finishDocument() {
        let document = FlatDocument(fileName: fileName, nodes: nodes, tags: tags)
        let capacity = nodes.count
        nodes = []
        nodes.reserveCapacity(capacity)
        tags = []
        if let documentHandler { documentHandler(document) } else { documents.append(document) }
    }

    // MARK: - Diagnostics

    private func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(fileName: fileName, line: mark.line, column: mark.column)
    }

    private func depthError(at start: Mark) -> Diagnostic {
        .error(
            "nesting depth exceeds the limit of \(limits.maxDepth)", at: location(start),
            hint: "documents need only a few levels of nesting; look for unclosed '[' or '{' "
                + "or runaway indentation"
        )
    }

    private func unknownAlias(_ name: String, at start: Mark) -> Diagnostic {
        if stack.contains(where: { $0.anchor == name }) {
            return .error(
                "alias '*\(name)' refers to a node that contains it", at: location(start),
                hint: "recursive structures are not supported; write the values out instead"
            )
        }
        let hint =
            Suggestions.hint(for: name, in: anchors.keys)
            ?? "an alias '*\(name)' needs an anchor '&\(name)' on a node written before it in the same document"
        return .error("unknown alias '*\(name)'", at: location(start), hint: hint)
    }
}
