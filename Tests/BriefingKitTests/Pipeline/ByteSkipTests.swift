import Foundation
import Testing
@testable import BriefingKit

/// `ByteSkip` lets the escapers and scanners pass sixteen bytes at a time. Each says which
/// bytes stop it twice, for a vector and for a byte; if the two disagreed, a byte would be
/// skipped that should have been escaped. The rules the loops must keep are written here on
/// their own: the old byte loops for JSON and the YAML preflight, a table for HTML and CSV,
/// Swift's UTF-8 parser for the source-text check, `split` for collapsed spaces.
@Suite struct ByteSkipTests {
    typealias Stops = (vector: (ByteSkip.Vector) -> ByteSkip.Mask, scalar: (UInt8) -> Bool)

    static var stops: [(String, Stops)] { [
        ("HTMLEscape", (HTMLEscape.stops, HTMLEscape.stops)),
        ("JSON", (ByteText.jsonStops, ByteText.jsonStops)),
        ("JSON, HTML-safe", (ByteText.jsonStopsHTMLSafe, ByteText.jsonStopsHTMLSafe)),
        ("CSV field", (ByteText.csvSpecial, ByteText.csvSpecial)),
        ("CSV quote", (ByteText.csvQuote, ByteText.csvQuote)),
        ("YAML preflight", (YAMLPreflight.stops, YAMLPreflight.stops)),
        ("source text", (SourceText.stops, SourceText.stops)),
        ("carriage returns", (SourceText.returns, SourceText.returns)),
    ] }

    @Test func everyVectorTestMarksTheLanesItsByteTestAccepts() {
        for (name, s) in Self.stops {
            for first in stride(from: 0, to: 256, by: 16) {
                var v = ByteSkip.Vector()
                for lane in 0..<16 { v[lane] = UInt8(first + lane) }
                let mask = s.vector(v)
                for lane in 0..<16 where mask[lane] != s.scalar(v[lane]) {
                    Issue.record("\(name): byte \(v[lane]) is \(mask[lane] ? "" : "not ")a stop for the vector only")
                }
            }
        }
    }

    @Test func nextFindsTheFirstStopAtAnyPlaceAndLength() {
        var rng = SystemRandomNumberGenerator()
        for (name, s) in Self.stops {
            for _ in 0..<300 {
                let count = Int.random(in: 0...70, using: &rng)
                // Mostly bytes that stop nothing, so that the vector loop runs.
                let bytes = (0..<count).map { _ in Bool.random(using: &rng) && Int.random(in: 0..<8, using: &rng) == 0
                    ? UInt8.random(in: 0...255, using: &rng) : UInt8(ascii: "e") }
                let from = Int.random(in: 0...count, using: &rng)
                let expected = bytes[from...].firstIndex(where: s.scalar) ?? count
                let found = bytes.withUnsafeBufferPointer { ByteSkip.next(in: $0, from: from, vector: s.vector, scalar: s.scalar) }
                #expect(found == expected, "\(name): \(bytes) from \(from)")
            }
        }
    }

