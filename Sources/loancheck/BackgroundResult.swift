import Dispatch
import Synchronization

/// A value computed on another thread while the caller does something else (e.g. walking the input
/// directories while the rule packs are compiled).
final class BackgroundResult<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: done) { [self] in
            let value = work()
            result.withLock { $0 = value }
        }
    }

    /// The value, waiting for it if it is not ready.
    var value: Value {
        done.wait()
        return result.withLock { stored in
            guard let stored else { preconditionFailure("the background work finished without a value") }
            return stored
        }
    }
}
