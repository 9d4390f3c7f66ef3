import LedgerTape

/// Borrowers that are affiliates of one another (关联方), by borrower key: the group each belongs to.
struct BorrowerGroupTable: Sendable {
    let rows: [GroupRow]
    private let slots: [Int32]
    private let mask: Int

    /// The table, and the rows that put a borrower already in one group into another.
    init(rows: [GroupRow], files: [MappedFile]) {
        var capacity = 16
        while capacity < rows.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        var conflicts: [(row: Int32, first: Int32)] = []
        for (index, row) in rows.enumerated() {
            var slot = Int(row.borrower.hash & UInt64(mask))
            while true {
                let existing = slots[slot]
                if existing < 0 {
                    slots[slot] = Int32(index)
                    break
                }
                if rows[Int(existing)].borrower.sameText(as: row.borrower, in: files) {
                    if !rows[Int(existing)].group.sameText(as: row.group, in: files) { conflicts.append((Int32(index), existing)) }
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        self.rows = rows
        self.slots = slots
        self.mask = mask
        self.conflicts = conflicts
    }

    /// Rows naming a second group for a borrower (an error), with the first row.
    let conflicts: [(row: Int32, first: Int32)]

    /// The group of `borrower`, or nil when it is in none.
    func group(of borrower: TapeText, files: [MappedFile]) -> TapeText? {
        guard !rows.isEmpty else { return nil }
        var slot = Int(borrower.hash & UInt64(mask))
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            if rows[Int(index)].borrower.sameText(as: borrower, in: files) { return rows[Int(index)].group }
            slot = (slot + 1) & mask
        }
    }
}
