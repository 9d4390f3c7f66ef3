import Synchronization

/// Values that are left to the operating system to reclaim when the process exits.
///
/// An audit of 10,000 products holds hundreds of thousands of small objects (records, values, checks,
/// findings); releasing them one by one when `run()` returns took about a tenth of the wall time, on one
/// core, for memory the kernel frees at exit anyway. Compilers do the same (clang's `-disable-free`).
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits, so it is never torn down object by object.
    static func keepUntilExit(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
