import Diagnostics

/// Why evaluation of a node stopped without a value.
enum Interrupt: Error {
    /// A value the expression needs is absent from the document.
    case unknown([MissingField])
    /// Division by zero, overflow, an index out of range, or a binding of the wrong kind.
    case failure(Diagnostic)

    /// Combines the interrupts of two operands whose result neither decides: an error wins over
    /// unknown; two unknowns list every missing path.
    func merged(with other: Interrupt) -> Interrupt {
        switch (self, other) {
        case (.unknown(let first), .unknown(let second)):
            var all = first
            for field in second where !all.contains(field) { all.append(field) }
            return .unknown(all)
        case (.failure, _): return self
        case (_, .failure): return other
        }
    }
}

/// Where a value came from: its path from a root variable (`product.funding[1].share`) and the
/// document location of its node.
struct Origin: Sendable, Hashable {
    let path: String
    let location: SourceLocation?

    func field(_ name: String, location: SourceLocation?) -> Origin {
        Origin(path: path + "." + name, location: location ?? self.location)
    }

    func element(_ index: Int, location: SourceLocation?) -> Origin {
        Origin(path: path + "[\(index)]", location: location ?? self.location)
    }
}

/// The mutable state of one evaluation: the root values, lambda parameters and, when tracing (for
/// evidence and precise missing paths), where each lambda parameter's element came from.
final class Frame {
    let roots: [Value]
    var locals: [Value]
    var localOrigins: [Origin?]
    /// Set while explaining a result: lambdas then record element origins.
    var tracing: Bool
    /// The list element being examined by the innermost `all`/`any` explanation.
    var element: Origin?

    init(roots: [Value], slots: Int, tracing: Bool = false) {
        self.roots = roots
        locals = Array(repeating: .boolean(false), count: slots)
        localOrigins = Array(repeating: nil, count: slots)
        self.tracing = tracing
    }
}

/// A failed operation on values, before it is given the location of its operator.
struct OperationError: Error {
    let message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
