/// The values of the variables an expression reads (`product`, `lender`, `param`, …).
public struct Bindings: Sendable {
    /// Variable name → value.
    public private(set) var values: [String: Value]

    /// Bindings with the given values (e.g. `["product": .record(product)]`).
    public init(_ values: [String: Value] = [:]) { self.values = values }

    /// The value bound to `name`, if any.
    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Binds `name` to `value`, replacing any earlier value.
    public mutating func bind(_ name: String, to value: Value) { values[name] = value }
}
