/// The values of the variables an expression reads (`product`, `lender`, `param`, …).
public struct Bindings: Sendable {
    public private(set) var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Binds `name` to `value`, replacing any earlier value.
    public mutating func bind(_ name: String, to value: Value) { values[name] = value }
}
