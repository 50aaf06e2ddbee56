/// Finds what a browser would run from a page: `<script>` without `src`, event-handler
/// attributes, `style` attributes and elements (the theme's Content-Security-Policy
/// forbids inline styles), embedding elements, and `javascript:`, `vbscript:` or
/// `data:` URLs.
///
/// A small start-tag reader, not an HTML parser: it only has to agree with browsers on
/// what a tag and an attribute are in the HTML that cmark and the templates write, and it
/// errs towards reporting. The hardening tests and the fuzz target both use it as their
/// oracle, so it lives in the library.
public enum ActiveContentScanner {
    public struct Finding: Hashable, Sendable, CustomStringConvertible {
        /// UTF-8 offset of the tag's `<`.
        public var offset: Int
        public var what: String
        public var description: String { "at byte \(offset): \(what)" }
    }

    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background", "cite"]
    static let embedding: Set<String> = ["iframe", "frame", "object", "embed", "base", "applet"]
    static let dangerousSchemes = ["javascript:", "vbscript:", "data:"]

    public static func scan(_ html: String) -> [Finding] {
        let b = Array(html.utf8)
        var findings: [Finding] = []
        var i = 0
        while i < b.count {
            guard b[i] == 60 /* < */, i + 1 < b.count else { i += 1; continue }
            if b[i + 1] == 33 /* ! */ {
                i = skip(b, from: i, past: b[i...].starts(with: Array("<!--".utf8)) ? "-->" : ">")
                continue
            }
            guard isLetter(b[i + 1]) else { i += 1; continue }
            let start = i
            let (tag, attributes, end) = readTag(b, at: i)
            i = end
            for (name, value) in attributes {
                if name.hasPrefix("on") { findings.append(Finding(offset: start, what: "event-handler attribute \(name) on <\(tag)>")) }
                if name == "style" { findings.append(Finding(offset: start, what: "style attribute on <\(tag)>")) }
                if urlAttributes.contains(name), let scheme = dangerousScheme(value) {
                    findings.append(Finding(offset: start, what: "\(scheme) URL in \(name) of <\(tag)>"))
                }
            }
            if tag == "meta", attributes.contains(where: { $0.name == "http-equiv" && $0.value.lowercased() == "refresh" }) {
                findings.append(Finding(offset: start, what: "<meta http-equiv=refresh>"))
            }
            if embedding.contains(tag) { findings.append(Finding(offset: start, what: "<\(tag)> element")) }
            switch tag {
            case "script":
                if !attributes.contains(where: { $0.name == "src" }) { findings.append(Finding(offset: start, what: "inline <script> without src")) }
                i = skip(b, from: i, past: "</script")
            case "style":
                findings.append(Finding(offset: start, what: "inline <style> element"))
                i = skip(b, from: i, past: "</style")
            case "title", "textarea":
                i = skip(b, from: i, past: "</" + tag)  // text only, whatever it looks like
            default: break
            }
        }
        return findings
    }

    /// A start tag's name, its attributes (names lower-cased, values with character
    /// references decoded) and the offset after its `>`.
    static func readTag(_ b: [UInt8], at start: Int) -> (String, [(name: String, value: String)], Int) {
        var i = start + 1
        let nameStart = i
        while i < b.count, !isSpace(b[i]), b[i] != 62, b[i] != 47 { i += 1 }
        let tag = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
        var attributes: [(name: String, value: String)] = []
        while i < b.count {
            while i < b.count, isSpace(b[i]) || b[i] == 47 { i += 1 }
            guard i < b.count, b[i] != 62 else { break }
            let n0 = i
            while i < b.count, !isSpace(b[i]), b[i] != 62, b[i] != 47, b[i] != 61 || i == n0 { i += 1 }
            let name = String(decoding: b[n0..<i], as: UTF8.self).lowercased()
            while i < b.count, isSpace(b[i]) { i += 1 }
            var value = ""
            if i < b.count, b[i] == 61 /* = */ {
                i += 1
                while i < b.count, isSpace(b[i]) { i += 1 }
                if i < b.count, b[i] == 34 || b[i] == 39 {
                    let quote = b[i]
                    let v0 = i + 1
                    i = v0
                    while i < b.count, b[i] != quote { i += 1 }
                    value = String(decoding: b[v0..<min(i, b.count)], as: UTF8.self)
                    i += 1
                } else {
                    let v0 = i
                    while i < b.count, !isSpace(b[i]), b[i] != 62 { i += 1 }
                    value = String(decoding: b[v0..<i], as: UTF8.self)
                }
            }
            attributes.append((name, decodeReferences(value)))
        }
        return (tag, attributes, min(i + 1, b.count))
    }

    /// The scheme a browser would see: references decoded, tabs, newlines and
    /// control characters dropped (browsers ignore them inside a scheme), lower case.
    static func dangerousScheme(_ value: String) -> String? {
        let squeezed = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })).lowercased()
        return dangerousSchemes.first { squeezed.hasPrefix($0) }
    }

    static func decodeReferences(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let named = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "lpar": "(", "rpar": ")"]
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let end = after.firstIndex(of: ";") ?? after.endIndex
            let body = after[..<end]
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = named[body.lowercased()]
            }
            if let decoded, end < after.endIndex {
                out += decoded
                rest = after[after.index(after: end)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func skip(_ b: [UInt8], from i: Int, past marker: String) -> Int {
        let m = Array(marker.utf8)
        var j = i
        while j + m.count <= b.count {
            if b[j..<(j + m.count)].elementsEqual(m, by: { lower($0) == $1 }) { return j + m.count }
            j += 1
        }
        return b.count
    }

    private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
    private static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 12 || c == 13 }
}
