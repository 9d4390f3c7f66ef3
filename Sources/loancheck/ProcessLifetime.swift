import Dispatch
import Synchronization

/// When the large structures of a run are released, and by whom.
///
/// An audit of 10,000 products holds hundreds of thousands of small objects (records, values, checks,
/// findings). Released one by one on the main thread at the end they cost tens of milliseconds, so the
/// report and the rules are left for the operating system to reclaim at exit (as compilers do:
/// clang's `-disable-free`). The loaded documents are not kept (keeping them too raised the peak at
/// 100,000 products by 60 MB): they are released on another thread while the report is rendered, not
/// on the main thread before it (which stalled a 10,000-product audit for ≈50 ms).
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits, so it is never torn down object by object.
    static func keepUntilExit(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }

    /// Releases `value` on another thread, so the caller goes on while its objects are freed one by
    /// one. The caller must hold no other reference (pass it with `consume`); if the process exits
    /// first, the operating system reclaims the rest.
    static func releaseInBackground(_ value: consuming some Sendable) {
        let box = ReleaseBox(value)
        DispatchQueue.global(qos: .utility).async { box.release() }
    }
}

/// Holds a value until `release()`, so the release happens on the thread that calls it rather than
/// wherever the last reference to a closure capturing it happens to go.
private final class ReleaseBox<Value: Sendable>: @unchecked Sendable {
    // Touched only by `release()`, called once, on one thread.
    private var value: Value?

    init(_ value: consuming Value) { self.value = value }

    func release() { value = nil }
}
