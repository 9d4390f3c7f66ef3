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
///
/// A frame belongs to one evaluation on one thread, and every access is a whole read or write (no
/// `inout` overlaps another access), so the run-time exclusivity checks are turned off for its
/// properties: they were a tenth of the time spent evaluating rules.
final class Frame {
    @exclusivity(unchecked) var roots: [Value]
    @exclusivity(unchecked) var locals: [Value]
    @exclusivity(unchecked) var localOrigins: [Origin?]
    /// Set while explaining a result: lambdas then record element origins.
    @exclusivity(unchecked) var tracing: Bool
    /// The list element being examined by the innermost `all`/`any` explanation.
    @exclusivity(unchecked) var element: Origin?

    init(roots: [Value], slots: Int, tracing: Bool = false) {
        self.roots = roots
        locals = Array(repeating: .boolean(false), count: slots)
        localOrigins = Array(repeating: nil, count: slots)
        self.tracing = tracing
    }

    /// Makes a used frame fresh for another evaluation, keeping its arrays' storage (no allocation).
    func reset(slots: Int) {
        roots.removeAll(keepingCapacity: true)
        tracing = false
        element = nil
        // Written out: the generic `append(contentsOf: repeatElement(…))` cost more than the allocation
        // it replaced. Removing keeps the capacity, so frames shared by rules with and without lambdas
        // do not reallocate their slots.
        if locals.count > slots {
            locals.removeLast(locals.count - slots)
            localOrigins.removeLast(localOrigins.count - slots)
        }
        for index in locals.indices {
            locals[index] = .boolean(false)
            localOrigins[index] = nil
        }
        while locals.count < slots {
            locals.append(.boolean(false))
            localOrigins.append(nil)
        }
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
