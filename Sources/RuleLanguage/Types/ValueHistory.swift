/// A value that changes on given days (a parameter such as the one-year LPR), as `on(param.x, date)`
/// reads it: the value in force on a date is the last one whose `from` is on or before it.
public struct ValueHistory: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let from: CivilDate
        public let value: Value

        public init(from: CivilDate, value: Value) {
            self.from = from
            self.value = value
        }
    }

    /// Sorted by `from`, ascending.
    public let entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries.sorted { $0.from < $1.from }
    }

    /// The value in force on `date`, or nil before the first entry.
    public func value(on date: CivilDate) -> Entry? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].from <= date { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : entries[low - 1]
    }
}
