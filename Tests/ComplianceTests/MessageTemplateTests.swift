import Compliance
import Testing

/// `MessageTemplate.fill`: placeholders found in the UTF-8 bytes, the rest of the text kept as written.
@Suite struct MessageTemplateTests {
    private let values = ["actual": "35.2%", "required": "≤ 24%", "path": "pricing.apr"]

    @Test func placeholdersInChineseTextAreFilled() {
        #expect(MessageTemplate.fill("综合年化利率{actual}，超过{required}（{path}）", with: values)
            == "综合年化利率35.2%，超过≤ 24%（pricing.apr）")
    }

    @Test func unknownPlaceholdersAndLoneBracesAreKept() {
        #expect(MessageTemplate.fill("{unknown} {actual} { } {", with: values) == "{unknown} 35.2% { } {")
        #expect(MessageTemplate.fill("费用}{actual}}", with: values) == "费用}35.2%}")
    }

    @Test func aTemplateWithoutBracesIsReturnedAsItIs() {
        #expect(MessageTemplate.fill("出资比例不低于30%", with: values) == "出资比例不低于30%")
        #expect(MessageTemplate.fill("", with: values) == "")
    }

    @Test func aBraceFollowedByACombiningMarkIsStillABrace() {
        // Searching characters saw "{\u{301}" as one character, not a brace; bytes see the brace.
        #expect(MessageTemplate.fill("{\u{301}actual}", with: values) == "{\u{301}actual}")
        #expect(MessageTemplate.fill("é{actual}", with: values) == "é35.2%")
    }
}
