/// Finding the next byte a scanner must look at, sixteen bytes at a time.
///
/// The escapers and scanners (HTML, JSON, CSV, the front matter's preflight, the link
/// scanner) stop at a handful of byte values in text that is nearly all other bytes. A
/// table look-up per byte cost them 6–8 instructions a byte; one vector comparison covers
/// sixteen, about 1.3 a byte. Each caller says which bytes stop it twice, for a vector and
/// for a byte, and `ByteSkipTests` checks that every caller's two answers agree.
enum ByteSkip {
    typealias Vector = SIMD16<UInt8>
    typealias Mask = SIMDMask<SIMD16<Int8>>

    /// The first index at or after `start` whose byte `stops`, or `b.count`.
    /// `vector` must mark exactly the lanes whose byte `scalar` accepts.
    @inline(__always)
    static func next(in b: UnsafeBufferPointer<UInt8>, from start: Int,
                     vector: (Vector) -> Mask, scalar: (UInt8) -> Bool) -> Int {
        var i = start
        let n = b.count
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 16 <= n {
                if Self.any(vector(raw.loadUnaligned(fromByteOffset: i, as: Vector.self))) { break }
                i += 16
            }
        }
        while i < n {
            if scalar(b[i]) { return i }
            i += 1
        }
        return n
    }

    /// Whether `mask` sets any lane, from its two halves as words: the standard library's
    /// `any` reduces the lanes through a call that is not inlined.
    @inline(__always)
    static func any(_ mask: Mask) -> Bool {
        let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] != 0
    }

    /// A vector of `byte` in every lane, for comparisons.
    @inline(__always)
    static func splat(_ byte: UInt8) -> Vector { Vector(repeating: byte) }
}
