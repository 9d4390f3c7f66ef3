#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Compliance
import LedgerTape

/// The failing loans of one rule that its findings list: the first `cap` in loan-id byte order, plus
/// every loan a waiver names. Key order, not tape order, so that every engine — the stream engine's
/// chunks in any order, or a SQL engine's `ORDER BY loan_id` — lists the same loans.
///
/// The buffer holds at most `2 × cap` unwaived loans: past that it keeps the `cap` smallest ids and
/// counts the rest as unlisted, so memory stays bounded on a tape where every loan fails.
struct ListedLoans: Sendable {
    private(set) var loans: [PendingLoan] = []
    private var unwaivedCount = 0

    mutating func add(_ loan: PendingLoan, cap: Int, files: [MappedFile], unlisted: inout [FindingSeverity: Int]) {
        loans.append(loan)
        guard !loan.waived else { return }
        unwaivedCount += 1
        if cap > 0, unwaivedCount > 2 * cap { trim(cap: cap, files: files, unlisted: &unlisted) }
    }

    mutating func merge(_ other: ListedLoans, cap: Int, files: [MappedFile], unlisted: inout [FindingSeverity: Int]) {
        loans += other.loans
        unwaivedCount += other.unwaivedCount
        if cap > 0, unwaivedCount > 2 * cap { trim(cap: cap, files: files, unlisted: &unlisted) }
    }

    /// The listed loans in key order: the first `cap` failures (waived or not) and every waived one.
    func finish(cap: Int, files: [MappedFile], unlisted: inout [FindingSeverity: Int]) -> [PendingLoan] {
        let sorted = loans.sorted { $0.idBytes.lexicographicallyPrecedes($1.idBytes) }
        var listed: [PendingLoan] = []
        for (index, loan) in sorted.enumerated() {
            if cap == 0 || index < cap || loan.waived {
                listed.append(loan)
            } else {
                unlisted[loan.severity, default: 0] += 1
            }
        }
        return listed
    }

    /// Keeps the `cap` smallest unwaived ids: a loan past them can never be among the first `cap` failures.
    private mutating func trim(cap: Int, files: [MappedFile], unlisted: inout [FindingSeverity: Int]) {
        var unwaived = loans.filter { !$0.waived }
        unwaived.sort { $0.idBytes.lexicographicallyPrecedes($1.idBytes) }
        for loan in unwaived[cap...] { unlisted[loan.severity, default: 0] += 1 }
        loans = loans.filter(\.waived) + unwaived[..<cap]
        unwaivedCount = cap
    }

    /// Byte order of two cells' unescaped text (what `ORDER BY ... COLLATE "C"` gives).
    static func precedes(_ a: TapeText, _ b: TapeText, files: [MappedFile]) -> Bool {
        if !a.escaped, !b.escaped {
            let pa = files[Int(a.file)].bytes, pb = files[Int(b.file)].bytes
            let common = Int(min(a.length, b.length))
            if common > 0, let baseA = pa.baseAddress, let baseB = pb.baseAddress {
                let order = memcmp(baseA + Int(a.offset), baseB + Int(b.offset), common)
                if order != 0 { return order < 0 }
            }
            return a.length < b.length
        }
        return a.bytes(in: files).lexicographicallyPrecedes(b.bytes(in: files))
    }
}
