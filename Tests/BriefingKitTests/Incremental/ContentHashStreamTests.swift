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

    @Test func theSameBytesCutAnyWayGiveTheSameHash() {
        var rng = SplitMix(seed: 7)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var whole = ContentHash.Stream()
            bytes.withUnsafeBytes { whole.bytes($0) }
            for _ in 0..<20 {
                #expect(Self.hash(bytes, cuts: &rng) == whole.hash, "length \(length)")
            }
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
        let base = (0..<40).map { _ in UInt8.random(in: 0...255, using: &rng) }
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
