import Diagnostics
import Testing

@testable import YAML

/// Documents as the reader builds them (`FlatDocument`) answer through `FlatNodeView` exactly as their
/// `Node` trees do: kinds, scalars, positions, text origins, entries, items, aliases and keys.
@Suite struct FlatDocumentTests {
    private func flat(_ text: String, file: String = "t.yaml") throws -> [FlatDocument] {
        var text = text
        return try text.withUTF8 { bytes in StreamReader.read(bytes, file: file, limits: .default) }.get()
    }

    /// Compares a view and a node, and everything below them.
    private func expectSame(_ view: FlatNodeView, _ node: Node, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(view.kindName == node.kindName, sourceLocation: sourceLocation)
        #expect(view.scalar == node.scalar, sourceLocation: sourceLocation)
        #expect(view.location == node.location, sourceLocation: sourceLocation)
        #expect(view.start == node.start, sourceLocation: sourceLocation)
        #expect(view.isNull == node.isNull, sourceLocation: sourceLocation)
        #expect(view.textOrigin == node.textOrigin, sourceLocation: sourceLocation)
        if let entries = node.mapping {
            let viewEntries = Array(view.entries ?? FlatNodeView.Entries(document: view.document, first: 0, count: 0))
            #expect(viewEntries.count == entries.count, sourceLocation: sourceLocation)
            for (pair, entry) in zip(viewEntries, entries) {
                expectSame(pair.key, entry.key, sourceLocation: sourceLocation)
                expectSame(pair.value, entry.value, sourceLocation: sourceLocation)
                if let key = entry.key.scalar?.text, let value = view.value(forKey: key) {
                    #expect(value.location == node.value(forKey: key)?.location, sourceLocation: sourceLocation)
                }
            }
            #expect(view.value(forKey: "no-such-key") == nil, sourceLocation: sourceLocation)
        } else {
            #expect(view.entries == nil, sourceLocation: sourceLocation)
        }
        if let items = node.sequence {
            let viewItems = Array(view.items ?? FlatNodeView.Items(document: view.document, first: 0, count: 0))
            #expect(viewItems.count == items.count, sourceLocation: sourceLocation)
            for (item, expected) in zip(viewItems, items) { expectSame(item, expected, sourceLocation: sourceLocation) }
        } else {
            #expect(view.items == nil, sourceLocation: sourceLocation)
        }
    }

    @Test func nestedCollectionsAnswerAsTheirTree() throws {
        let text = """
            kind: LoanProduct
            id: p-1
            credit_line: {min: 500, max: 20万}
            funding:
              - {partner: bank-a, share: 30%}
              - partner: trust-b
                share: 70%
                notes: [a, [b, c], {d: e}]
            empty_list: []
            empty_map: {}
            nothing:
            quoted: "null"
            block: |
              line one
              line two
            tail: end
            """
        let documents = try flat(text)
        #expect(documents.count == 1)
        let root = try #require(documents.first).root
        expectSame(root, root.tree())
        #expect(root.value(forKey: "tail")?.scalar?.text == "end")
        #expect(root.value(forKey: "tail")?.location == SourceLocation(file: "t.yaml", line: 16, column: 7))
        let funding = try #require(root.value(forKey: "funding")?.items.map(Array.init))
        #expect(funding.map { $0.value(forKey: "partner")?.scalar?.text } == ["bank-a", "trust-b"])
        #expect(root.value(forKey: "nothing")?.isNull == true)
        #expect(root.value(forKey: "quoted")?.isNull == false)
    }

    @Test func aliasesAreCopiesOfTheirAnchoredNodes() throws {
        let text = """
            shared: &terms {min: 3 months, max: 12 months, list: [1, 2]}
            again: *terms
            scalar: &s 20万
            copies: [*s, *terms, *s]
            after: last
            """
        let root = try #require(try flat(text).first).root
        expectSame(root, root.tree())
        let again = try #require(root.value(forKey: "again"))
        // The copy points at the text that defines the value.
        #expect(again.location == SourceLocation(file: "t.yaml", line: 1, column: 9))
        #expect(again.value(forKey: "list")?.items.map { Array($0).count } == 2)
        let copies = try #require(root.value(forKey: "copies")?.items.map(Array.init))
        #expect(copies.map(\.kindName) == ["scalar", "mapping", "scalar"])
        #expect(root.value(forKey: "after")?.scalar?.text == "last")
    }

    @Test func tagsStylesAndTextOriginsAreKept() throws {
        let text = """
            a: !!str 12
            b: 'single'
            c: >
              folded
              text
            d: !!null null
            """
        let root = try #require(try flat(text).first).root
        expectSame(root, root.tree())
        #expect(root.value(forKey: "a")?.scalar == Scalar(text: "12", style: .plain, tag: "!!str"))
        #expect(root.value(forKey: "b")?.scalar?.style == .singleQuoted)
        #expect(root.value(forKey: "c")?.textOrigin.line == 4)
        #expect(root.value(forKey: "d")?.isNull == true)
    }

    @Test func everyDocumentOfAStreamIsItsOwnArray() throws {
        let documents = try flat("a: 1\n---\n- x\n- y\n---\n")
        #expect(documents.map(\.root.kindName) == ["mapping", "sequence", "scalar"])
        #expect(documents[1].root.items.map { Array($0).map(\.location.line) } == [3, 4])
        #expect(documents[2].root.isNull)
        for document in documents { expectSame(document.root, document.tree()) }
    }

    @Test func aSubtreeBecomesItsOwnTree() throws {
        let root = try #require(try flat("x: 1\ny: {z: [1, 2]}\n").first).root
        let y = try #require(root.value(forKey: "y"))
        let tree = y.tree()
        #expect(tree.value(forKey: "z")?.sequence?.map(\.scalar?.text) == ["1", "2"])
        #expect(tree.location == SourceLocation(file: "t.yaml", line: 2, column: 4))
    }

    @Test func aNodeIsSmall() {
        // Positions in 32-bit fields: the nodes of a product stay a few kilobytes.
        #expect(MemoryLayout<FlatNode>.stride <= 64)
    }
}
