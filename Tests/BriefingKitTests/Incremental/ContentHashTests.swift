import Testing
@testable import BriefingKit

/// Page fingerprints hash values as they are walked (`ContentHash.Stream`): a byte, a
/// word, a run of bytes. Two walks that write the same bytes must agree however the
/// bytes were cut, and any other bytes must not.
@Suite struct ContentHashStreamTests {
    /// One way of feeding `bytes`: each piece as a byte, a little-endian word, or a run.
    static func hash(_ bytes: [UInt8], cuts rng: inout SplitMix) -> ContentHash {
        var s = ContentHash.Stream()
        var i = 0
        while i < bytes.count {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                s.byte(bytes[i]); i += 1
            case 1 where i + 8 <= bytes.count:
                s.word(bytes[i..<(i + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) }); i += 8
            default:
                let n = Int.random(in: 0...min(19, bytes.count - i), using: &rng)
                bytes[i..<(i + n)].withUnsafeBytes { s.bytes($0) }
                i += n
            }
        }
        return s.hash
    }

    /// `length` random bytes.
    static func randomBytes(_ length: Int, _ rng: inout SplitMix) -> [UInt8] {
        (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// A stream fed `bytes` as one run.
    static func stream(of bytes: [UInt8]) -> ContentHash.Stream {
        var s = ContentHash.Stream()
        bytes.withUnsafeBytes { s.bytes($0) }
        return s
    }

    @Test func theSameBytesCutAnyWayGiveTheSameHash() {
        var rng = SplitMix(seed: 7)
        for length in 0..<70 {
            let bytes = Self.randomBytes(length, &rng)
            let whole = Self.stream(of: bytes)
            for _ in 0..<20 {
                #expect(Self.hash(bytes, cuts: &rng) == whole.hash, "length \(length)")
            }
        }
    }

    /// Padding to a word adds the zeros `bytes` would, wherever the stream stands.
    @Test func paddingIsZerosToTheNextWord() {
        var rng = SplitMix(seed: 5)
        for length in 0..<40 {
            let bytes = Self.randomBytes(length, &rng)
            var padded = Self.stream(of: bytes)
            padded.padToWord()
            padded.word(0x0102_0304_0506_0708)
            var zeros = Self.stream(of: bytes + [UInt8](repeating: 0, count: (8 - length % 8) % 8))
            zeros.word(0x0102_0304_0506_0708)
            #expect(padded.hash == zeros.hash, "length \(length)")
        }
    }

    @Test func otherBytesGiveAnotherHash() {
        var rng = SplitMix(seed: 11)
        var seen: [ContentHash: [UInt8]] = [:]
        func add(_ bytes: [UInt8]) {
            let h = Self.hash(bytes, cuts: &rng)
            if let earlier = seen[h] { #expect(earlier == bytes, "\(earlier) and \(bytes) collide") }
            seen[h] = bytes
        }
        let base = Self.randomBytes(40, &rng)
        for length in 0...base.count { add(Array(base[..<length])) }
        // Trailing zero bytes still count: the length goes in.
        for zeros in 1...16 { add(base + [UInt8](repeating: 0, count: zeros)) }
        for i in base.indices {
            var flipped = base
            flipped[i] ^= 1
            add(flipped)
        }
        #expect(seen.count == base.count + 1 + 16 + base.count)
    }
}

/// `ContentHash` of whole buffers (every source and every output file, in the build
/// state): four lanes over 32-byte blocks, eight bytes at a time after. Any one bit,
/// any length and any order of the words must count.
@Suite struct ContentHashTests {
    @Test func everyBitLengthAndWordOrderCounts() {
        var rng = SplitMix(seed: 5)
        var seen: [ContentHash: [UInt8]] = [:]
        var inputs: Set<[UInt8]> = []
        func add(_ bytes: [UInt8]) {
            let h = ContentHash(bytes)
            if let earlier = seen[h] { #expect(earlier == bytes, "\(earlier.count) and \(bytes.count) bytes collide") }
            seen[h] = bytes
            inputs.insert(bytes)
        }
        for length in [0, 1, 7, 8, 31, 32, 63, 64, 65, 96, 127, 128, 200, 257] {
            let base = ContentHashStreamTests.randomBytes(length, &rng)
            add(base)
            for bit in stride(from: 0, to: length * 8, by: max(1, length / 3)) {
                var flipped = base
                flipped[bit / 8] ^= UInt8(1 << (bit % 8))
                add(flipped)
            }
            // Two words swapped, in a block and across blocks.
            for (x, y) in [(0, 8), (8, 24), (0, 32), (40, 64)] where y + 8 <= length {
                var swapped = base
                for k in 0..<8 { swapped.swapAt(x + k, y + k) }
                if swapped != base { add(swapped) }
            }
        }
        for zeros in 0...130 { add([UInt8](repeating: 0, count: zeros)) }
        #expect(seen.count == inputs.count)
        #expect(inputs.count > 400)
    }

    @Test func equalBytesHashEqualFromEveryEntry() {
        let text = String(repeating: "Question 1.1: why? ", count: 20)
        #expect(ContentHash(text) == ContentHash(Array(text.utf8)))
        #expect(ContentHash(text) != ContentHash(text + " "))
    }
}
