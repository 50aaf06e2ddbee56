/// Escaping for XML text and attribute values (feed.xml, sitemap.xml).
extension ByteText {
    /// Escapes the five markup characters and drops the control characters
    /// XML 1.0 forbids outright, which would make the whole feed unreadable:
    /// C0 controls other than tab, LF and CR, and the noncharacters U+FFFE and
    /// U+FFFF (UTF-8 `EF BF BE` and `EF BF BF`; `EF` is always a lead byte).
    mutating func append(xmlEscaped s: String) {
        s.readingUTF8 { utf8 in
            var run = 0  // start of the bytes not yet copied
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                let replacement: StaticString
                var width = 1
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&apos;"
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    i += 1; continue
                case ..<0x20:
                    replacement = ""
                case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                    replacement = ""; width = 3
                default:
                    i += 1; continue
                }
                append(utf8, run..<i)
                append(replacement)
                i += width
                run = i
            }
            append(utf8, run..<utf8.count)
        }
    }
}
