import Foundation

/// Proves that a built site holds together: every relative `href`, `src` and
/// form `action` in its HTML names a file of the site, and every `#anchor`
/// names an element id in the page it points to.
///
/// It reads the files the build made (in memory, before anything is written),
/// so `briefing check --links` and the tests check exactly what `build` would write.
/// Links with a scheme (https:, mailto:) point outside and are not followed;
/// a leftover `briefing-root:` placeholder, a root-absolute path (which breaks
/// the file:// contract) or a path out of the site is reported as broken.
public struct LinkChecker: Sendable {
    public struct BrokenLink: Hashable, Sendable, CustomStringConvertible {
        /// The page holding the link, relative to the output folder.
        public var page: String
        public var line: Int
        public var column: Int
        /// The attribute's value, entities decoded.
        public var link: String
        public var problem: String

        public var description: String { "\(page):\(line):\(column): error: link \"\(link)\" \(problem)" }

        /// As a diagnostic, with the page shown under `folder` (e.g. "site/").
        public func diagnostic(folder: String = "") -> Diagnostic {
            .error(SourceLocation(path: folder + page, line: line, column: column), "link \"\(link)\" \(problem)")
        }
    }

    static let linkAttributes = [" href=\"", " src=\"", " action=\""]

    public init() {}

    public func check(_ files: [OutputFile]) -> [BrokenLink] {
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var ids: [String: Set<String>] = [:]
        func idsOf(_ path: String) -> Set<String> {
            if let known = ids[path] { return known }
            let found = Set(HTMLAttributes.values(of: [" id=\""], in: String(decoding: byPath[path]?.bytes ?? [], as: UTF8.self)).map(\.value))
            ids[path] = found
            return found
        }

        var broken: [BrokenLink] = []
        for file in files.sorted(by: { $0.path < $1.path }) where OutputFile.isPage(file.path) {
            let html = String(decoding: file.bytes, as: UTF8.self)
            for found in HTMLAttributes.values(of: Self.linkAttributes, in: html) {
                guard let problem = problem(with: found.value, on: file.path, files: byPath, ids: idsOf) else { continue }
                broken.append(BrokenLink(page: file.path, line: found.line, column: found.column, link: found.value, problem: problem))
            }
        }
        return broken
    }

    /// Why `link`, found on `page`, does not resolve; nil when it does or points outside.
    func problem(with link: String, on page: String, files: [String: OutputFile], ids: (String) -> Set<String>) -> String? {
        if link.hasPrefix(LinkRewriter.rootScheme) { return "still carries the internal placeholder scheme" }
        if Self.hasScheme(link) || link.hasPrefix("//") { return nil }
        if link.hasPrefix("/") { return "is root-absolute; links must be relative so the site works from file:// and under a sub-path" }

        var rest = Substring(link)
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }

        let target: String
        if rest.isEmpty {
            target = page
        } else {
            guard let decoded = String(rest).removingPercentEncoding else { return "is not valid percent-encoding" }
            guard let resolved = Self.resolve(decoded, from: page) else { return "leaves the site's folder" }
            target = resolved
        }
        guard files[target] != nil else { return "names \(target), which the site does not have" }
        guard let fragment, !fragment.isEmpty else { return nil }
        guard OutputFile.isPage(target) else { return "has an anchor into \(target), which is not a page" }
        let anchor = String(fragment).removingPercentEncoding ?? String(fragment)
        return ids(target).contains(anchor) ? nil : "names #\(anchor), but \(target) has no element with that id"
    }

    /// `scheme:` as RFC 3986 defines it; `q11.13` or `a:b/c` with a slash first do not count.
    static func hasScheme(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// A relative path from `page`'s folder to a path from the site root; a
    /// path ending in `/` (or naming a folder, like `./`) means its index.html.
    /// Split at `/` bytes, as a browser splits it: a name starting with a combining mark
    /// would make one character of the slash before it (`OutputWriter.sibling`).
    static func resolve(_ relative: String, from page: String) -> String? {
        func split(_ s: String) -> [String] {
            s.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(Substring($0)) }
        }
        var parts = Array(split(page).dropLast())
        let pieces = split(relative)
        for (i, piece) in pieces.enumerated() {
            switch piece {
            case "", ".": if i == pieces.count - 1 { parts.append("index.html") }
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                if i == pieces.count - 1 { parts.append("index.html") }
            default: parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// Attribute values in HTML we generated: double-quoted, as swift-mustache and cmark write them.
enum HTMLAttributes {
    struct Found {
        var value: String
        var line: Int
        var column: Int
    }

    static func values(of openers: [String], in html: String) -> [Found] {
        let bytes = Array(html.utf8)
        let patterns = openers.map { Array($0.utf8) }
        var found: [Found] = []
        var line = 1, lineStart = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1; i += 1; continue }
            guard bytes[i] == UInt8(ascii: " "), let p = patterns.first(where: { Self.matches($0, bytes, at: i) }) else { i += 1; continue }
            let start = i + p.count
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
            let raw = String(decoding: bytes[start..<end], as: UTF8.self)
            found.append(Found(value: decodeEntities(raw), line: line, column: i + 2 - lineStart))
            // Newlines inside a value still count for the lines after it.
            for b in bytes[start..<min(end, bytes.count)] where b == UInt8(ascii: "\n") { line += 1 }
            i = end + 1
        }
        return found
    }

    private static func matches(_ pattern: [UInt8], _ bytes: [UInt8], at i: Int) -> Bool {
        guard i + pattern.count <= bytes.count else { return false }
        for k in 0..<pattern.count where bytes[i + k] != pattern[k] { return false }
        return true
    }

    /// The character references our templates and cmark write: named basics and numeric ones.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: amp, to: semi) <= 10 else {
                out += "&"; rest = rest[rest.index(after: amp)...]; continue
            }
            let name = after[after.index(after: amp)..<semi]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            var decoded: String?
            if let v = named[String(name)] {
                decoded = v
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let n = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(n) {
                decoded = String(Character(u))
            } else if name.hasPrefix("#"), let n = UInt32(name.dropFirst()), let u = Unicode.Scalar(n) {
                decoded = String(Character(u))
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"; rest = rest[rest.index(after: amp)...]
            }
        }
        return out + rest
    }
}
