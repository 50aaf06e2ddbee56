import Foundation

/// Bytes of a source file made into text the rest of the pipeline can trust:
/// valid UTF-8, no byte-order mark, `\n` line ends.
enum SourceText {
    enum Failure: Error, Equatable {
        /// The first byte that is not UTF-8, as a 1-based line and column.
        case notUTF8(line: Int, column: Int)
        case binary(line: Int, column: Int)
        /// A control character or a noncharacter, which no HTML page may hold.
        case control(line: Int, column: Int, scalar: UInt32)
    }

    static func decode(_ data: Data) -> Result<String, Failure> {
        decode([UInt8](data))
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.offset(of: 0) {
            let (line, column) = position(of: nul, in: bytes)
            return .failure(.binary(line: line, column: column))
        }
        if let bad = firstInvalidUTF8(bytes) {
            let (line, column) = position(of: bad.offset, in: bytes)
            if let scalar = bad.control { return .failure(.control(line: line, column: column, scalar: scalar)) }
            return .failure(.notUTF8(line: line, column: column))
        }
        guard let firstReturn = bytes.offset(of: 13) else { return .success(String(decoding: bytes, as: UTF8.self)) }
        return .success(String(decoding: unixLineBreaks(bytes, from: firstReturn), as: UTF8.self))
    }

    /// Every "\r\n", then every other "\r", as "\n": a file saved on Windows reads as one
    /// saved anywhere else. On bytes, `from` the first "\r": Foundation's `replacingOccurrences`,
    /// twice over the whole text, took more than half of a build of such files.
    static func unixLineBreaks(_ bytes: [UInt8], from first: Int) -> [UInt8] {
        // (A vector test and a byte test of the same byte: see `ByteSkip`.)
        bytes.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: b.count) { out, written in
                var n = 0, i = 0, run = first
                while true {
                    // Bytes up to the next "\r" are copied as they are.
                    if run > i, let from = b.baseAddress, let to = out.baseAddress {
                        (to + n).initialize(from: from + i, count: run - i)
                        n += run - i
                    }
                    guard run < b.count else { break }
                    if run + 1 < b.count && b[run + 1] == 10 {
                        i = run + 1
                    } else {
                        out[n] = 10
                        n += 1
                        i = run + 1
                    }
                    run = ByteSkip.next(in: b, from: i, vector: returns, scalar: returns)
                }
                written = n
            }
        }
    }

    /// Line and column, the column in characters as every other position.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == 10 {
            line += 1
            lineStart = i + 1
        }
        return (line, characters(in: bytes[lineStart..<offset]) + 1)
    }

    /// Characters (scalars) in UTF-8 bytes: every byte that does not continue a sequence.
    /// Positions count these, as Yams does, whatever counted bytes to find them.
    static func characters<S: Sequence<UInt8>>(in bytes: S) -> Int {
        bytes.reduce(0) { n, b in (b & 0xC0) == 0x80 ? n : n + 1 }
    }

    /// Offset of the first byte that breaks UTF-8, or that starts a character HTML does not
    /// allow (`control`: C0 and C1 controls but tab, line ends and form feed; DEL;
    /// U+FFFE and U+FFFF): cmark and the escaping pass them on, and the page is then invalid.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, control: UInt32?)? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    private static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> (offset: Int, control: UInt32?)? {
        var i = 0
        let n = b.count
        while true {
            // Sixteen bytes at a time past printable ASCII, tab, line ends and form feed (the
            // usual case: a serve rebuild checks every file); the rest one character at a time.
            i = ByteSkip.next(in: b, from: i, vector: stops, scalar: stops)
            guard i < n else { return nil }
            let c = b[i]
            if c < 0x80 { return (i, UInt32(c)) }
            let need: Int
            let min: UInt32
            var cp: UInt32
            switch c {
            case 0xC2...0xDF: need = 1; min = 0x80; cp = UInt32(c & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; cp = UInt32(c & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; cp = UInt32(c & 0x07)
            default: return (i, nil)
            }
            if i + need >= n { return (i, nil) }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return (i, nil) }
                cp = cp << 6 | UInt32(cc & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (0xD800...0xDFFF).contains(cp) { return (i, nil) }
            if (0x80...0x9F).contains(cp) || cp == 0xFFFE || cp == 0xFFFF { return (i, cp) }
            i += need + 1
        }
    }

    /// The bytes `firstInvalidUTF8` must look at: controls but tab, line ends and form feed,
    /// DEL, and every byte of a non-ASCII character.
    @inline(__always)
    static func stops(_ c: UInt8) -> Bool { c >= 0x7F || (c < 0x20 && c != 9 && c != 10 && c != 12 && c != 13) }

    @inline(__always)
    static func stops(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        v .>= ByteSkip.splat(0x7F) .| (v .< ByteSkip.splat(0x20) .& v .!= ByteSkip.splat(9)
            .& v .!= ByteSkip.splat(10) .& v .!= ByteSkip.splat(12) .& v .!= ByteSkip.splat(13))
    }
}

extension SourceText {
    /// "\r", where `unixLineBreaks` stops.
    @inline(__always)
    static func returns(_ c: UInt8) -> Bool { c == 13 }

    @inline(__always)
    static func returns(_ v: ByteSkip.Vector) -> ByteSkip.Mask { v .== ByteSkip.splat(13) }
}

extension Array where Element == UInt8 {
    /// Where `byte` first occurs, by `memchr`: the generic `contains` and `firstIndex(of:)`
    /// went a byte at a time through the collection protocols (6 % of the load stage).
    func offset(of byte: UInt8) -> Int? {
        withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, let hit = memchr(base, Int32(byte), b.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}
