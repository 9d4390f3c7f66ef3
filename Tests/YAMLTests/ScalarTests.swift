import Testing

@testable import YAML

@Suite("Scalars")
struct ScalarTests {
    @Test("no implicit typing: values stay the text written", arguments: [
        "NO", "yes", "off", "0.30", "1e3", "2024-01-01", "~", "null", "0x1F", "010", ".inf", "-.5", "20万",
        "1_000", "12:30:00", "true",
    ])
    func rawPlainText(_ value: String) throws {
        let root = try document("v: \(value)\n")
        let scalar = try #require(root["v"]?.scalar)
        #expect(scalar.text == value)
        #expect(scalar.style == .plain)
        #expect(scalar.tag == nil)
    }

    @Test func styles() throws {
        let root = try document(#"""
            plain: a b
            single: 'it''s'
            double: "tab\there\n\u4E2D"
            literal: |
              line 1
                line 2
            folded: >
              one
              two

              three
            strip: |-
              x
            """#)
        #expect(root["plain"]?.scalar == Scalar(text: "a b", style: .plain))
        #expect(root["single"]?.scalar == Scalar(text: "it's", style: .singleQuoted))
        #expect(root["double"]?.scalar == Scalar(text: "tab\there\n中", style: .doubleQuoted))
        #expect(root["literal"]?.scalar == Scalar(text: "line 1\n  line 2\n", style: .literal))
        #expect(root["folded"]?.scalar == Scalar(text: "one two\nthree\n", style: .folded))
        #expect(root["strip"]?.scalar == Scalar(text: "x", style: .literal))
    }

    @Test("tags: the standard prefix is shown as !!, the non-specific tag as !")
    func tags() throws {
        let root = try document("a: !!str 0.30\nc: !<tag:yaml.org,2002:str> y\nd: !!map {k: v}\ne: ! z\n")
        #expect(root["a"]?.scalar == Scalar(text: "0.30", style: .plain, tag: "!!str"))
        #expect(root["a"]?.tag == "!!str")
        #expect(root["c"]?.scalar?.tag == "!!str")
        #expect(root["d"]?.tag == "!!map")
        #expect(root["d"]?.scalar == nil)
        #expect(root["e"]?.scalar?.tag == "!")
    }

    @Test func nullSpellings() throws {
        let root = try document("""
            a:
            b: ~
            c: null
            d: Null
            e: NULL
            f: "null"
            g: !!str null
            h: nULL
            i: ''
            """)
        for key in ["a", "b", "c", "d", "e"] {
            #expect(root[key]?.isNull == true, "\(key)")
        }
        for key in ["f", "g", "h", "i"] {
            #expect(root[key]?.isNull == false, "\(key)")
        }
        #expect(root.isNull == false)
        #expect(root["a"]?.text == "")
    }

    @Test("merge keys are an error that says so, not an ordinary key")
    func mergeKeyIsRejected() throws {
        let errors = diagnostics("base: &b {rate: 1}\nproduct:\n  <<: *b\n  rate: 2\n")
        #expect(errors.map(\.message) == ["merge keys ('<<') are not supported"])
        #expect(errors.map(\.location) == [at(3, 3)])
        #expect(errors.first?.hints == [
            "write the fields out in this mapping; an alias can still stand for a whole value (`capital: *shared_capital`)",
        ])
        // Quoted, `<<` is an ordinary key.
        #expect(try document("product:\n  '<<': 1\n")["product", "<<"]?.text == "1")
    }

    @Test func complexKeysAreRejected() {
        let errors = diagnostics("? [a, b]\n: 1\nok: 2\n{x: 1}: 3\n")
        #expect(errors.map(\.message) == ["mapping keys must be scalars", "mapping keys must be scalars"])
        #expect(errors.map(\.location) == [at(1, 3), at(4, 1)])
        #expect(errors.first?.hints == ["write the key as text (`name: value`); a sequence as a key is not supported"])
    }
}
