internal import CSHA256

/// SHA-256 (FIPS 180-4) of bytes, for the reproducibility stamp of reports (pack and input digests).
///
/// A small self-contained implementation so the tool needs no cryptography package just to fingerprint
/// its inputs; it is checked against the standard test vectors.
public enum SHA256 {
    /// The processor has the SHA extensions: whole blocks go to `CSHA256` (≈5× faster).
    private static let accelerated = csha256_accelerated() == 1

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The lowercase hex digest of `bytes`.
    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hexText(digest(bytes))
    }

    /// The lowercase hex digest of `bytes`, calling `hashed` after each `window` bytes (whole blocks)
    /// are hashed and with the rest at the end: a caller hashing a mapped file gives its pages back as
    /// it goes.
    public static func hex(_ bytes: UnsafeRawBufferPointer, window: Int, hashed: (Range<Int>) -> Void) -> String {
        hexText(digest(of: bytes.assumingMemoryBound(to: UInt8.self), window: window, hashed: hashed))
    }

    /// The lowercase hex digest of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var text = text
        return hexText(text.withUTF8 { digest(of: $0) })
    }

    private static func hexText(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ digest(of: $0) }) { return digest }
        return Array(bytes).withUnsafeBufferPointer { digest(of: $0) }
    }

    /// Hashes the whole blocks in place and only the padded tail in a small buffer: every input file is
    /// hashed for the report's stamp, and copying each file to pad it cost as much as a tenth of the hashing.
    private static func digest(of message: UnsafeBufferPointer<UInt8>, window: Int = Int.max,
                               hashed: (Range<Int>) -> Void = { _ in }) -> [UInt8] {
        var state = initialState
        let wholeBlocks = message.count / 64
        let blocksPerWindow = max(1, window / 64)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            var windowStart = 0
            if accelerated, let base = message.baseAddress {
                while windowStart < wholeBlocks * 64 {
                    let blocks = min(blocksPerWindow, wholeBlocks - windowStart / 64)
                    withUnsafeMutableBytes(of: &state) { words in
                        guard let words = words.baseAddress?.assumingMemoryBound(to: UInt32.self) else { return }
                        csha256_blocks(words, base + windowStart, blocks)
                    }
                    hashed(windowStart..<(windowStart + blocks * 64))
                    windowStart += blocks * 64
                }
            }
            for block in (windowStart / 64)..<wholeBlocks {
                compress(UnsafeBufferPointer(rebasing: message[(block * 64)..<(block * 64 + 64)]), into: &state, schedule: schedule)
                if (block + 1) % blocksPerWindow == 0 {
                    hashed(windowStart..<((block + 1) * 64))
                    windowStart = (block + 1) * 64
                }
            }
            // The rest of the message, the 0x80 marker, zeros and the 64-bit length: one block or two.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                let rest = message.count - wholeBlocks * 64
                let tailCount = rest < 56 ? 64 : 128
                tail.initialize(repeating: 0)
                for index in 0..<rest { tail[index] = message[wholeBlocks * 64 + index] }
                tail[rest] = 0x80
                let bitLength = UInt64(message.count) &* 8
                for index in 0..<8 { tail[tailCount - 1 - index] = UInt8(truncatingIfNeeded: bitLength &>> UInt64(index * 8)) }
                let padded = UnsafeBufferPointer(tail)
                compress(UnsafeBufferPointer(rebasing: padded[0..<64]), into: &state, schedule: schedule)
                if tailCount == 128 { compress(UnsafeBufferPointer(rebasing: padded[64..<128]), into: &state, schedule: schedule) }
                if windowStart < message.count { hashed(windowStart..<message.count) }
            }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            for shift in [24, 16, 8, 0] as [UInt32] { digest.append(UInt8(truncatingIfNeeded: word &>> shift)) }
        }
        return digest
    }

    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    private static let initialState: State =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

    /// One 64-byte block. Raw buffers keep the rounds free of bounds checks and reference counting.
    private static func compress(_ block: UnsafeBufferPointer<UInt8>, into state: inout State, schedule w: UnsafeMutableBufferPointer<UInt32>) {
        for t in 0..<16 {
            let i = t &* 4
            w[t] = UInt32(block[i]) &<< 24 | UInt32(block[i &+ 1]) &<< 16 | UInt32(block[i &+ 2]) &<< 8 | UInt32(block[i &+ 3])
        }
        for t in 16..<64 {
            let s0 = rotate(w[t &- 15], 7) ^ rotate(w[t &- 15], 18) ^ (w[t &- 15] &>> 3)
            let s1 = rotate(w[t &- 2], 17) ^ rotate(w[t &- 2], 19) ^ (w[t &- 2] &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
        }
        k.withUnsafeBufferPointer { k in
            var (a, b, c, d, e, f, g, hh) = state
            for t in 0..<64 {
                let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                let choice = (e & f) ^ (~e & g)
                let temp1 = hh &+ s1 &+ choice &+ k[t] &+ w[t]
                let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = s0 &+ majority
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ hh)
        }
    }

    /// Masking shifts (`&>>`, `&<<`): the amounts are constants below 32, and the plain operators'
    /// checks for larger amounts kept the compiler from emitting one rotate instruction.
    @inline(__always)
    private static func rotate(_ value: UInt32, _ amount: UInt32) -> UInt32 {
        (value &>> amount) | (value &<< (32 &- amount))
    }
}
