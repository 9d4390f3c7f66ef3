import LedgerPlan
import LedgerTape

/// One group of a `ShardGroups`: its key, aggregate and count, together (one cache line is read to
/// find and update a group, not one per field).
struct ShardGroup: Sendable {
    let institutions: UInt64
    let text: Int32
    /// Positions counted; the top bit says one could not be evaluated.
    var count: UInt32
    /// Sum, minimum or maximum, by the rule's aggregate (10^-12 units).
    var value: Int128
}

/// The groups of one rule in one shard of a `TextGroupStore`: key (two institutions and the number of
/// an interned text), aggregate, count. 32 bytes a group, and its slot.
struct ShardGroups: Sendable {
    private(set) var groups: [ShardGroup] = []
    private var slots = [Int32](repeating: -1, count: 16)
    let function: LedgerAggregate.Function

    static let unknownBit: UInt32 = 0x8000_0000

    init(function: LedgerAggregate.Function) { self.function = function }

    var count: Int { groups.count }

    @inline(__always)
    private static func hash(_ institutions: UInt64, _ text: Int32) -> UInt64 {
        TapeHash.mix(institutions &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: text)))
    }

    mutating func add(institutions key: UInt64, text: Int32, amount: Int128, known: Bool) {
        if groups.count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(Self.hash(key, text) & UInt64(mask))
        var index = -1
        while true {
            let candidate = Int(slots[slot])
            if candidate < 0 { break }
            if groups[candidate].text == text, groups[candidate].institutions == key {
                index = candidate
                break
            }
            slot = (slot + 1) & mask
        }
        if index < 0 {
            index = groups.count
            slots[slot] = Int32(index)
            groups.append(ShardGroup(institutions: key, text: text, count: 0,
                                     value: function == .min ? Int128.max : (function == .max ? Int128.min : 0)))
        }
        let function = function
        groups.withUnsafeMutableBufferPointer { all in
            Self.update(&all[index], function: function, amount: amount, known: known)
        }
    }

    @inline(__always)
    private static func update(_ group: inout ShardGroup, function: LedgerAggregate.Function, amount: Int128, known: Bool) {
        group.count += 1
        guard known else {
            group.count |= unknownBit
            return
        }
        switch function {
        case .sum:
            let (sum, overflow) = group.value.addingReportingOverflow(amount)
            if overflow { group.count |= unknownBit } else { group.value = sum }
        case .min: group.value = Swift.min(group.value, amount)
        case .max: group.value = Swift.max(group.value, amount)
        case .count: break
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var grown = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (index, group) in groups.enumerated() {
            var slot = Int(Self.hash(group.institutions, group.text) & UInt64(mask))
            while grown[slot] >= 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index)
        }
        slots = grown
    }
}

/// What a rule's groups give its evaluation once the scan is done, whichever table holds them.
protocol GroupStore {
    var count: Int { get }
    func institutions(_ group: Int) -> (Int32, Int32)
    /// The whole key (its text as bytes of its own): only for the groups a finding lists.
    func key(_ group: Int) -> GroupKeyValue
    func value(_ group: Int) -> Int128
    func positions(_ group: Int) -> Int32
    func isUnknown(_ group: Int) -> Bool
    /// Every group in order: its number, institutions, aggregate, positions and unknown flag.
    func forEachGroup(_ body: (Int, (Int32, Int32), Int128, Int32, Bool) -> Void)
}

extension GroupStore {
    func forEachGroup(_ body: (Int, (Int32, Int32), Int128, Int32, Bool) -> Void) {
        for group in 0..<count { body(group, institutions(group), value(group), positions(group), isUnknown(group)) }
    }
}

extension GroupTable: GroupStore {
    func institutions(_ group: Int) -> (Int32, Int32) { keys[group].institutions }
    func key(_ group: Int) -> GroupKeyValue { keys[group] }
    func value(_ group: Int) -> Int128 { values[group] }
    func positions(_ group: Int) -> Int32 { counts[group] }
    func isUnknown(_ group: Int) -> Bool { unknown[group] }
}

/// One rule's groups across the shards of a `TextGroupStore`, numbered shard after shard.
struct TextGroupView: GroupStore {
    let shards: [TextShard]
    let slot: Int
    /// The number of the first group of each shard, and the total at the end.
    private let bases: [Int]

    init(shards: [TextShard], slot: Int) {
        self.shards = shards
        self.slot = slot
        var bases = [0]
        for shard in shards { bases.append(bases[bases.count - 1] + shard.groups[slot].count) }
        self.bases = bases
    }

    var count: Int { bases[bases.count - 1] }

    /// The shard and the index in it of group `group`.
    @inline(__always)
    private func locate(_ group: Int) -> (Int, Int) {
        var low = 0
        var high = shards.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if bases[middle] <= group { low = middle } else { high = middle - 1 }
        }
        return (low, group - bases[low])
    }

    func institutions(_ group: Int) -> (Int32, Int32) {
        let (shard, index) = locate(group)
        return TextGroupStore.unpack(shards[shard].groups[slot].groups[index].institutions)
    }

    func key(_ group: Int) -> GroupKeyValue {
        let (shard, index) = locate(group)
        let group = shards[shard].groups[slot].groups[index]
        let text = shards[shard].texts
        let number = group.text
        return GroupKeyValue(institutions: TextGroupStore.unpack(group.institutions),
                             text: .owned(hash: text.hash(number), bytes: text.text(number)))
    }

    func value(_ group: Int) -> Int128 {
        let (shard, index) = locate(group)
        return shards[shard].groups[slot].groups[index].value
    }

    func positions(_ group: Int) -> Int32 {
        let (shard, index) = locate(group)
        return Int32(bitPattern: shards[shard].groups[slot].groups[index].count & ~ShardGroups.unknownBit)
    }

    func isUnknown(_ group: Int) -> Bool {
        let (shard, index) = locate(group)
        return shards[shard].groups[slot].groups[index].count & ShardGroups.unknownBit != 0
    }

    /// Shard after shard, without locating each group.
    func forEachGroup(_ body: (Int, (Int32, Int32), Int128, Int32, Bool) -> Void) {
        for (shard, base) in zip(shards, bases) {
            for (index, group) in shard.groups[slot].groups.enumerated() {
                body(base + index, TextGroupStore.unpack(group.institutions), group.value,
                     Int32(bitPattern: group.count & ~ShardGroups.unknownBit), group.count & ShardGroups.unknownBit != 0)
            }
        }
    }
}
