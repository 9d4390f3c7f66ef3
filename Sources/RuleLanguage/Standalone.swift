import Diagnostics

/// The result of `loancheck eval`: a value with its display text and type.
public struct StandaloneResult: Sendable {
    /// The value itself.
    public let value: Value
    /// The value with its unit, e.g. `¥250,000,000`.
    public let valueText: String
    /// The type, e.g. `money`.
    public let typeText: String
    /// For a false boolean, why.
    public let evidence: [Evidence]
}

/// Compiles and evaluates one expression, for `loancheck eval EXPR [--doc FILE]`.
///
/// With an empty environment only literals, arithmetic and built-ins are available; to evaluate against a
/// document, pass its type environment and bindings. An unknown result (missing data) is a failure
/// "cannot evaluate: missing …".
public func evaluateStandalone(
    _ text: String, environment: TypeEnvironment = TypeEnvironment(), bindings: Bindings = Bindings(),
    origin: EmbeddedTextOrigin = .standalone(name: "<expression>")
) -> Result<StandaloneResult, DiagnosticList> {
    let compiled: CompiledExpression
    do {
        compiled = try RuleExpression.compile(text, origin: origin, environment: environment)
    } catch {
        return .failure(error)
    }
    switch compiled.evaluate(bindings) {
    case .value(let value, let evidence):
        return .success(StandaloneResult(value: value, valueText: value.displayText,
                                         typeText: compiled.resultType.description, evidence: evidence))
    case .unknown(let missing):
        let message = "cannot evaluate: missing " + missing.map(\.path).joined(separator: ", ")
        return .failure(DiagnosticList([Diagnostic.error(message, at: missing.first?.location)]))
    case .error(let diagnostic):
        return .failure(DiagnosticList([diagnostic]))
    }
}
