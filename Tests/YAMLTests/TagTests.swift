import Diagnostics
import Testing

@testable import YAML

/// Explicit tags (docs/yaml.md): the core schema's tags on values they fit and the non-specific `!` are
/// accepted and change nothing; any other tag, or a core tag on a value it does not fit, is an error at
/// the node, and the reader goes on to report the rest.
@Suite("Tags")
struct TagTests {
    private static let unknownHint = "remove it: loancheck reads plain values and the schema gives every field its type "
        + "(accepted tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq, !)"

    @Test func coreTagsOnValuesTheyFitAreAccepted() throws {
        let root = try document("""
            s: !!str 0.30
            i: !!int -12
            f: !!float 1.5e3
            g: !!float .5
            b: !!bool false
            n: !!null ~
            e: !!null
            m: !!map {k: v}
            q: !!seq [1]
            x: ! text

            """)
        #expect(root["i"]?.scalar == Scalar(text: "-12", style: .plain, tag: "!!int"))
        #expect(root["f"]?.scalar?.text == "1.5e3")
        #expect(root["b"]?.scalar == Scalar(text: "false", style: .plain, tag: "!!bool"))
        #expect(root["n"]?.isNull == true)
        #expect(root["e"]?.isNull == true)
        #expect(root["s"]?.isNull == false)
        #expect(root["q"]?.tag == "!!seq")
        #expect(root["x"]?.scalar == Scalar(text: "text", style: .plain, tag: "!"))
    }

    @Test func unknownTagsAreErrorsAtTheNode() {
        let errors = diagnostics("""
            registered_in: !!python/object:os.system CN-GD
            name: !custom x
            other: !<tag:example.com,2024:t> y
            data: !!binary aGk=
            list: !local [a]

            """)
        #expect(errors == [
            .error("unknown tag '!!python/object:os.system'", at: at(1, 16), hint: Self.unknownHint),
            .error("unknown tag '!custom'", at: at(2, 7), hint: Self.unknownHint),
            .error("unknown tag 'tag:example.com,2024:t'", at: at(3, 8), hint: Self.unknownHint),
            .error("unknown tag '!!binary'", at: at(4, 7), hint: Self.unknownHint),
            .error("unknown tag '!local'", at: at(5, 7), hint: Self.unknownHint),
        ])
    }

    @Test func aTagPrefixDirectiveCannotRenameTheCoreTags() {
        // `%TAG !! …` makes `!!str` another tag: it is unknown, not a string.
        let errors = diagnostics("%TAG !! tag:example.com,2024:\n---\na: !!str x\n")
        #expect(errors == [.error("unknown tag 'tag:example.com,2024:str'", at: at(3, 4), hint: Self.unknownHint)])
    }

    @Test func coreTagsOnValuesTheyDoNotFitAreErrors() {
        let hint = "remove the tag: the schema gives every field its type"
        let errors = diagnostics("""
            a: !!bool yes
            b: !!int 1.5
            c: !!int 0x1F
            d: !!float .inf
            e: !!null x
            f: !!map [1]
            g: !!seq {k: v}
            h: !!str [a]

            """)
        #expect(errors == [
            .error("'yes' is not a valid !!bool value (true or false)", at: at(1, 4), hint: hint),
            .error("'1.5' is not a valid !!int value (a whole number in decimal digits)", at: at(2, 4), hint: hint),
            .error("'0x1F' is not a valid !!int value (a whole number in decimal digits)", at: at(3, 4), hint: hint),
            .error("'.inf' is not a valid !!float value (a decimal number)", at: at(4, 4), hint: hint),
            .error("'x' is not a valid !!null value (empty, ~ or null)", at: at(5, 4), hint: hint),
            .error("the tag '!!map' is for a mapping, but the value is a sequence", at: at(6, 4), hint: "remove the tag"),
            .error("the tag '!!seq' is for a sequence, but the value is a mapping", at: at(7, 4), hint: "remove the tag"),
            .error("the tag '!!str' is for a scalar, but the value is a sequence", at: at(8, 4), hint: "remove the tag"),
        ])
    }
}

/// `BooleanScalar`: only plain (or `!!bool`) `true` and `false` are booleans.
@Suite("Booleans")
struct BooleanScalarTests {
    private func read(_ value: String) throws -> Result<Bool, Diagnostic> {
        let node = try #require(try document("secured: \(value)\n")["secured"])
        return BooleanScalar.read(node, "'secured'")
    }

    @Test func plainAndTaggedBooleansAreRead() throws {
        #expect(try read("true") == .success(true))
        #expect(try read("false") == .success(false))
        #expect(try read("!!bool false") == .success(false))
        #expect(try read("!!bool \"true\"") == .success(true))
    }

    @Test func quotedOrStringTaggedBooleansAreErrors() throws {
        let quoted = Diagnostic.error("expected a boolean for 'secured', got the string \"false\"", at: at(1, 10),
                                      hint: "remove the quotes to write the boolean: `false`")
        #expect(try read("\"false\"") == .failure(quoted))
        #expect(try read("'false'") == .failure(quoted))
        let tagged = Diagnostic.error("expected a boolean for 'secured', got the string \"false\"", at: at(1, 10),
                                      hint: "remove the tag to write the boolean: `false`")
        #expect(try read("!!str false") == .failure(tagged))
        #expect(try read("! false") == .failure(tagged))
    }

    @Test func otherSpellingsAreErrors() throws {
        #expect(try read("yes") == .failure(.error("expected true or false for 'secured', found 'yes'", at: at(1, 10),
                                                   hint: "write true or false (YAML 1.1 spellings are not accepted)")))
        #expect(try read("\"maybe\"") == .failure(.error("expected true or false for 'secured', found 'maybe'", at: at(1, 10))))
        #expect(try read("[true]") == .failure(.error("expected true or false for 'secured', found a sequence", at: at(1, 10))))
    }
}
