/// JSON written straight into bytes: the exports' objects, line breaks and string
/// literals. Every export keeps the key order it is given, so it is byte-identical from
/// run to run (Foundation's encoders sort keys on request but escape `/` and format
/// numbers differently across platforms).
extension ByteText {
    /// A JSON object: `{`, each field's quoted `key` and its value (written by `value`) apart
    /// by `,`, `}`, or `{}` without fields; each field on a line of its own when `indent` is set.
    /// A field whose `key` is nil is left out. The one writer of an object's punctuation, for
    /// the exports, which write their values straight (`SearchIndex`, `QuestionsJSON`).
    mutating func appendJSONObject<Fields: Sequence>(_ fields: Fields, indent: Int?, level: Int,
                                                    key: (Fields.Element) -> String?,
                                                    value: (inout ByteText, Fields.Element) -> Void) {
        var empty = true
        for field in fields {
            guard let name = key(field) else { continue }
            append(byte: UInt8(ascii: empty ? "{" : ","))
            empty = false
            appendJSONLineBreak(indent: indent, level: level + 1)
            append(jsonQuoted: name)
            append(indent == nil ? ":" : ": " as StaticString)
            value(&self, field)
        }
        guard !empty else { append("{}" as StaticString); return }
        appendJSONLineBreak(indent: indent, level: level)
        append(byte: UInt8(ascii: "}"))
    }

    /// A line break and `level` indents, when `indent` is set; nothing in compact JSON.
    mutating func appendJSONLineBreak(indent: Int?, level: Int) {
        guard let indent else { return }
        append(byte: UInt8(ascii: "\n"))
        append(byte: UInt8(ascii: " "), count: indent * level)
    }

    /// `s` as a JSON string literal, quotes included.
    ///
    /// RFC 8259 escaping, plus U+2028/U+2029 (UTF-8 `E2 80 A8` and `E2 80 A9`;
    /// `E2` is always a lead byte), which older JavaScript engines reject inside
    /// string literals (the index is also loaded as a script). Other controls
    /// become `\u00xx` with lowercase hex digits. `htmlSafe` also escapes `<`, `>`
    /// and `&`, so the literal can sit inside an HTML `<script>` element without ending it.
    mutating func append(jsonQuoted s: String, htmlSafe: Bool = false) {
        append(byte: UInt8(ascii: "\""))
        s.readingUTF8 { utf8 in
            var run = 0  // start of the bytes not yet copied
            var i = 0
            while true {
                i = htmlSafe
                    ? ByteSkip.next(in: utf8, from: i, vector: Self.jsonStopsHTMLSafe, scalar: Self.jsonStopsHTMLSafe)
                    : ByteSkip.next(in: utf8, from: i, vector: Self.jsonStops, scalar: Self.jsonStops)
                guard i < utf8.count else { break }
                let b = utf8[i]
                var width = 1
                if b == 0xE2 {
                    guard i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9) else { i += 1; continue }
                    width = 3
                }
                append(utf8, run..<i)
                switch b {
                case UInt8(ascii: "\""): append("\\\"" as StaticString)
                case UInt8(ascii: "\\"): append("\\\\" as StaticString)
                case UInt8(ascii: "\n"): append("\\n" as StaticString)
                case UInt8(ascii: "\r"): append("\\r" as StaticString)
                case UInt8(ascii: "\t"): append("\\t" as StaticString)
                case 0xE2: append(utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029" as StaticString)
                case UInt8(ascii: "<"): append("\\u003c" as StaticString)
                case UInt8(ascii: ">"): append("\\u003e" as StaticString)
                case UInt8(ascii: "&"): append("\\u0026" as StaticString)
                default:
                    // Below 0x20, so `\u00` and two hex digits.
                    func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10 }
                    append("\\u00" as StaticString)
                    append(byte: hexDigit(b >> 4))
                    append(byte: hexDigit(b & 0xF))
                }
                i += width
                run = i
            }
            append(utf8, run..<utf8.count)
        }
        append(byte: UInt8(ascii: "\""))
    }

    /// For `append(jsonQuoted:)`: the bytes escaped in any JSON string (`"`, `\`, controls,
    /// and 0xE2, which may start U+2028 or U+2029), and with them, where `htmlSafe`, `<`, `>`, `&`.
    @inline(__always)
    static func jsonStops(_ c: UInt8) -> Bool { c == 34 || c == 92 || c < 0x20 || c == 0xE2 }

    @inline(__always)
    static func jsonStops(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        v .== ByteSkip.splat(34) .| v .== ByteSkip.splat(92) .| v .< ByteSkip.splat(0x20) .| v .== ByteSkip.splat(0xE2)
    }

    @inline(__always)
    static func jsonStopsHTMLSafe(_ c: UInt8) -> Bool { jsonStops(c) || c == 60 || c == 62 || c == 38 }

    @inline(__always)
    static func jsonStopsHTMLSafe(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        jsonStops(v) .| v .== ByteSkip.splat(60) .| v .== ByteSkip.splat(62) .| v .== ByteSkip.splat(38)
    }
}
