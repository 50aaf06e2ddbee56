/// A 128-bit fingerprint of bytes, stable across runs and machines (Swift's
/// `Hasher` is seeded per process), to tell whether a file changed since the
/// last build. Two multiply-rotate lanes over 8-byte words: not for adversaries,
/// only against accidental equality, which at 128 bits does not happen.
struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    let a: UInt64
    let b: UInt64

    init(a: UInt64, b: UInt64) { self.a = a; self.b = b }

    init(_ bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        // Four lanes that do not wait on each other over 32 bytes at a time: every page and
        // every source is hashed, and one chain of multiplies left the core mostly waiting.
        if n >= 64 {
            var lanes: (UInt64, UInt64, UInt64, UInt64) = (a, b, a ^ 0x6A09_E667_F3BC_C909, b ^ 0xBB67_AE85_84CA_A73B)
            while i + 32 <= n {
                lanes.0 = Self.stepA(lanes.0, Self.load(bytes, i))
                lanes.1 = ((lanes.1 ^ Self.load(bytes, i + 8)) &* 0x4CF5_AD43_2745_937F).rotatedLeft(29)
                lanes.2 = ((lanes.2 ^ Self.load(bytes, i + 16)) &* 0x87C3_7B91_1142_53D5).rotatedLeft(27)
                lanes.3 = ((lanes.3 ^ Self.load(bytes, i + 24)) &* 0x4CF5_AD43_2745_937F).rotatedLeft(33)
                i += 32
            }
            a = Self.finish(lanes.0) ^ lanes.2.rotatedLeft(17)
            b = Self.finish(lanes.1) ^ lanes.3.rotatedLeft(23)
        }
        while i + 8 <= n {
            let w = Self.load(bytes, i)
            a = Self.stepA(a, w)
            b = Self.stepB(b, w) ^ a
            i += 8
        }
        let tail = Self.partial(bytes, i, n - i)
        a = Self.stepA(a, tail)
        b = Self.stepB(b, tail) ^ a
        self.a = Self.finish(a)
        self.b = Self.finish(b ^ (a >> 17))
    }

    /// The two lanes' multiply-rotate steps, for `ContentHash` and its `Stream`.
    @inline(__always) private static func stepA(_ x: UInt64, _ w: UInt64) -> UInt64 { ((x ^ w) &* 0x87C3_7B91_1142_53D5).rotatedLeft(31) }
    @inline(__always) private static func stepB(_ x: UInt64, _ w: UInt64) -> UInt64 { ((x &+ w) &* 0x4CF5_AD43_2745_937F).rotatedLeft(29) }

    /// Eight bytes from `at`, little-endian.
    private static func load(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// `k` (< 8) bytes from `at` as the low bytes of a word: two loads that may overlap,
    /// whose shared bytes agree, rather than a byte at a time (most strings are short).
    private static func partial(_ p: UnsafeRawBufferPointer, _ at: Int, _ k: Int) -> UInt64 {
        func load<T: FixedWidthInteger>(_ t: T.Type, _ from: Int) -> UInt64 {
            UInt64(T(littleEndian: p.loadUnaligned(fromByteOffset: from, as: T.self)))
        }
        switch k {
        case 4...: return load(UInt32.self, at) | load(UInt32.self, at + k - 4) << (8 * (k - 4))
        case 2...: return load(UInt16.self, at) | load(UInt16.self, at + k - 2) << (8 * (k - 2))
        case 1: return UInt64(p[at])
        default: return 0
        }
    }

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { ContentHash($0) }
    }

    init(_ text: String) {
        self = text.readingUTF8 { ContentHash(UnsafeRawBufferPointer($0)) }
    }

    /// Two lanes fed piece by piece, for values written as they are walked
    /// (`PageFingerprint.Writer`): hashing a string where it lies instead of copying it
    /// into a buffer first. Even words of the stream go to one lane and odd words to the
    /// other, so that neither waits on the other's multiply, and by their place in the
    /// stream, so that the same bytes give the same hash however they were cut. Its
    /// results are its own, not `ContentHash(bytes)`'s for the same bytes.
    struct Stream {
        private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
        private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        /// Bytes not yet a whole word, from the lowest; `held` of them.
        private var pending: UInt64 = 0
        private var held: UInt64 = 0
        private var count: UInt64 = 0
        /// Whole words mixed so far: which lane takes the next.
        private var words: UInt64 = 0

        init() {}

        @inline(__always) private mutating func mix(_ w: UInt64) {
            if words & 1 == 0 { a = ContentHash.stepA(a, w) } else { b = ContentHash.stepB(b, w) }
            words &+= 1
        }

        mutating func byte(_ x: UInt8) {
            pending |= UInt64(x) << (held &* 8)
            held += 1
            count += 1
            if held == 8 { mix(pending); pending = 0; held = 0 }
        }

        /// Eight bytes, little-endian, as `bytes` would take them.
        mutating func word(_ w: UInt64) {
            count += 8
            if held == 0 { mix(w); return }
            mix(pending | w << (held &* 8))
            pending = w >> (64 - held &* 8)
        }

        mutating func bytes(_ p: UnsafeRawBufferPointer) {
            var i = 0
            let n = p.count
            count += UInt64(n)
            if held != 0 {
                // Complete the word begun before, or add to it and stop.
                let take = min(8 - Int(held), n)
                pending |= ContentHash.partial(p, 0, take) << (held &* 8)
                held += UInt64(take)
                i = take
                guard held == 8 else { return }
                mix(pending)
                pending = 0
                held = 0
            }
            // Two words at a time, one to each lane, from an even place.
            if words & 1 == 1, i + 8 <= n { mix(ContentHash.load(p, i)); i += 8 }
            while i + 16 <= n {
                a = ContentHash.stepA(a, ContentHash.load(p, i))
                b = ContentHash.stepB(b, ContentHash.load(p, i + 8))
                words &+= 2
                i += 16
            }
            if i + 8 <= n { mix(ContentHash.load(p, i)); i += 8 }
            if i < n {
                pending = ContentHash.partial(p, i, n - i)
                held = UInt64(n - i)
            }
        }

        /// Zeros up to the next whole word, as `bytes` of them would add: a writer that starts
        /// every value on a word boundary keeps the stream from shifting words across one.
        mutating func padToWord() {
            guard held != 0 else { return }
            count += 8 - held
            mix(pending)
            pending = 0
            held = 0
        }

        var hash: ContentHash {
            var s = self
            s.mix(s.pending ^ (s.held << 56))
            s.mix(s.count)
            return ContentHash(a: ContentHash.finish(s.a ^ s.b.rotatedLeft(19)), b: ContentHash.finish(s.b ^ (s.a >> 17)))
        }
    }

    private static func finish(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33; x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33; x &*= 0xC4CE_B9FE_1A85_EC53
        return x ^ (x >> 33)
    }

    var description: String {
        var digits: [UInt8] = []
        appendHex(to: &digits)
        return String(decoding: digits, as: UTF8.self)
    }

    /// `description`'s 32 digits, appended as bytes.
    func appendHex(to out: inout [UInt8]) {
        for word in [a, b] {
            for shift in stride(from: 60, through: 0, by: -4) {
                let v = UInt8((word >> UInt64(shift)) & 15)
                out.append(v < 10 ? 48 + v : 87 + v)
            }
        }
    }

    /// 32 lower-case hex digits, as `description` writes them.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 32 else { return nil }
        // Without a branch per digit: digits and letters come in no order a branch predictor
        // could learn, and a build with nothing to do reads 2,700 of these at 10,000 questions.
        func word(_ from: Int) -> UInt64? {
            var w: UInt64 = 0
            var valid: UInt8 = 1
            for i in from..<(from + 16) {
                let c = hex[i]
                let digit = c &- 48, letter = c &- 97
                let isDigit: UInt8 = digit < 10 ? 1 : 0
                valid &= isDigit | (letter < 6 ? 1 : 0)
                w = w << 4 | UInt64(isDigit == 1 ? digit : letter &+ 10)
            }
            return valid == 1 ? w : nil
        }
        guard let a = word(0), let b = word(16) else { return nil }
        self.a = a
        self.b = b
    }
}

private extension UInt64 {
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
