import Dispatch
import LedgerTape

/// What scanning one chunk produced, with the lines it spanned (to make row lines absolute).
struct ChunkOutput<State: Sendable>: Sendable {
    var state: State
    var lines: Int
    var syntax: CSVSyntaxError?
}

/// Runs a scan over every chunk of some tables on all cores; results come back in table and chunk
/// order, whatever order the chunks finished in.
enum ChunkRunner {
    /// `body(table, chunk, fileId, scanner, state)` reads the chunk's records with `scanner`.
    static func run<State: Sendable>(
        _ tables: [(files: TapeFiles, firstId: Int32)],
        initial: @Sendable () -> State,
        body: @Sendable (TapeFiles, TapeFiles.Chunk, Int32, inout CSVScanner, inout State) throws(CSVSyntaxError) -> Void
    ) -> [[ChunkOutput<State>]] {
        let work = tables.enumerated().flatMap { tableIndex, table in table.files.chunks.map { (tableIndex, $0) } }
        let results = UnsafeMutableBufferPointer<ChunkOutput<State>?>.allocate(capacity: work.count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let (tableIndex, chunk) = work[index]
            let table = tables[tableIndex]
            let bytes = table.files.files[Int(chunk.file)].bytes
            var scanner = CSVScanner(bytes, range: chunk.range, delimiter: table.files.source.delimiter)
            var state = initial()
            var syntax: CSVSyntaxError?
            do throws(CSVSyntaxError) {
                try body(table.files, chunk, table.firstId + chunk.file, &scanner, &state)
            } catch {
                syntax = error
            }
            slots[index] = ChunkOutput(state: state, lines: scanner.line, syntax: syntax)
        }
        var output: [[ChunkOutput<State>]] = tables.map { _ in [] }
        for (index, (tableIndex, _)) in work.enumerated() {
            if let result = results[index] { output[tableIndex].append(result) }
        }
        return output
    }
}
