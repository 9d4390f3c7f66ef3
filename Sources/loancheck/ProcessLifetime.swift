import Synchronization

/// When the large structures of a run are released, and by whom.
///
/// An audit of 10,000 products holds hundreds of thousands of small objects (records, values, checks,
/// findings). Released one by one on the main thread at the end they cost tens of milliseconds, so the
/// report and the rules are left for the operating system to reclaim at exit (as compilers do:
/// clang's `-disable-free`). The loaded documents are not kept: they are released once the audit has
/// run, before the report is rendered; keeping them too raised the peak at 100,000 products by 60 MB,
/// and releasing them on all cores gained little (the allocator's locks serialise the frees).
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits, so it is never torn down object by object.
    static func keepUntilExit(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
