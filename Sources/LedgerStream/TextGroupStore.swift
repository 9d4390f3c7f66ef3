#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import LedgerPlan
import LedgerTape
import Synchronization

/// One position's update of a group keyed by a text (a borrower or a borrower group).
struct TextUpdate: Sendable {
    /// The rule's slot in the store.
    var slot: Int
    /// The key's institutions, packed (`TextGroupStore.pack`).
    var institutions: UInt64
    var text: TapeText
    var amount: Int128
    var known: Bool
}

/// The groups of every LoanGroup rule keyed by a text, shared by all scanning threads.
///
/// There is one group per borrower (or borrower group) and institution — millions on a large tape —
/// so the threads share one store instead of each holding a partial copy to merge: the keys are
/// spread over `shardCount` shards by the hash of their text, each behind its own lock (two threads
/// rarely meet on one). In a shard each text is stored once, as bytes of its own (the tape's pages can
/// then be dropped once scanned), and a group's key is two institution codes and the text's number.
final class TextGroupStore: Sendable {
    static let shardCount = 256
    /// The store's slot of each rule (request order), or -1 for a rule it does not hold.
    let slots: [Int]
    let functions: [LedgerAggregate.Function]
    private let shards: [Shard]

    private final class Shard: Sendable {
        let state: Mutex<TextShard>
        init(functions: [LedgerAggregate.Function]) { state = Mutex(TextShard(functions: functions)) }
    }

    /// `rules`: the index and aggregate of each rule keyed by a text.
    init(rules: [(index: Int, function: LedgerAggregate.Function)], ruleCount: Int) {
        var slots = [Int](repeating: -1, count: ruleCount)
        for (slot, rule) in rules.enumerated() { slots[rule.index] = slot }
        self.slots = slots
        functions = rules.map(\.function)
        let functions = functions
        shards = (0..<Self.shardCount).map { _ in Shard(functions: functions) }
    }

    var isEmpty: Bool { functions.isEmpty }

    static func pack(_ institutions: (Int32, Int32)) -> UInt64 {
        UInt64(UInt32(bitPattern: institutions.0)) << 32 | UInt64(UInt32(bitPattern: institutions.1))
    }

    static func unpack(_ packed: UInt64) -> (Int32, Int32) {
        (Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: packed)))
    }

    @inline(__always)
    private static func shard(of hash: UInt64) -> Int { Int(hash >> 56) }

    /// Applies one row's updates, taking each shard's lock once.
    func apply(_ updates: inout [TextUpdate], files: [MappedFile]) {
        while let first = updates.last {
            let shard = Self.shard(of: first.text.hash)
            shards[shard].state.withLock { state in
                var index = updates.count - 1
                while index >= 0 {
                    let update = updates[index]
                    if Self.shard(of: update.text.hash) == shard {
                        state.apply(update, files: files)
                        updates.remove(at: index)
                    }
                    index -= 1
                }
            }
        }
    }

    /// The groups of every shard, taken out of the store once the scan is done.
    func takeShards() -> [TextShard] {
        let functions = functions
        return shards.map { shard in
            shard.state.withLock { state in
                let taken = state
                state = TextShard(functions: functions)
                return taken
            }
        }
    }
}

/// The texts and groups of one shard.
struct TextShard: Sendable {
    private(set) var texts = InternedTexts()
    private(set) var groups: [ShardGroups]

    init(functions: [LedgerAggregate.Function]) {
        groups = functions.map(ShardGroups.init(function:))
    }

    /// The cell interned last: a row's rules mostly key on the same borrower cell.
    private var lastCell: (file: Int32, offset: Int64, number: Int32) = (-1, -1, -1)

    mutating func apply(_ update: TextUpdate, files: [MappedFile]) {
        let text: Int32
        if update.text.file == lastCell.file, update.text.offset == lastCell.offset {
            text = lastCell.number
        } else {
            text = texts.intern(update.text, files: files)
            lastCell = (update.text.file, update.text.offset, text)
        }
        groups[update.slot].add(institutions: update.institutions, text: text, amount: update.amount, known: update.known)
    }
}

/// Texts stored once each, as bytes, numbered in the order they came.
struct InternedTexts: Sendable {
    /// A text's hash and where it ends in `bytes` (it starts where the previous one ends): one entry
    /// read per lookup.
    private struct Entry: Sendable {
        let hash: UInt64
        let end: Int
    }

    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    private var slots = [Int32](repeating: -1, count: 16)

    var count: Int { entries.count }

    func hash(_ index: Int32) -> UInt64 { entries[Int(index)].hash }

    /// The number of `text`, stored when new.
    mutating func intern(_ text: TapeText, files: [MappedFile]) -> Int32 {
        if entries.count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(text.hash & UInt64(mask))
        while true {
            let index = slots[slot]
            if index < 0 { break }
            if entries[Int(index)].hash == text.hash, equals(Int(index), text, files: files) { return index }
            slot = (slot + 1) & mask
        }
        let index = Int32(entries.count)
        slots[slot] = index
        if text.escaped {
            bytes += text.bytes(in: files)
        } else if text.length > 0, let base = files[Int(text.file)].bytes.baseAddress {
            let start = base.advanced(by: Int(text.offset)).assumingMemoryBound(to: UInt8.self)
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: Int(text.length)))
        }
        entries.append(Entry(hash: text.hash, end: bytes.count))
        return index
    }

    private func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : entries[index - 1].end)..<entries[index].end }

    private func equals(_ index: Int, _ text: TapeText, files: [MappedFile]) -> Bool {
        let stored = range(index)
        if text.escaped { return bytes[stored].elementsEqual(text.bytes(in: files)) }
        guard stored.count == Int(text.length) else { return false }
        guard stored.count > 0, let base = files[Int(text.file)].bytes.baseAddress else { return stored.isEmpty }
        return bytes.withUnsafeBytes { own in
            guard let start = own.baseAddress else { return false }
            return memcmp(start + stored.lowerBound, base + Int(text.offset), stored.count) == 0
        }
    }

    /// The bytes of text `index`.
    func text(_ index: Int32) -> [UInt8] { Array(bytes[range(Int(index))]) }

    private mutating func grow() {
        let capacity = slots.count * 2
        var grown = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(entry.hash & UInt64(mask))
            while grown[slot] >= 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index)
        }
        slots = grown
    }
}