    /// Text made of the bytes these loops care about, spaced out by ordinary ones.
    static func randomText(_ rng: inout some RandomNumberGenerator, alphabet: [String], count: ClosedRange<Int> = 0...60) -> String {
        (0..<Int.random(in: count, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test func escapingMatchesTheByteLoops() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["a", "bcdefghijklmnopq", "rst uvw", " ", "<", ">", "&", "\"", "'", "\\", ",", "\n", "\r", "\t",
                        "\u{1}", "\u{1F}", "\u{7F}", "é", "e\u{301}", "\u{2028}", "\u{2029}", "\u{2027}", "—", "🙂",
                        "\u{301}", "\u{903}", "\u{200D}", "\u{600}", "“", "’"]
        for _ in 0..<3000 {
            let s = Self.randomText(&rng, alphabet: alphabet)
            var html: [UInt8] = []
            HTMLEscape.append(s, to: &html)
            #expect(html == Reference.html(s), "HTML: \(s.debugDescription)")
            for htmlSafe in [false, true] {
                var json = ByteText()
                json.append(jsonQuoted: s, htmlSafe: htmlSafe)
                #expect(json.bytes == Reference.json(s, htmlSafe: htmlSafe), "JSON: \(s.debugDescription)")
            }
            var csv = ByteText()
            csv.append(csvField: s)
            #expect(csv.bytes == Reference.csv(s), "CSV: \(s.debugDescription)")
        }
    }

    /// Blocks copied sixteen bytes at a time give what splitting on the Characters gives.
    @Test func collapsedSpacesAreWhatSplittingOnCharactersGives() {
        var rng = SystemRandomNumberGenerator()
        // Marks that extend (U+0301, U+FE0F, a skin tone), a joiner, a spacing mark (U+0903),
        // a prepended one (U+0600), and typography that joins nothing.
        let alphabet = ["word", "abcdefghijklmnopqrstuvwx", "a", " ", " ", " ", "  ", "\n", "\r", "\r\n", "é", "\u{301}",
                        "e\u{301}", "—", "\t", "x", "“", "”", "’", "\u{200D}", "\u{903}", "\u{600}", "\u{FE0F}", "\u{1F3FB}", "\u{1F600}"]
        // Every pattern at every place in a block, the block's last lane included.
        var texts = (0..<40).flatMap { k in
            ["  ", " \n", "\n ", "\n", " \r\n", " \u{301}", "\u{301} ", " ", " “", "” ", " \u{903}", "\u{600} ", " \u{200D}", "\n\u{301}"]
                .map { String(repeating: "x", count: k) + $0 + "yyyyyyyyyyyyyyyyyyyy" }
        }
        texts += (0..<5000).map { _ in Self.randomText(&rng, alphabet: alphabet, count: 0...40) }
        for s in texts {
            let expected = s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(MarkdownDocument.collapseSpaces(Array(s.utf8)) == expected, "\(s.debugDescription)")
        }
    }

    @Test func thePreflightMatchesItsByteLoop() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["a", "key: ", "value text ", " ", "  ", "\t", "- ", "? ", ": ", "-", "*", "*x", "**", "*x*", "*a_1", "*x`", "[", "{", "]", "}",
                        "\n", "\r", "\r\n", ",", "&a ", "\"q\" ", "é", "\u{85}", "\u{2028}"]
        for _ in 0..<5000 {
            var s = Self.randomText(&rng, alphabet: alphabet)
            if Bool.random(using: &rng) {
                // A line whose blanks and indicators come near the depth limit, after other text.
                let indent = Self.randomText(&rng, alphabet: [" ", "\t", "- ", "? ", ": ", "-", "\t-"], count: 45...65)
                s = Self.randomText(&rng, alphabet: alphabet) + ["\n", "\r", "é", ""].randomElement(using: &rng)! + indent + "k: v\n" + s
            }
            #expect(YAMLPreflight.cannotRefuse(s) == Reference.cannotRefuse(s), "\(s.debugDescription)")
        }
    }

    /// Windows' line breaks, and lone carriage returns, become "\n", on scalars: a "\r"
    /// before a "\n" goes, any other becomes one. (Foundation's `replacingOccurrences`, used
    /// before, kept a "\r" that a combining mark follows.) Every place in a block, and random text.
    @Test func everyCarriageReturnBecomesANewline() {
        var rng = SystemRandomNumberGenerator()
        var texts = (0..<40).flatMap { k in
            ["\r\n", "\r", "\r\r\n", "\n\r", "\r\u{301}", "é\r\n"].map { String(repeating: "x", count: k) + $0 + "yyyyyyyyyyyyyyyyyyyy" }
        }
        texts += ["\r", "\r\n", "\r\r", "a\r", "\ra"]
        texts += (0..<3000).map { _ in Self.randomText(&rng, alphabet: ["\r", "\n", "\r\n", "a", "word ", "é", "\u{301}", "  "], count: 0...40) }
        for s in texts {
            let scalars = Array(s.unicodeScalars)
            var kept = String.UnicodeScalarView()
            for (i, c) in scalars.enumerated() {
                if c != "\r" { kept.append(c) } else if i + 1 == scalars.count || scalars[i + 1] != "\n" { kept.append("\n") }
            }
            let expected = String(kept)
            #expect((try? SourceText.decode(Array(s.utf8)).get()) == expected, "\(s.debugDescription)")
        }
    }

    @Test func sourceTextRefusesWhatTheByteLoopRefused() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let count = Int.random(in: 0...60, using: &rng)
            // No NUL (refused before this check) and no byte-order mark (dropped before it).
            var bytes = (0..<count).map { _ -> UInt8 in
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: UInt8.random(in: 1...255, using: &rng)
                case 1: [9, 10, 12, 13, 0x7F, 0x80, 0xBF, 0xC2, 0xE2, 0xEF, 0xF0, 0xF4, 0xF5].randomElement(using: &rng)!
                default: UInt8(ascii: "m")
                }
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let expected: SourceText.Failure? = Reference.firstInvalidUTF8(bytes).map { bad in
                let before = bytes[..<bad.offset]
                let lineStart = (before.lastIndex(of: 10) ?? -1) + 1
                let line = before.filter { $0 == 10 }.count + 1
                let column = bytes[lineStart..<bad.offset].filter { $0 & 0xC0 != 0x80 }.count + 1
                return bad.control.map { .control(line: line, column: column, scalar: $0) } ?? .notUTF8(line: line, column: column)
            }
            let actual: SourceText.Failure? = switch SourceText.decode(bytes) {
            case .success: nil
            case .failure(let failure): failure
            }
            #expect(actual == expected, "\(bytes)")
        }
    }

    /// The loops as they were before `ByteSkip`.
    enum Reference {
        /// swift-mustache's five escapes; Character by Character where one sits beside a byte of
        /// a longer character (a mark joined to it keeps the Character as it is).
        /// swift-mustache's rule: each Character that is one of the five, replaced.
        static func html(_ text: String) -> [UInt8] {
            let table: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
            return Array(text.map { table[$0] ?? String($0) }.joined().utf8)
        }

        static func json(_ s: String, htmlSafe: Bool) -> [UInt8] {
            let utf8 = Array(s.utf8)
            var out: [UInt8] = [34]
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                var width = 1
                let escaped: String
                switch b {
                case 34: escaped = "\\\""
                case 92: escaped = "\\\\"
                case 10: escaped = "\\n"
                case 13: escaped = "\\r"
                case 9: escaped = "\\t"
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escaped = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"; width = 3
                case 60 where htmlSafe: escaped = "\\u003c"
                case 62 where htmlSafe: escaped = "\\u003e"
                case 38 where htmlSafe: escaped = "\\u0026"
                case ..<0x20: escaped = String(format: "\\u%04x", b)
                default: out.append(b); i += 1; continue
                }
                out += Array(escaped.utf8)
                i += width
            }
            return out + [34]
        }

        static func csv(_ s: String) -> [UInt8] {
            let utf8 = Array(s.utf8)
            guard utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 13 || $0 == 10 }) else { return utf8 }
            return [34] + utf8.flatMap { $0 == 34 ? [34, 34] : [$0] } + [34]
        }

        static func cannotRefuse(_ yaml: String) -> Bool {
            var flows = 0, longestPrefix = 0, prefix = 0
            var inPrefix = true
            var last: UInt8 = 10
            let bytes = Array(yaml.utf8)
            for (at, c) in bytes.enumerated() {
                switch c {
                case 10, 13, 0x80...:
                    inPrefix = true; prefix = 0; last = c
                    continue
                case 32, 9:
                    if inPrefix { prefix += 1; longestPrefix = max(longestPrefix, prefix) }
                    continue
                case 42:
                    switch last {
                    case 48...57, 65...90, 97...122, 46, 39, 34, 40, 41, 95, 47, 59, 61, 43, 42: break
                    default: if aliasName(after: bytes[(at + 1)...]) { return false }
                    }
                case 91, 123:
                    flows += 1
                default:
                    break
                }
                if inPrefix {
                    if c == 45 || c == 63 || c == 58 { prefix += 1; longestPrefix = max(longestPrefix, prefix) } else { inPrefix = false }
                }
                last = c
            }
            return longestPrefix + 1 + flows <= YAMLPreflight.maxDepth
        }

        /// libyaml's alias: one or more of `[0-9A-Za-z_-]`, then the end, a blank, a break
        /// (any byte past ASCII may start one) or one of `?:,]}%@` and the backtick.
        static func aliasName(after rest: ArraySlice<UInt8>) -> Bool {
            let nameBytes = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-".utf8)
            let name = rest.prefix { nameBytes.contains($0) }
            guard !name.isEmpty else { return false }
            guard let next = rest.dropFirst(name.count).first else { return true }
            return next >= 0x80 || Set(" \t\r\n\0?:,]}%@`".utf8).contains(next)
        }

        /// Swift's own UTF-8 parser, then the scalars HTML refuses: controls but tab, line feed,
        /// form feed and carriage return; DEL; C1 controls; U+FFFE and U+FFFF.
        static func firstInvalidUTF8(_ b: [UInt8]) -> (offset: Int, control: UInt32?)? {
            var parser = Unicode.UTF8.ForwardParser()
            var bytes = b.makeIterator()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &bytes) {
                case .valid(let encoded):
                    let v = Unicode.UTF8.decode(encoded).value
                    if (v < 0x20 && ![9, 10, 12, 13].contains(v)) || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF {
                        return (offset, v)
                    }
                    offset += encoded.count
                case .error:
                    return (offset, nil)
                case .emptyInput:
                    return nil
                }
            }
        }
    }

    /// The link scanner's own skip compares each block with the bytes before it, to pass an `r`
    /// inside a word: it must stop at every `[` and every `R` or `r` that starts a word, as a
    /// byte-by-byte look with the word rule written out here does.
    @Test func theReferenceScannerStopsAtEveryPossibleStart() {
        let alphabet = Array("[]Rr ec1_-\n".utf8) + [0xC3, 0xA9, 0x40, 0x60, 0x7B, 0x5A, 0x61]
        func word(_ c: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_") || c >= 0x80
        }
        func starts(_ b: [UInt8], _ j: Int) -> Bool {
            b[j] == UInt8(ascii: "[") || ((b[j] == UInt8(ascii: "R") || b[j] == UInt8(ascii: "r")) && (j == 0 || !word(b[j - 1])))
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...90, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            bytes.withUnsafeBufferPointer { b in
                for from in 0...bytes.count {
                    let expected = (from..<bytes.count).first { starts(bytes, $0) } ?? bytes.count
                    #expect(ReferenceScanner.nextCandidate(in: b, from: from) == expected, "\(bytes) from \(from)")
                }
            }
        }
    }
}
