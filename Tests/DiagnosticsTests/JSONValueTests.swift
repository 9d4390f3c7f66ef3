import Diagnostics
import Testing

/// The JSON writer: key order, escaping, and large arrays written in chunks on several threads.
@Suite struct JSONValueTests {
    /// The text of an array of the numbers 0..<count, written out by hand.
    private func expectedArray(_ count: Int, indent: String = "  ") -> String {
        "[\n" + (0..<count).map { "\(indent)\($0)" }.joined(separator: ",\n") + "\n]"
    }

    @Test func objectsKeepTheirKeyOrderAndStringsAreEscaped() {
        let value = JSONValue.object([("z", .string("a\"b\\c\n")), ("a", .array([.int(1), .null, .bool(true)]))])
        #expect(value.serialized() == #"{"z":"a\"b\\c\n","a":[1,null,true]}"#)
        #expect(value.serialized(indent: 2, terminator: "\n")
            == "{\n  \"z\": \"a\\\"b\\\\c\\n\",\n  \"a\": [\n    1,\n    null,\n    true\n  ]\n}\n")
    }

    @Test func controlCharactersAreEscapedAndOtherTextPassesThrough() {
        let value = JSONValue.string("\u{01}\t\r\u{1F}\u{7F} 年化利率 24% é 🏦")
        #expect(value.serialized() == #""\u0001\t\r\u001f\u007f 年化利率 24% é 🏦""#)
        #expect(JSONValue.object([("键\n", .string(""))]).serialized() == #"{"键\n":""}"#)
    }

    @Test func c1ControlsBidiCharactersAndLineSeparatorsAreEscapedAndNeighboursKept() {
        // ¥ (C2 A5), — (E2 80 94), … (E2 80 A6) and ≤ (E2 89 A4) share lead bytes with the escaped ones.
        let value = JSONValue.string("¥\u{85}a\u{9F}—\u{202E}…\u{2066}≤\u{200F}\u{2028}\u{061C}ب")
        #expect(value.serialized() == #""¥\u0085a\u009f—\u202e…\u2066≤\u200f\u2028\u061cب""#)
        // A lead byte at the end of the text, and characters just outside the escaped ranges, stay.
        #expect(JSONValue.string("\u{A0}\u{200D}\u{2027}\u{202F}\u{2065}\u{206A}¥").serialized()
            == "\"\u{A0}\u{200D}\u{2027}\u{202F}\u{2065}\u{206A}¥\"")
    }

    @Test(arguments: [0, 1, 255, 256, 257, 383, 384, 385, 2_048, 5_000])
    func largeArraysAreWrittenInOrder(count: Int) {
        let items = Array(0..<count)
        let expected = count == 0 ? "[]" : expectedArray(count)
        #expect(JSONValue.array(items.map(JSONValue.int)).serialized(indent: 2) == expected)
        #expect(JSONValue.array(of: items) { .int($0) }.serialized(indent: 2) == expected)
    }

    @Test func aGeneratedArrayNestedInAnObjectIsIndentedLikeAnyOther() {
        let generated = JSONValue.object([("items", .array(of: Array(0..<3000)) { .int($0) })])
        let plain = JSONValue.object([("items", .array((0..<3000).map(JSONValue.int)))])
        #expect(generated.serialized(indent: 2) == plain.serialized(indent: 2))
        #expect(generated.serialized() == plain.serialized())
        #expect(generated == plain)
    }
}
