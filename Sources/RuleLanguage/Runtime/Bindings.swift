/// The values of the variables an expression reads (`product`, `lender`, `param`, …).
///
/// A handful of names, looked up by every evaluation of every rule: kept as a small array searched
/// linearly, which is cheaper than hashing the name each time.
public struct Bindings: Sendable {
    private var names: [String] = []
    private var bound: [Value] = []

    /// Variable name → value.
    public var values: [String: Value] {
        Dictionary(zip(names, bound), uniquingKeysWith: { _, last in last })
    }

    /// Bindings with the given values (e.g. `["product": .record(product)]`).
    public init(_ values: [String: Value] = [:]) {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { bind(name, to: value) }
    }

    /// Room for `count` variables without growing (a subject's bindings are made for every subject).
    public mutating func reserveCapacity(_ count: Int) {
        names.reserveCapacity(count)
        bound.reserveCapacity(count)
    }

    /// The value bound to `name`, if any.
    public subscript(name: String) -> Value? {
        get { names.firstIndex(of: name).map { bound[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    bound[index] = newValue
                } else {
                    names.remove(at: index)
                    bound.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                bound.append(newValue)
            }
        }
    }

    /// Binds `name` to `value`, replacing any earlier value.
    public mutating func bind(_ name: String, to value: Value) { self[name] = value }
}
