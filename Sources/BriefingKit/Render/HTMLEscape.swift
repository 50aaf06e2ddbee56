/// swift-mustache's HTML escaping (`<`, `>`, `&`, `"`, `'`), on bytes.
enum HTMLEscape {
    static func append(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        text.readingUTF8 { b in
            var clean = 0
            var i = -1
            while true {
                i = ByteSkip.next(in: b, from: i + 1, vector: stops, scalar: stops)
                guard i < b.count else { break }
                let replacement: StaticString
                switch b[i] {
                case 60: replacement = "&lt;"
                case 62: replacement = "&gt;"
                case 38: replacement = "&amp;"
                case 34: replacement = "&quot;"
                default: replacement = "&#39;"
                }
                // swift-mustache escapes whole Characters: a mark joined to the character keeps it
                // as is. Only invalid UTF-8 beside one is left to Characters.
                guard let alone = ASCIICharacter.standsAlone(b, at: i) else {
                    out.removeLast(out.count - start)
                    characterWise(String(decoding: b, as: UTF8.self), into: &out)
                    return
                }
                guard alone else { continue }
                out.append(contentsOf: b[clean..<i])
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                clean = i + 1
            }
            out.append(contentsOf: b[clean...])
        }
    }

    /// The bytes `append` replaces: `<`, `>`, `&`, `"`, `'`.
    @inline(__always)
    static func stops(_ c: UInt8) -> Bool { c == 60 || c == 62 || c == 38 || c == 34 || c == 39 }

    @inline(__always)
    static func stops(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        v .== ByteSkip.splat(60) .| v .== ByteSkip.splat(62) .| v .== ByteSkip.splat(38)
            .| v .== ByteSkip.splat(34) .| v .== ByteSkip.splat(39)
    }

    private static let table: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]

    private static func characterWise(_ text: String, into out: inout [UInt8]) {
        for c in text {
            if let r = table[c] { out.append(contentsOf: r.utf8) } else { out.append(contentsOf: String(c).utf8) }
        }
    }
}
