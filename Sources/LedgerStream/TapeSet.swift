import Diagnostics
import LedgerAudit
import LedgerTape

/// The opened tables of every LedgerSchema of an audit, with one numbering of their files (a
/// `TapeText`'s and a `RowPlace`'s `file`) so any row or cell is found again later.
final class TapeSet: Sendable {
    let loans: [TapeFiles]
    let fundings: [TapeFiles]
    let groups: [TapeFiles]
    /// Every mapped file, by tape-wide id.
    let files: [MappedFile]
    /// The tape-wide id of each table's first file.
    private let firstIds: [ObjectIdentifier: Int32]

    init(_ schemas: [LedgerSchema], parts: Int) throws(DiagnosticList) {
        var diagnostics: [Diagnostic] = []
        func open(_ source: TableSource?) -> TapeFiles? {
            guard let source else { return nil }
            if !source.external.isEmpty {
                diagnostics.append(.error("the stream engine reads local CSV files; the \(source.table.rawValue) table also names "
                                          + source.external.joined(separator: ", "), at: source.location,
                                          hint: "run with --engine duckdb (or spark) for Parquet and object storage, or an engine for its own tables"))
                return nil
            }
            do {
                return try TapeFiles(source, parts: parts)
            } catch {
                diagnostics += error.diagnostics
                return nil
            }
        }
        loans = schemas.compactMap { open($0.loans) }
        fundings = schemas.compactMap { open($0.fundings) }
        groups = schemas.compactMap { open($0.borrowerGroups) }
        // Row places keep a file and a chunk in 16 bits each (the per-loan cost of the duplicate check).
        for table in loans + fundings + groups where table.chunks.count > Int(UInt16.max) {
            diagnostics.append(.error("the \(table.table.rawValue) table has \(table.files.count) files in \(table.chunks.count) parts; "
                                      + "the stream engine reads at most 65,535 parts per table", at: table.source.location,
                                      hint: "concatenate the files, or use an SQL engine"))
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        var files: [MappedFile] = []
        var firstIds: [ObjectIdentifier: Int32] = [:]
        for table in loans + fundings + groups {
            firstIds[ObjectIdentifier(table)] = Int32(files.count)
            files += table.files
        }
        guard files.count <= Int(UInt16.max) else {
            throw DiagnosticList([.error("the tapes have \(files.count) files; the stream engine reads at most 65,535", at: nil,
                                         hint: "concatenate the files, or use an SQL engine")])
        }
        self.files = files
        self.firstIds = firstIds
    }

    /// The tape-wide id of file `index` of `table`.
    func fileId(_ table: TapeFiles, _ index: Int32) -> Int32 {
        (firstIds[ObjectIdentifier(table)] ?? 0) + index
    }

    /// Every table with the tape-wide id of its first file.
    var tables: [(files: TapeFiles, firstId: Int32)] {
        (loans + fundings + groups).map { ($0, firstIds[ObjectIdentifier($0)] ?? 0) }
    }
}
