import Diagnostics
import Testing

@testable import YAML

/// Which keys after a comma are taken as the rest of a number (`{a: 1,000}`): three digits, then nothing,
/// decimals, or a Chinese unit.
@Suite struct SplitNumbersTests {
    @Test(arguments: [("1,000.50", "000.50"), ("1,000元", "000元"), ("2,000万", "000万"), ("3,000亿", "000亿"), ("4,000", "000")])
    func digitGroupsAreTheRestOfTheNumber(written: String, key: String) {
        let errors = diagnostics("{a: \(written)}\n")
        #expect(errors.map(\.message) == ["a comma separates entries in {…}: '\(written)' was read as "
            + "\(written.prefix(1)) and a key '\(key)'"])
        #expect(errors.first?.location == at(1, 5))
    }

    @Test(arguments: ["{a: 1,00}", "{a: 1,000x}", "{a: 1,000.}", "{a: 1,０００}", "{a: 1,000.5x}", "{a: x,000}"])
    func otherKeysAreKeys(text: String) throws {
        let node = try document(text + "\n")
        #expect(node.mapping?.count == 2)
    }
}
