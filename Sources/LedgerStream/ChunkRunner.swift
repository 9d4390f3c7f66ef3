import Dispatch
import LedgerTape
import Synchronization

/// What scanning one chunk produced, with the lines it spanned (to make row lines absolute).
struct ChunkOutput<State: Sendable>: Sendable {
    var state: State
    var lines: Int
    var syntax: CSVSyntaxError?
    /// The chunk has no quote: one line per record.
    var quoteFree = false
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

/// Hands out chunk numbers to worker threads, in order.
private final class ChunkQueue: Sendable {
    private let next = Mutex(0)

    func take() -> Int { next.withLock { value in defer { value += 1 }; return value } }
}

extension ChunkRunner {
    /// Like `run`, but with one `Worker` state per thread, kept from chunk to chunk (large state — group
    /// tables, loan ids — exists once per thread, not once per chunk), and a small `Local` state per
    /// chunk for what must stay in file order (errors). A chunk's pages of a mapped file are given back
    /// to the kernel once it is scanned (`MappedFile.release`): a later read faults them in again from
    /// the page cache, and the resident set holds the chunks being scanned, not the whole tape.
    static func run<Worker: Sendable, Local: Sendable>(
        _ tables: [(files: TapeFiles, firstId: Int32)], threads: Int,
        worker: @Sendable () -> Worker, local: @Sendable () -> Local,
        body: @Sendable (TapeFiles, TapeFiles.Chunk, Int32, inout CSVScanner, inout Worker, inout Local) throws(CSVSyntaxError) -> Void
    ) -> (chunks: [[ChunkOutput<Local>]], workers: [Worker]) {
        let work = tables.enumerated().flatMap { tableIndex, table in table.files.chunks.map { (tableIndex, $0) } }
        let threadCount = max(1, min(threads, work.count))
        let results = UnsafeMutableBufferPointer<ChunkOutput<Local>?>.allocate(capacity: work.count)
        results.initialize(repeating: nil)
        let workerResults = UnsafeMutableBufferPointer<Worker?>.allocate(capacity: threadCount)
        workerResults.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
            _ = workerResults.deinitialize()
            workerResults.deallocate()
        }
        // Each chunk and each thread writes only its own slot.
        nonisolated(unsafe) let slots = results
        nonisolated(unsafe) let workerSlots = workerResults
        let queue = ChunkQueue()
        DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
            var state = worker()
            while true {
                let index = queue.take()
                guard index < work.count else { break }
                let (tableIndex, chunk) = work[index]
                let table = tables[tableIndex]
                let file = table.files.files[Int(chunk.file)]
                file.populate(chunk.range)
                var scanner = CSVScanner(file.bytes, range: chunk.range, delimiter: table.files.source.delimiter)
                var chunkState = local()
                var syntax: CSVSyntaxError?
                do throws(CSVSyntaxError) {
                    try body(table.files, chunk, table.firstId + chunk.file, &scanner, &state, &chunkState)
                } catch {
                    syntax = error
                }
                slots[index] = ChunkOutput(state: chunkState, lines: scanner.line, syntax: syntax,
                                           quoteFree: syntax == nil && !scanner.sawQuote && scanner.isAtEnd)
                file.release(chunk.range)
            }
            workerSlots[thread] = state
        }
        var output: [[ChunkOutput<Local>]] = tables.map { _ in [] }
        for (index, (tableIndex, _)) in work.enumerated() {
            if let result = results[index] { output[tableIndex].append(result) }
        }
        return (output, workerResults.compactMap { $0 })
    }
}
