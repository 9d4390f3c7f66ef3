import Diagnostics
import Foundation
import RuleLanguage

/// Evaluates a standalone expression and returns its display text, or the first diagnostic as text.
func show(_ text: String, environment: TypeEnvironment = TypeEnvironment(), bindings: Bindings = Bindings()) -> String {
    switch evaluateStandalone(text, environment: environment, bindings: bindings, origin: .standalone(name: "expr")) {
    case .success(let result): return result.valueText
    case .failure(let list): return list.diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// The diagnostics of compiling `text`, rendered `file:line:col: error: message` plus hints.
func errors(_ text: String, environment: TypeEnvironment = TypeEnvironment(),
            origin: EmbeddedTextOrigin = .standalone(name: "expr")) -> [String] {
    do {
        _ = try RuleExpression.compile(text, origin: origin, environment: environment)
        return []
    } catch {
        return error.diagnostics.map { diagnostic in
            ([diagnostic.description] + diagnostic.hints.map { "hint: \($0)" }).joined(separator: " | ")
        }
    }
}

/// The exact number written `text` (a test's own literal: a typo stops the test run).
func decimal(_ text: String) -> ExactNumber {
    guard let value = ExactNumber.parse(text) else { fatalError("not a number: \(text)") }
    return value
}

func location(_ line: Int, _ column: Int, file: String = "product.yaml") -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
}
