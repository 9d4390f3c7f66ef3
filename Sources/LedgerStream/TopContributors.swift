import LedgerTape

/// One loan's contribution to a group: the amount, the row, its loan id.
struct Contribution: Sendable {
    let amount: Int128
    let place: RowPlace
    let loanId: TapeText
    let offset: Int64
}

/// The largest contributions to a group, largest first; ties by loan id in byte order. The order is a
/// function of the contributions alone, so chunks and threads may add them in any order.
enum TopContributors {
    static let kept = 3

    static func insert(_ contribution: Contribution, into list: inout [Contribution], files: [MappedFile]) {
        // Most positions are smaller than the third largest: no byte comparison, no reordering.
        if list.count == kept, let last = list.last, contribution.amount < last.amount { return }
        var index = list.count
        while index > 0, precedes(contribution, list[index - 1], files: files) { index -= 1 }
        guard index < kept else { return }
        list.insert(contribution, at: index)
        if list.count > kept { list.removeLast(list.count - kept) }
    }

    static func precedes(_ a: Contribution, _ b: Contribution, files: [MappedFile]) -> Bool {
        if a.amount != b.amount { return a.amount > b.amount }
        return ListedLoans.precedes(a.loanId, b.loanId, files: files)
    }
}

/// The largest contributions to every group of a rule whose key is institutions only (a bank, a
/// partner group): such a rule has at most one group per pair of institutions, so the main pass keeps
/// them for every group and no second pass is needed for it.
struct ContributorTable: Sendable {
    private var index = GroupTable(function: .count)
    private(set) var lists: [[Contribution]] = []

    mutating func add(_ contribution: Contribution, key: GroupKeyValue, files: [MappedFile]) {
        let group = index.group(key, files: files)
        if group == lists.count { lists.append([]) }
        TopContributors.insert(contribution, into: &lists[group], files: files)
    }

    mutating func merge(_ other: ContributorTable, files: [MappedFile]) {
        for group in other.lists.indices {
            for contribution in other.lists[group] { add(contribution, key: other.index.keys[group], files: files) }
        }
    }

    /// The contributions of `key`'s group, largest first.
    func contributions(of key: GroupKeyValue, files: [MappedFile]) -> [Contribution] {
        guard let group = index.find(key, files: files) else { return [] }
        return lists[group]
    }
}
