import LedgerTape

/// The fundings of joint loans, by loan id: read before the loans, checked (shares add up to exactly
/// 100%, a funder once per loan), then looked up once per loan.
struct FundingTable: Sendable {
    /// Every row, in file order.
    let rows: [FundingRow]
    /// The rows of each loan: `next` links rows of one loan in file order.
    private let first: [Int32]
    private let next: [Int32]
    private let slots: [Int32]
    private let mask: Int

    var loanCount: Int { first.count }

    init(rows: [FundingRow], files: [MappedFile]) {
        self.rows = rows
        var capacity = 16
        while capacity < rows.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        var first: [Int32] = []
        var last: [Int32] = []
        var next = [Int32](repeating: -1, count: rows.count)
        let mask = capacity - 1
        for (index, row) in rows.enumerated() {
            var slot = Int(row.loanId.hash & UInt64(mask))
            while true {
                let group = slots[slot]
                if group < 0 {
                    slots[slot] = Int32(first.count)
                    first.append(Int32(index))
                    last.append(Int32(index))
                    break
                }
                if rows[Int(first[Int(group)])].loanId.sameText(as: row.loanId, in: files) {
                    next[Int(last[Int(group)])] = Int32(index)
                    last[Int(group)] = Int32(index)
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        self.first = first
        self.next = next
        self.slots = slots
        self.mask = mask
    }

    /// The group (loan) whose fundings rows have this loan id, or nil.
    func group(of loanId: TapeText, files: [MappedFile]) -> Int32? {
        guard !first.isEmpty else { return nil }
        var slot = Int(loanId.hash & UInt64(mask))
        while true {
            let group = slots[slot]
            if group < 0 { return nil }
            if rows[Int(first[Int(group)])].loanId.sameText(as: loanId, in: files) { return group }
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
        for group in first.indices {
            var total: Int64 = 0
            var seen: [Int32: Int32] = [:]
            var index = first[group]
            while index >= 0 {
                let row = rows[Int(index)]
                total += row.share
                if let earlier = seen[row.institution] {
                    duplicates.append((Int32(group), index, earlier))
                } else {
                    seen[row.institution] = index
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
