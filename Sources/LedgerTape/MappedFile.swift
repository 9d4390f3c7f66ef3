import Diagnostics

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A file mapped read-only into memory: a loan tape of a gigabyte is scanned by several threads at
/// once without being copied, and a cell is re-read for a message long after its row was processed.
public final class MappedFile: Sendable {
    public let path: String
    /// The bytes of the file; empty for an empty file. Read-only for the object's whole life (the
    /// mapping is private and never written), so any thread may read them.
    nonisolated(unsafe) public let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps `path`; a failure is a located error naming the path and the system's reason.
    public init(path: String) throws(DiagnosticList) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(path, errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw DiagnosticList([.error("cannot read '\(path)': not a regular file", at: nil,
                                         hint: "a loan tape table is a CSV file")])
        }
        let size = Int(status.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw Self.failure(path, errno)
        }
        // The tables are read front to back.
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        mapped = true
    }

    /// A file held in memory (a pack test's inline table).
    public init(path: String, contents: [UInt8]) {
        self.path = path
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(contents.count, 1), alignment: 8)
        buffer.copyBytes(from: contents)
        bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: contents.count)
        mapped = false
    }

    /// Maps the pages of `range` in one call (`MADV_POPULATE_READ`, Linux 5.14+; a no-op elsewhere)
    /// before a thread reads them all: one page fault per page cost more than the scan of a chunk's
    /// bytes once scanned pages are given back.
    public func populate(_ range: Range<Int>) {
        #if os(Linux)
        guard mapped, let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = range.lowerBound / page * page
        let end = min(bytes.count, range.upperBound)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, 22)  // MADV_POPULATE_READ
        #endif
    }

    /// Gives the whole pages of `range` back to the kernel (a scanned chunk): they stay in the page cache
    /// and are faulted in again if read later, but no longer count in the process's resident set.
    public func release(_ range: Range<Int>) {
        guard mapped, let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound >= bytes.count ? (bytes.count + page - 1) / page * page : range.upperBound / page * page
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> DiagnosticList {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return DiagnosticList([.error("cannot read '\(path)': \(reason)", at: nil)])
    }
}
