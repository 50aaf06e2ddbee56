/// swift-mustache's HTML escaping (`<`, `>`, `&`, `"`, `'`), on bytes.
enum HTMLEscape {
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        let start = out.count
        text.withUTF8 { b in
            var clean = 0
            for i in 0..<b.count {
                let c = b[i]
                let replacement: StaticString
                switch c {
                case 60: replacement = "&lt;"
                case 62: replacement = "&gt;"
                case 38: replacement = "&amp;"
                case 34: replacement = "&quot;"
                case 39: replacement = "&#39;"
                default: continue
                }
                // swift-mustache escapes whole Characters: a mark joined to the character keeps it as is.
                if (i + 1 < b.count && b[i + 1] >= 0x80) || (i > 0 && b[i - 1] >= 0x80) {
                    out.removeLast(out.count - start)
                    characterWise(String(decoding: b, as: UTF8.self), into: &out)
                    return
                }
                out.append(contentsOf: b[clean..<i])
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                clean = i + 1
            }
            out.append(contentsOf: b[clean...])
        }
    }

    private static let table: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]

    private static func characterWise(_ text: String, into out: inout [UInt8]) {
        for c in text {
            if let r = table[c] { out.append(contentsOf: r.utf8) } else { out.append(contentsOf: String(c).utf8) }
        }
    }
}
