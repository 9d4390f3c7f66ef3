import Diagnostics

/// Evaluates a compiled node in a frame.
typealias Thunk = @Sendable (Frame) throws(Interrupt) -> Value
/// Where the value of a path node came from (nil for computed values).
typealias OriginThunk = @Sendable (Frame) -> Origin?
/// Where each element of a list-valued node came from, when it is not simply `origin[i]`.
typealias ElementOriginsThunk = @Sendable (Frame) -> [Origin?]?
/// Why a boolean node did not have the `wanted` value.
typealias ExplainThunk = @Sendable (Frame, _ wanted: Bool) -> [Evidence]

/// A compiled expression node: closures built once and evaluated many times.
struct Node: Sendable {
    let type: ValueType
    let evaluate: Thunk
    var origin: OriginThunk?
    var elementOrigins: ElementOriginsThunk?
    var explain: ExplainThunk?
    /// `not has(x)`: a guard in `not has(x) or …`, whose evidence ("x is present") is noise next to the
    /// other side's.
    var isPresenceGuard = false
    /// Set when the node was folded to a constant at compile time.
    var constant: Value?
    /// The expression's source text (white space collapsed), used in evidence.
    let label: String
    /// Where the node's operator (or start) is in the rule file.
    let location: SourceLocation

    init(
        type: ValueType, label: String, location: SourceLocation, origin: OriginThunk? = nil,
        evaluate: @escaping Thunk
    ) {
        self.type = type
        self.label = label
        self.location = location
        self.origin = origin
        self.evaluate = evaluate
    }

    /// The origins of the elements of this list-valued node's value.
    func originsOfElements(_ frame: Frame, _ list: ListValue) -> [Origin?] {
        if let explicit = elementOrigins?(frame), explicit.count == list.elements.count { return explicit }
        if let origin = origin?(frame) {
            return list.elements.indices.map { origin.element($0, location: list.location(at: $0)) }
        }
        return Array(repeating: nil, count: list.elements.count)
    }
}

/// Errors located in the rule text.
enum Located {
    static func failure(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Interrupt {
        .failure(Diagnostic.error(message, at: location, hint: hint))
    }

    /// Runs a value operation, locating its error at `location`.
    static func run(
        _ location: SourceLocation, _ operation: () throws(OperationError) -> Value
    ) throws(Interrupt) -> Value {
        do {
            return try operation()
        } catch {
            throw failure(location, error.message, hint: error.hint)
        }
    }
}
