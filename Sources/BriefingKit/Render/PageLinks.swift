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
    static let markerLength = markerBytes.count
    /// The marker's `anchor`, found once: every fragment of every page is searched for it.
    private static let markerAnchor = markerBytes.withUnsafeBytes(anchor)

    /// A byte search rather than Foundation's `replacingOccurrences`, which goes
    /// through NSString and cost a tenth of a whole build.
    ///
    /// `demotingHeadingsBy`: also moves the headings down (`HeadingShift`), in the same copy.
    ///
    /// Made of pieces of `html` between the places that change, so that no byte is checked
    /// as UTF-8 again (`String(decoding:)` checks each one of a text that is not all ASCII).
    static func localize(_ html: String, root: String, demotingHeadingsBy levels: Int = 0) -> String {
        if root == LinkRewriter.rootScheme && levels <= 0 { return html }
        let link = RootLink(root)
        // A root holding `<` is read by the demotion after the swap (see `LocalizableHTML`).
        if link.holdsTagStart && levels > 0 {
            var bytes: [UInt8] = []
            html.readingUTF8 { localize($0, link, demotingHeadingsBy: levels, appendingTo: &bytes) }
            return String(decoding: bytes, as: UTF8.self)
        }
        return html.readingUTF8 { src in
            let places = LocalizableHTML.Places(src, markers: !link.isPlaceholder, levels: levels > 0)
            guard places.change(link, demotingHeadingsBy: levels) else { return html }
            let u = html.utf8
            var out = ""
            out.reserveCapacity(u.count + places.markers.count * link.href.count)
            // Every place is an ASCII byte, so every piece starts and ends on a scalar's edge.
            places.walk(src, link, demotingHeadingsBy: levels,
                        keep: { out.append(contentsOf: Substring(u[u.index(u.startIndex, offsetBy: $0.lowerBound)..<u.index(u.startIndex, offsetBy: $0.upperBound)])) },
                        link: { out += "href=\""; out += root },
                        digit: { out.unicodeScalars.append(Unicode.Scalar($0)) })
            return out
        }
    }

    /// `localize`'s bytes appended to `out`, for a page that copies the result in anyway.
    static func localize(_ html: String, root: String, demotingHeadingsBy levels: Int = 0, appendingTo out: inout [UInt8]) {
        html.readingUTF8 { localize($0, RootLink(root), demotingHeadingsBy: levels, appendingTo: &out) }
    }

    /// The same for HTML held as bytes.
    static func localize(_ src: UnsafeBufferPointer<UInt8>, _ link: RootLink, demotingHeadingsBy levels: Int, appendingTo out: inout [UInt8]) {
        let start = out.count
        let hit = link.isPlaceholder ? nil : findMarker(in: src, from: 0)
        if let hit {
            append(src, replacing: hit, with: link.href, into: &out)
        } else {
            out.append(contentsOf: src)
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
            cursor = hit + markerLength
            guard let next = findMarker(in: src, from: cursor) else { break }
            hit = next
        }
        out.append(contentsOf: src[cursor...])
    }

    /// Where every marker in `src` starts, left to right, none overlapping.
    static func markers(in src: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var found: [Int32] = []
        var from = 0
        while let hit = findMarker(in: src, from: from) {
            found.append(Int32(hit))
            from = hit + markerLength
        }
        return found
    }

    /// The first marker in `src` at or after `from`, searched with its anchor found once.
    static func findMarker(in src: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
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

/// A fragment on the placeholder root with the places `PageLinks.localize` changes found
/// once: its markers and its headings' level digits. A shared question rendering is copied
/// into every page that lists it (six or so at 1250x8, 60,000 copies); searching each
/// copy again for both was 3 % of a full build, where the copy itself is a few segments.
///
/// Kept as the renderer's bytes: a `String` made of them checked all their UTF-8 again,
/// byte by byte wherever a question's text is not all ASCII (typographic quotes are enough).
/// A class, so that handing one over takes one reference, not one per array it holds: it is
/// taken out of `QuestionPartials`' tables for every page that lists its question.
final class LocalizableHTML: Sendable {
    let bytes: [UInt8]
    private let places: Places

    init(_ bytes: [UInt8]) {
        places = bytes.withUnsafeBufferPointer { Places($0, markers: true, levels: true) }
        self.bytes = bytes
    }

    convenience init(_ html: String) { self.init(Array(html.utf8)) }

    /// `PageLinks.localize(html, root:, demotingHeadingsBy:, appendingTo:)`'s bytes, copied
    /// between the places found. Where they could differ (a root holding `<`, which the
    /// demotion would read as a tag's start: never the case for a page's own root), it
    /// calls that instead.
    func localize(_ link: RootLink, demotingHeadingsBy demotion: Int, appendingTo out: inout [UInt8]) {
        guard places.change(link, demotingHeadingsBy: demotion) else {
            out.append(contentsOf: bytes)
            return
        }
        bytes.withUnsafeBufferPointer { src in
            guard !link.holdsTagStart else {
                PageLinks.localize(src, link, demotingHeadingsBy: demotion, appendingTo: &out)
                return
            }
            places.walk(src, link, demotingHeadingsBy: demotion,
                        keep: { out.append(contentsOf: src[$0]) },
                        link: { out.append(contentsOf: link.href) },
                        digit: { out.append($0) })
        }
    }

    /// What localizing a fragment changes: its markers and its headings' level digits.
    struct Places: Sendable {
        /// Where each marker starts, as `PageLinks.localize` finds them.
        let markers: [Int32]
        /// Where each level digit `HeadingShift` would change lies.
        let levels: [Int32]

        /// The places in `src`; only those of the kinds asked for.
        init(_ src: UnsafeBufferPointer<UInt8>, markers: Bool, levels: Bool) {
            self.markers = markers ? PageLinks.markers(in: src) : []
            self.levels = levels ? HeadingShift.levels(in: src) : []
        }

        /// Whether localizing to `link` and moving headings down by `demotion` changes anything.
        func change(_ link: RootLink, demotingHeadingsBy demotion: Int) -> Bool {
            (!link.isPlaceholder && !markers.isEmpty) || (demotion > 0 && !levels.isEmpty)
        }

        /// `src` (the fragment these places were found in) as localizing changes it, in
        /// order: each run kept as it is to `keep`, each marker's place to `link`, each moved
        /// level digit to `digit`. One walk for the bytes and the text.
        @inline(__always)
        func walk(_ src: UnsafeBufferPointer<UInt8>, _ root: RootLink, demotingHeadingsBy demotion: Int,
                  keep: (Range<Int>) -> Void, link: () -> Void, digit: (UInt8) -> Void) {
            let markerCount = root.isPlaceholder ? 0 : markers.count
            let levelCount = demotion > 0 ? levels.count : 0
            var cursor = 0
            var m = 0
            var l = 0
            while m < markerCount || l < levelCount {
                if l == levelCount || (m < markerCount && markers[m] < levels[l]) {
                    let at = Int(markers[m])
                    keep(cursor..<at)
                    link()
                    cursor = at + PageLinks.markerLength
                    m += 1
                } else {
                    let at = Int(levels[l])
                    keep(cursor..<at)
                    digit(HeadingShift.demoted(src[at], by: demotion))
                    cursor = at + 1
                    l += 1
                }
            }
            keep(cursor..<src.count)
        }
    }
}

/// A page's way back to the root as `LocalizableHTML` puts it in place of the marker, made
/// once per page rather than once per question copied into it.
struct RootLink: Sendable {
    let root: String
    /// `href="` and the root.
    let href: [UInt8]
    /// The placeholder itself: the markers stay as they are.
    let isPlaceholder: Bool
    /// Holds a `<`, which moving headings down after the swap would read.
    let holdsTagStart: Bool

    init(_ root: String) {
        self.root = root
        href = Array(("href=\"" + root).utf8)
        isPlaceholder = root == LinkRewriter.rootScheme
        holdsTagStart = root.utf8.contains(60)
    }
}
