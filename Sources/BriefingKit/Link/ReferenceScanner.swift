import Foundation

/// Finds references in running text: `[[...]]` and the plain mentions
/// "Rec N", "Recommendation N" and "recommendation N".
///
/// Works on one text run at a time (cmark text nodes, merged); it never sees
/// code, HTML or existing links, because the rewriter does not hand them over.
enum ReferenceScanner {
    struct Match: Equatable {
        enum Kind: Equatable {
            /// `[[target]]` or `[[label|target]]`.
            case wiki(target: String, label: String?)
            /// A plain mention of a recommendation number.
            case mention(Int)
        }
        var kind: Kind
        /// UTF-8 byte range in the run.
        var range: Range<Int>
    }

    static func scan(_ text: String) -> [Match] { scan(Array(text.utf8)) }

    static func scan(_ bytes: [UInt8]) -> [Match] {
        bytes.withUnsafeBufferPointer { b in
            var out: [Match] = []
            var i = 0
            while true {
                i = nextCandidate(in: b, from: i)
                guard i < b.count else { break }
                if b[i] == 91, i + 1 < b.count, b[i + 1] == 91, let m = wiki(b, at: i) {  // "[["
                    out.append(m)
                    i = m.range.upperBound
                    continue
                }
                // Else an "R" or "r" that starts a word: all `nextCandidate` stops at besides "[".
                if b[i] != 91, let m = mention(b, at: i) {
                    out.append(m)
                    i = m.range.upperBound
                    continue
                }
                i += 1
            }
            return out
        }
    }

    /// The first index at or after `start` where a reference can start: a `[`, or an `R` or
    /// `r` that starts a word (at the start, or after a byte that is not `isWordByte`).
    /// `ByteSkip` stops at every `r`, one letter in sixteen of English text, so sixteen bytes at
    /// a time gained nothing; here each block is also compared with the bytes before it.
    static func nextCandidate(in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = b.count
        if i == 0, n > 0, isCandidate(b, at: 0) { return 0 }
        i = max(i, 1)
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 16 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: ByteSkip.Vector.self)
                let before = raw.loadUnaligned(fromByteOffset: i - 1, as: ByteSkip.Vector.self)
                if ByteSkip.any(v .== ByteSkip.splat(91) .| ((v | ByteSkip.splat(0x20)) .== ByteSkip.splat(114) .& .!isWordByte(before))) { break }
                i += 16
            }
        }
        while i < n {
            if isCandidate(b, at: i) { return i }
            i += 1
        }
        return n
    }

    /// Whether a reference can start at `i`: what `nextCandidate` stops at.
    @inline(__always)
    static func isCandidate(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        b[i] == 91 || ((b[i] == 82 || b[i] == 114) && (i == 0 || !isWordByte(b[i - 1])))
    }

    /// `isWordByte` in each lane.
    @inline(__always)
    static func isWordByte(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        let lower = v | ByteSkip.splat(0x20)
        return (lower .>= ByteSkip.splat(97) .& lower .<= ByteSkip.splat(122))
            .| (v .>= ByteSkip.splat(48) .& v .<= ByteSkip.splat(57)) .| v .== ByteSkip.splat(95) .| v .>= ByteSkip.splat(128)
    }

    private static func wiki(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        var j = start + 2
        while j + 1 < b.count {
            if b[j] == 93 && b[j + 1] == 93 { break }  // "]]"
            if b[j] == 91 || b[j] == 10 { return nil }  // no nesting, no line breaks
            j += 1
        }
        guard j + 1 < b.count, j > start + 2 else { return nil }
        let inner = String(decoding: b[(start + 2)..<j], as: UTF8.self)
        var end = j + 2
        // cmark leaves "]]" then maybe more; consume exactly two.
        if end > b.count { end = b.count }
        if let bar = inner.lastIndex(of: "|") {
            let label = trimmed(inner[..<bar])
            let target = trimmed(inner[inner.index(after: bar)...])
            return Match(kind: .wiki(target: target, label: label.isEmpty ? nil : label), range: start..<end)
        }
        return Match(kind: .wiki(target: trimmed(inner[...]), label: nil), range: start..<end)
    }

    /// `trimmingCharacters(in: .whitespaces)`, which trims tabs and Unicode space separators
    /// (never an ASCII letter or digit) one scalar at a time through Foundation, so text that
    /// starts and ends with ASCII other than space and tab is returned as it is.
    static func trimmed(_ s: Substring) -> String {
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return "" }
        func kept(_ c: UInt8) -> Bool { c < 0x80 && c != 32 && c != 9 }
        return kept(first) && kept(last) ? String(s) : s.trimmingCharacters(in: .whitespaces)
    }

    private static let words: [[UInt8]] = ["Recommendation", "recommendation", "Rec"].map { Array($0.utf8) }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c >= 128
    }

    private static func mention(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        if start > 0 && isWordByte(b[start - 1]) { return nil }
        for w in words where start + w.count < b.count && b[start..<(start + w.count)].elementsEqual(w) {
            var j = start + w.count
            guard b[j] == 32 || b[j] == 0xC2 else { continue }
            // one space or a no-break space (U+00A0) between word and number
            if b[j] == 0xC2 { guard j + 1 < b.count, b[j + 1] == 0xA0 else { continue }; j += 2 } else { j += 1 }
            let digitsStart = j
            while j < b.count, b[j] >= 48, b[j] <= 57 { j += 1 }
            guard j > digitsStart, j - digitsStart <= 9 else { continue }
            if j < b.count && isWordByte(b[j]) { continue }
            // "Rec 11.13" names a question, not recommendation 11: leave it alone.
            if j + 1 < b.count && b[j] == 46 && b[j + 1] >= 48 && b[j + 1] <= 57 { continue }
            guard let n = Int(String(decoding: b[digitsStart..<j], as: UTF8.self)), n > 0 else { continue }
            return Match(kind: .mention(n), range: start..<j)
        }
        return nil
    }

    /// "11", "Rec 11", "Recommendation 11", "rec 11" → 11.
    static func recommendationNumber(_ s: String) -> Int? {
        var t = Substring(s)
        for prefix in ["recommendation", "rec"] where t.lowercased().hasPrefix(prefix) {
            t = t.dropFirst(prefix.count)
            guard t.first == " " || t.first == "\u{A0}" else { return nil }
            t = t.drop(while: { $0 == " " || $0 == "\u{A0}" })
            break
        }
        guard !t.isEmpty, t.count <= 9, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t), n > 0 else { return nil }
        return n
    }
}
