import Foundation

/// Makes the internal links of a rendered fragment relative to the page that shows it.
///
/// A fragment is rendered once and shown on pages at different depths, so the
/// Link stage writes internal links on a placeholder scheme and each page swaps
/// in its own way back to the root. Only our placeholder is touched: links are
/// resolved on the syntax tree, never here.
enum PageLinks {
    static let marker = "href=\"" + LinkRewriter.rootScheme
    private static let markerBytes = Array(marker.utf8)
    /// The marker's `anchor`, found once: every fragment of every page is searched for it.
    private static let markerAnchor = markerBytes.withUnsafeBytes(anchor)

    /// A byte search rather than Foundation's `replacingOccurrences`, which goes
    /// through NSString and cost a tenth of a whole build.
    ///
    /// `demotingHeadingsBy`: also moves the headings down (`HeadingShift`), in the same copy.
    static func localize(_ html: String, root: String, demotingHeadingsBy levels: Int = 0) -> String {
        if root == LinkRewriter.rootScheme && levels <= 0 { return html }
        var html = html
        let replacement = Array(("href=\"" + root).utf8)
        let out: [UInt8]? = html.withUTF8 { src in
            guard let hit = findMarker(in: src, from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(src.count + 4 * replacement.count)
            append(src, replacing: hit, with: replacement, into: &out)
            return out
        }
        guard levels > 0 else { return out.map { String(decoding: $0, as: UTF8.self) } ?? html }
        var bytes = out ?? Array(html.utf8)
        guard HeadingShift.demote(&bytes, by: levels) || out != nil else { return html }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `localize`'s bytes appended to `out`, for a page that copies the result in anyway.
    static func localize(_ html: String, root: String, demotingHeadingsBy levels: Int = 0, appendingTo out: inout [UInt8]) {
        var html = html
        let start = out.count
        html.withUTF8 { src in
            let hit = root == LinkRewriter.rootScheme ? nil : findMarker(in: src, from: 0)
            if let hit {
                append(src, replacing: hit, with: Array(("href=\"" + root).utf8), into: &out)
            } else {
                out.append(contentsOf: src)
            }
        }
        // Headings keep their length when moved: changed where they now lie.
        if levels > 0 {
            _ = out.withUnsafeMutableBufferPointer { HeadingShift.demote(UnsafeMutableBufferPointer(rebasing: $0[start...]), by: levels) }
        }
    }

    /// `src` with every marker from `first` on replaced, appended to `out`.
    private static func append(_ src: UnsafeBufferPointer<UInt8>, replacing first: Int, with replacement: [UInt8], into out: inout [UInt8]) {
        var hit = first
        var cursor = 0
        while true {
            out.append(contentsOf: src[cursor..<hit])
            out.append(contentsOf: replacement)
            cursor = hit + markerBytes.count
            guard let next = findMarker(in: src, from: cursor) else { break }
            hit = next
        }
        out.append(contentsOf: src[cursor...])
    }

    /// The first marker in `src` at or after `from`, searched with its anchor found once.
    private static func findMarker(in src: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        markerBytes.withUnsafeBytes { find($0, in: UnsafeRawBufferPointer(src), from: from, anchor: markerAnchor) }
    }

    /// Offset of the first `pattern` at or after `from`: memchr for its rarest byte, then a
    /// compare. The marker starts with `h`, which HTML text is full of; its `:` is ten
    /// times rarer (a stop for every `http` and word with an h cost 2 % of a full build).
    /// `anchor`: `anchor(pattern)`, when the caller has it.
    static func find(_ pattern: UnsafeRawBufferPointer, in buffer: UnsafeRawBufferPointer, from: Int, anchor known: Int? = nil) -> Int? {
        guard let base = buffer.baseAddress, let p = pattern.baseAddress, pattern.count > 0 else { return nil }
        let k = known ?? anchor(pattern)
        let byte = Int32(pattern[k])
        let lastStart = buffer.count - pattern.count
        var i = from + k
        while i <= lastStart + k {
            guard let hit = memchr(base + i, byte, lastStart + k - i + 1) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit)) - k
            if memcmp(base + at, p, pattern.count) == 0 { return at }
            i = at + k + 1
        }
        return nil
    }

    /// Where in `pattern` the search looks first: its first byte of those HTML holds least
    /// often (markup and prose are mostly letters, spaces, quotes, `=` and `/`), else its first.
    private static func anchor(_ pattern: UnsafeRawBufferPointer) -> Int {
        for rare in ":{}$#!<>".utf8 {
            if let k = pattern.firstIndex(of: rare) { return k }
        }
        return 0
    }
}
