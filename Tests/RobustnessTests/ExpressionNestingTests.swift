import Testing
import RuleLanguage

/// Every stage after the parser recurses over the expression tree; the parser bounds its depth so a
/// hostile rule is an error, not a stack overflow (found by the expression fuzz target).
@Suite struct ExpressionNestingTests {
    static func firstError(_ text: String) -> String? {
        switch evaluateStandalone(text) {
        case .success: nil
        case .failure(let list): list.diagnostics.first.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" }
        }
    }

    @Test func nestingUpToTheLimitIsFine() {
        #expect(Self.firstError(String(repeating: "(", count: 99) + "1" + String(repeating: ")", count: 99)) == nil)
        #expect(Self.firstError("1" + String(repeating: " + 1", count: 98)) == nil)
        #expect(Self.firstError(String(repeating: "-", count: 98) + "1") == nil)
    }

    @Test func deeperNestingIsALocatedError() {
        let message = "the expression nests more than 100 levels deep"
        #expect(Self.firstError(String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)) == "1:101 \(message)")
        #expect(Self.firstError(String(repeating: "-", count: 650) + "1") == "1:101 \(message)")
        #expect(Self.firstError("1" + String(repeating: " + 1", count: 20_000)) == "1:1 \(message)")
        #expect(Self.firstError(String(repeating: "not ", count: 5_000) + "true") == "1:401 \(message)")
        #expect(Self.firstError(String(repeating: "abs(", count: 3_000) + "1" + String(repeating: ")", count: 3_000)) == "1:401 \(message)")
        #expect(Self.firstError(String(repeating: "[", count: 3_000) + String(repeating: "]", count: 3_000)) == "1:101 \(message)")
    }
}
