import LedgerTape

/// The fundings of joint loans, by loan id: read before the loans, checked (shares add up to exactly
/// 100%, a funder once per loan), then looked up once per loan.
struct FundingTable: Sendable {
    /// Every row, in file order.
    let rows: [FundingRow]
    /// The rows of each loan: `next` links rows of one loan in file order.
    private let first: [Int32]
    private let next: [Int32]
    /// Open addressing by loan id hash: the hash's top 32 bits and the group + 1 (0: empty), so a
    /// probe of a loan that is not joint (most) rarely leaves the slot array.
    private let slots: [UInt64]
    private let mask: Int
    /// One bit per hash (a few megabytes, cache-resident where the slots are not): most loans are not
    /// joint, and a clear bit answers for them without a miss in the slot array.
    private let filter: [UInt64]
    private let filterMask: UInt64

    var loanCount: Int { first.count }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    init(rows: [FundingRow], files: [MappedFile]) {
        self.rows = rows
        var slots = [UInt64](repeating: 0, count: 16)
        var first: [Int32] = []
        var last: [Int32] = []
        var next = [Int32](repeating: -1, count: rows.count)
        for (index, row) in rows.enumerated() {
            if first.count * 2 >= slots.count { slots = Self.grown(slots, rows: rows, first: first) }
            let mask = slots.count - 1
            let loanId = row.loanId
            var slot = Int(loanId.hash & UInt64(mask))
            while true {
                let entry = slots[slot]
                if entry == 0 {
                    slots[slot] = Self.tag(loanId.hash) | UInt64(first.count + 1)
                    first.append(Int32(index))
                    last.append(Int32(index))
                    break
                }
                let group = Int(entry & 0xFFFF_FFFF) - 1
                if entry & 0xFFFF_FFFF_0000_0000 == Self.tag(loanId.hash), rows[Int(first[group])].loanId.sameText(as: loanId, in: files) {
                    next[Int(last[group])] = Int32(index)
                    last[group] = Int32(index)
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        self.first = first
        self.next = next
        self.slots = slots
        mask = slots.count - 1
        var bits = 1 << 12
        while bits < first.count * 8 { bits *= 2 }
        var filter = [UInt64](repeating: 0, count: bits / 64)
        let filterMask = UInt64(bits - 1)
        for row in first {
            let bit = Int((rows[Int(row)].loanId.hash >> 32) & filterMask)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.filter = filter
        self.filterMask = filterMask
    }

    private static func grown(_ slots: [UInt64], rows: [FundingRow], first: [Int32]) -> [UInt64] {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for (group, row) in first.enumerated() {
            let hash = rows[Int(row)].loanId.hash
            var slot = Int(hash & UInt64(mask))
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = tag(hash) | UInt64(group + 1)
        }
        return grown
    }

    /// The group (loan) whose fundings rows have this loan id, or nil. `cursor` is the group found
    /// last by the caller: fundings usually list loans in the loans' order, so the next group is tried
    /// first (its rows are next to the last one's in memory).
    func group(of loanId: TapeText, files: [MappedFile], cursor: inout Int32) -> Int32? {
        guard !first.isEmpty else { return nil }
        let bit = Int((loanId.hash >> 32) & filterMask)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        let candidate = Int(cursor) + 1
        if candidate < first.count {
            let row = rows[Int(first[candidate])]
            if row.loanId.hash == loanId.hash, row.loanId.sameText(as: loanId, in: files) {
                cursor = Int32(candidate)
                return cursor
            }
        }
        guard let found = group(of: loanId, files: files) else { return nil }
        cursor = found
        return found
    }

    /// The group (loan) whose fundings rows have this loan id, or nil.
    func group(of loanId: TapeText, files: [MappedFile]) -> Int32? {
        guard !first.isEmpty else { return nil }
        let tag = Self.tag(loanId.hash)
        var slot = Int(loanId.hash & UInt64(mask))
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let group = Int(entry & 0xFFFF_FFFF) - 1
                if rows[Int(first[group])].loanId.sameText(as: loanId, in: files) { return Int32(group) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The row indexes of a group, in file order.
    func rows(of group: Int32) -> [Int32] {
        var result: [Int32] = []
        var index = first[Int(group)]
        while index >= 0 {
            result.append(index)
            index = next[Int(index)]
        }
        return result
    }

    /// Appends the funders of `group` to `entries`.
    func appendEntries(of group: Int32, to entries: inout [FundingEntry]) {
        var index = first[Int(group)]
        while index >= 0 {
            let row = rows[Int(index)]
            entries.append(FundingEntry(institution: row.institution, share: row.share, row: index))
            index = next[Int(index)]
        }
    }

    /// Groups whose shares do not add up to exactly 100%, or name a funder twice.
    func problems() -> (shares: [Int32], duplicates: [(group: Int32, row: Int32, first: Int32)]) {
        var shares: [Int32] = []
        var duplicates: [(Int32, Int32, Int32)] = []
        // A loan has a few funders: a list, not a dictionary per loan.
        var seen: [(institution: Int32, row: Int32)] = []
        for group in first.indices {
            var total: Int64 = 0
            seen.removeAll(keepingCapacity: true)
            var index = first[group]
            while index >= 0 {
                let row = rows[Int(index)]
                total += row.share
                if let earlier = seen.first(where: { $0.institution == row.institution }) {
                    duplicates.append((Int32(group), index, earlier.row))
                } else {
                    seen.append((row.institution, index))
                }
                index = next[Int(index)]
            }
            if total != CellParser.ratioUnitsPerOne { shares.append(Int32(group)) }
        }
        return (shares, duplicates)
    }

    /// The sum of a group's shares (10^-10 units).
    func total(of group: Int32) -> Int64 {
        rows(of: group).reduce(0) { $0 + rows[Int($1)].share }
    }

    /// The first row of a group.
    func firstRow(of group: Int32) -> Int32 { first[Int(group)] }
}
