#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 4 MiB buffer, with the few cell spellings a loan tape needs appended as
/// bytes: the tape generator writes ≈100 bytes a row for 10M rows, and a `String` per cell would cost
/// more than everything else it does.
final class ByteWriter {
    private let descriptor: Int32
    private let path: String
    private let capacity = 4 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    /// Bytes written so far (flushed or not).
    private(set) var written = 0

    init(path: String) throws(GeneratorError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw GeneratorError("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        if descriptor >= 0 { close(descriptor) }
    }

    /// Room for `bytes` more bytes; a cell is never split across flushes because each append asks first.
    @inline(__always)
    private func reserve(_ bytes: Int) throws(GeneratorError) {
        if count + bytes > capacity { try flush() }
    }

    func flush() throws(GeneratorError) {
        var offset = 0
        while offset < count {
            let result = write(descriptor, buffer + offset, count - offset)
            guard result > 0 else { throw GeneratorError("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += result
        }
        written += count
        count = 0
    }

    /// Flushes and closes the file.
    func finish() throws(GeneratorError) {
        try flush()
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw GeneratorError("cannot sync \(path)") }
    }

    @inline(__always)
    func byte(_ value: UInt8) throws(GeneratorError) {
        try reserve(1)
        buffer[count] = value
        count += 1
    }

    func text(_ value: String) throws(GeneratorError) {
        let utf8 = value.utf8
        if utf8.count > capacity {
            for byte in utf8 { try self.byte(byte) }
            return
        }
        try reserve(utf8.count)
        for byte in utf8 {
            buffer[count] = byte
            count += 1
        }
    }

    /// Bytes prepared once (an institution id with its comma, a date).
    @inline(__always)
    func bytes(_ value: UnsafeBufferPointer<UInt8>) throws(GeneratorError) {
        try reserve(value.count)
        (buffer + count).update(from: value.baseAddress.unsafelyUnwrapped, count: value.count)
        count += value.count
    }

    /// A non-negative integer in decimal, at least `width` digits (zero-padded).
    @inline(__always)
    func integer(_ value: Int, width: Int = 1) throws(GeneratorError) {
        try reserve(24)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[23 - length] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                rest /= 10
                length += 1
            } while rest > 0 || length < width
            for index in 0..<length { buffer[count + index] = scratch[24 - length + index] }
        }
        count += length
    }

    /// Fen as yuan with two decimals: `12345` → `123.45`.
    @inline(__always)
    func money(fen: Int) throws(GeneratorError) {
        try integer(fen / 100)
        try byte(UInt8(ascii: "."))
        try integer(fen % 100, width: 2)
    }

    /// Hundredths of a percent as a percentage without trailing zeros: `2401` → `24.01%`, `2350` →
    /// `23.5%`, `2400` → `24%`.
    @inline(__always)
    func percent(hundredths: Int) throws(GeneratorError) {
        try integer(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            try byte(UInt8(ascii: "."))
            if fraction % 10 == 0 {
                try integer(fraction / 10)
            } else {
                try integer(fraction, width: 2)
            }
        }
        try byte(UInt8(ascii: "%"))
    }

    /// `digits` lowercase hexadecimal digits of `value`.
    @inline(__always)
    func hex(_ value: UInt64, digits: Int) throws(GeneratorError) {
        try reserve(digits)
        for index in 0..<digits {
            let nibble = UInt8(truncatingIfNeeded: (value >> UInt64(4 * (digits - 1 - index))) & 0xF)
            buffer[count + index] = nibble < 10 ? 48 + nibble : 87 + nibble
        }
        count += digits
    }
}

/// A generator failure (the file system said no, or the arguments are out of range).
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
