import Diagnostics
import Testing

@testable import YAML

@Suite("Node positions")
struct PositionTests {
    @Test("libyaml counts columns in characters: a value after Chinese text keeps its column")
    func columnsAfterChineseText() throws {
        let root = try document("name: 微粒贷\nkey: [1, 2]\n名称: 值\n")
        let name = try #require(root["name"])
        #expect(name.start == mark(1, 7))
        #expect(name.end == mark(1, 10))
        let key = try #require(root["key"])
        #expect(key.start == mark(2, 6))
        #expect(key.end == mark(2, 12))
        #expect(root["key", 0]?.start == mark(2, 7))
        #expect(root["key", 1]?.start == mark(2, 10))
        let chineseKey = try #require(root.mapping?[2].key)
        #expect(chineseKey.text == "名称")
        #expect(chineseKey.start == mark(3, 1))
        #expect(chineseKey.end == mark(3, 3))
        let value = try #require(root["名称"])
        #expect(value.start == mark(3, 5))
        #expect(value.location == at(3, 5))
    }

    @Test func nestedBlockCollections() throws {
        let text = """
            kind: LoanProduct
            credit_line:
              min: 500
              max: 20万
            funding:
              - institution: 深圳某银行
                share: 70%
              - institution: mlc-a
                share: 30%
            """
        let root = try document(text, file: "p.yaml")
        #expect(root.start == mark(1, 1))
        #expect(root.end == mark(9, 15))
        #expect(root.file == "p.yaml")
        let creditLine = try #require(root["credit_line"])
        #expect(creditLine.kindName == "mapping")
        #expect(creditLine.start == mark(3, 3))
        #expect(creditLine.end == mark(4, 11))
        #expect(root["credit_line", "max"]?.start == mark(4, 8))
        let funding = try #require(root["funding"])
        #expect(funding.kindName == "sequence")
        #expect(funding.start == mark(6, 3))
        #expect(root["funding", 0]?.start == mark(6, 5))
        #expect(root["funding", 0, "institution"]?.start == mark(6, 18))
        #expect(root["funding", 0, "institution"]?.end == mark(6, 23))
        #expect(root["funding", 0, "share"]?.start == mark(7, 12))
        #expect(root["funding", 1, "share"]?.location == Diagnostics.SourceLocation(file: "p.yaml", line: 9, column: 12))
    }

    @Test func flowCollectionsEndAfterTheirClosingBracket() throws {
        let root = try document("a: {x: [1, 2], y: 名}\n")
        let a = try #require(root["a"])
        #expect(a.start == mark(1, 4))
        #expect(a.end == mark(1, 21))
        #expect(root["a", "x"]?.end == mark(1, 14))
        #expect(root["a", "y"]?.start == mark(1, 19))
    }

    @Test("a node with an anchor or a tag starts at its first property")
    func propertiesStartTheNode() throws {
        let root = try document("a: &x !!str 1\n")
        #expect(root["a"]?.start == mark(1, 4))
        #expect(root["a"]?.end == mark(1, 14))
    }

    @Test func blockCollectionEndsAtItsLastEntryNotAtTheNextToken() throws {
        let root = try document("a:\n  - 1\n  - 2\n\n# comment\n\nb: 3\n")
        #expect(root["a"]?.end == mark(3, 6))
    }

    @Test func accessors() throws {
        let root = try document("m: {k: v}\ns: [1]\nc: x\n")
        #expect(root.mapping?.count == 3)
        #expect(root.sequence == nil)
        #expect(root.scalar == nil)
        #expect(root["s"]?.sequence?.count == 1)
        #expect(root["c"]?.scalar == Scalar(text: "x", style: .plain, tag: nil))
        #expect(root["c"]?.kindName == "scalar")
        #expect(root.value(forKey: "missing") == nil)
        #expect(root["c"]?.value(forKey: "x") == nil)
    }
}
