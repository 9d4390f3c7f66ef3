import LoanDomain
import Synchronization
import Testing

/// The parallel maps the loader and the auditor run on: results in input order, and the releasing
/// variant frees each element on the worker that mapped it.
@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 1_000])
    func resultsKeepTheOrderOfTheElements(count: Int) {
        let items = (0..<count).map { "item \($0)" }
        #expect(items.concurrentMap { $0 + "!" } == items.map { $0 + "!" })
        #expect(items.concurrentMapReleasingElements { index, item in "\(index): \(item)" }
            == items.enumerated().map { "\($0.offset): \($0.element)" })
    }

    private final class Counter: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
    }

    /// Counts its instances still alive.
    private final class Tracked: Sendable {
        let value: Int
        let alive: Counter

        init(_ value: Int, alive: Counter) {
            self.value = value
            self.alive = alive
            alive.count.withLock { $0 += 1 }
        }

        deinit { alive.count.withLock { $0 -= 1 } }
    }

    @Test func theReleasingMapFreesEveryElementItHeldTheOnlyReferenceTo() {
        let alive = Counter()
        let items = (0..<500).map { Tracked($0, alive: alive) }
        #expect(alive.value == 500)
        let values = (consume items).concurrentMapReleasingElements { _, item in item.value * 2 }
        #expect(values == (0..<500).map { $0 * 2 })
        #expect(alive.value == 0)
    }

    @Test func elementsStillReferencedElsewhereSurviveTheReleasingMap() {
        let alive = Counter()
        let items = (0..<100).map { Tracked($0, alive: alive) }
        let values = items.concurrentMapReleasingElements { _, item in item.value }
        #expect(values == Array(0..<100))
        #expect(alive.value == 100)
        #expect(items.map(\.value) == Array(0..<100))
    }
}
