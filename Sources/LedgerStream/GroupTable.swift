import LedgerPlan
import LedgerTape
import RuleLanguage

/// The text part of a group's key: a cell of the tape (while scanning), or bytes of its own (a key
/// interned by `TextGroupStore`, whose cells may no longer be in memory).
enum KeyText: Sendable {
    case tape(TapeText)
    case owned(hash: UInt64, bytes: [UInt8])

    var hash: UInt64 {
        switch self {
        case .tape(let text): text.hash
        case .owned(let hash, _): hash
        }
    }

    func bytes(in files: [MappedFile]) -> [UInt8] {
        switch self {
        case .tape(let text): text.bytes(in: files)
        case .owned(_, let bytes): bytes
        }
    }

    func string(in files: [MappedFile]) -> String { String(decoding: bytes(in: files), as: UTF8.self) }

    func same(as other: KeyText, files: [MappedFile]) -> Bool {
        guard hash == other.hash else { return false }
        if case .tape(let a) = self, case .tape(let b) = other { return a.sameText(as: b, in: files) }
        return bytes(in: files) == other.bytes(in: files)
    }
}

/// A group's key: up to two institutions (funder, lender, partner group) and one text (borrower or
/// borrower group), in the order the rule's `group_by` names them.
struct GroupKeyValue: Sendable {
    var institutions: (Int32, Int32) = (-1, -1)
    var text: KeyText?

    var hash: UInt64 {
        var h = TapeHash.mix(UInt64(bitPattern: Int64(institutions.0)) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64(institutions.1)))
        if let text { h = TapeHash.mix(h ^ text.hash) }
        return h
    }

    func same(as other: GroupKeyValue, files: [MappedFile]) -> Bool {
        guard institutions == other.institutions else { return false }
        switch (text, other.text) {
        case (nil, nil): return true
        case (let a?, let b?): return a.same(as: b, files: files)
        default: return false
        }
    }
}

/// The running aggregate of every group of one rule: sum (or min / max) and count of its positions,
/// in an open-addressing table. Memory grows with the number of groups, not of rows.
struct GroupTable: Sendable {
    private(set) var keys: [GroupKeyValue] = []
    /// Sum, minimum or maximum, by the rule's aggregate (10^-12 units).
    private(set) var values: [Int128] = []
    private(set) var counts: [Int32] = []
    /// A position of the group whose `where` or value could not be evaluated.
    private(set) var unknown: [Bool] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 64)
    private let function: LedgerAggregate.Function

    init(function: LedgerAggregate.Function) { self.function = function }

    var count: Int { keys.count }

    /// The group of `key`, created when new.
    mutating func group(_ key: GroupKeyValue, files: [MappedFile]) -> Int {
        if keys.count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(key.hash & UInt64(mask))
        while true {
            let index = slots[slot]
            if index < 0 {
                slots[slot] = Int32(keys.count)
                keys.append(key)
                values.append(function == .min ? Int128.max : (function == .max ? Int128.min : 0))
                counts.append(0)
                unknown.append(false)
                return keys.count - 1
            }
            if keys[Int(index)].same(as: key, files: files) { return Int(index) }
            slot = (slot + 1) & mask
        }
    }

    /// The group of `key`, or nil when there is none (no insertion).
    func find(_ key: GroupKeyValue, files: [MappedFile]) -> Int? {
        let mask = slots.count - 1
        var slot = Int(key.hash & UInt64(mask))
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            if keys[Int(index)].same(as: key, files: files) { return Int(index) }
            slot = (slot + 1) & mask
        }
    }

    mutating func add(_ group: Int, amount: Int128) {
        counts[group] += 1
        switch function {
        case .sum:
            let (sum, overflow) = values[group].addingReportingOverflow(amount)
            if overflow { unknown[group] = true } else { values[group] = sum }
        case .min: values[group] = Swift.min(values[group], amount)
        case .max: values[group] = Swift.max(values[group], amount)
        case .count: break
        }
    }

    mutating func markUnknown(_ group: Int) {
        counts[group] += 1
        unknown[group] = true
    }

    /// Adds another table's groups (a later chunk's).
    mutating func merge(_ other: GroupTable, files: [MappedFile]) {
        for index in other.keys.indices {
            let group = self.group(other.keys[index], files: files)
            counts[group] += other.counts[index]
            unknown[group] = unknown[group] || other.unknown[index]
            switch function {
            case .sum:
                let (sum, overflow) = values[group].addingReportingOverflow(other.values[index])
                if overflow { unknown[group] = true } else { values[group] = sum }
            case .min: values[group] = Swift.min(values[group], other.values[index])
            case .max: values[group] = Swift.max(values[group], other.values[index])
            case .count: break
            }
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var grown = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (index, key) in keys.enumerated() {
            var slot = Int(key.hash & UInt64(mask))
            while grown[slot] >= 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index)
        }
        slots = grown
    }
}
