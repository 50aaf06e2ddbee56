import Ccmark
import Foundation

/// One Markdown snippet parsed by cmark. Owns its node tree and frees it once.
///
/// Not `Sendable`: a tree is parsed, linked and rendered by one task, then dropped.
final class MarkdownDocument {
    let root: OpaquePointer
    let source: MarkdownText

    /// Source positions feed diagnostics; UTF-8 validation guards cmark against bad bytes
    /// (the loader already rejects them, but a snippet may come from elsewhere).
    init(_ source: MarkdownText) {
        self.source = source
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        root = source.text.readingUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        }
    }

    deinit { cmark_node_free(root) }

    /// HTML of the whole tree. Raw HTML and `javascript:`-style URLs are dropped
    /// (cmark's safe default) unless the site opts in.
    func html(unsafe: Bool) -> String {
        if !unsafe { blankDataURLs() }
        let options = CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0)
        guard let c = cmark_render_html(root, options) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }

    /// cmark's safe mode still lets `data:image/png` (gif, jpeg, webp) through; the site
    /// allows no `data:` URL anywhere (see `URLPolicy`), so they go the way cmark sends
    /// `javascript:`, to an empty URL.
    private func blankDataURLs() {
        walk { node, type, entering in
            guard entering, type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { return }
            if Self.isDataURL(url) { cmark_node_set_url(node, "") }
        }
    }

    private static let dataScheme = Array("data:".utf8)

    /// Whether the first five scalars above U+0020, lower-cased, are "data:". On bytes (a
    /// `String` and a scalar filter per link cost more than rendering the HTML): the bytes up to
    /// 0x20 are exactly those scalars. A non-ASCII scalar among the five goes the Unicode way.
    static func isDataURL(_ url: UnsafePointer<CChar>) -> Bool {
        var p = UnsafeRawPointer(url).assumingMemoryBound(to: UInt8.self)
        var matched = 0
        while matched < dataScheme.count {
            let c = p.pointee
            p += 1
            if c == 0 { return false }
            if c <= 0x20 { continue }
            if c >= 0x80 {
                let scheme = String(cString: url).unicodeScalars.filter { $0.value > 0x20 }.prefix(5)
                return String(String.UnicodeScalarView(scheme)).lowercased() == "data:"
            }
            guard (c >= 65 && c <= 90 ? c + 32 : c) == dataScheme[matched] else { return false }
            matched += 1
        }
        return true
    }

    /// Visits every node in document order, on entering and on leaving a container.
    /// cmark's iterator keeps no call stack, so 10,000-deep nesting costs no recursion.
    /// Nodes may be changed during the walk, but not moved (collect them first).
    func walk(_ visit: (_ node: OpaquePointer, _ type: cmark_node_type, _ entering: Bool) -> Void) {
        let iter = cmark_iter_new(root)
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iter) else { continue }
            visit(node, cmark_node_get_type(node), event == CMARK_EVENT_ENTER)
        }
    }

    /// The words of the snippet without markup: for search, CSV and feeds.
    func plainText() -> String {
        // Bytes, not `String +=`: this ran for every field and cost as much as cmark itself.
        var out: [UInt8] = []
        // A helper of its own, not a local function: one that captured `out` made every
        // append check exclusive access at run time.
        walk { node, type, entering in
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let lit = cmark_node_get_literal(node) { Self.append(lit, to: &out) }
            case CMARK_NODE_CODE_BLOCK:
                if let lit = cmark_node_get_literal(node) { Self.append(lit, to: &out); out.append(32) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out.append(32)
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                if !entering { out.append(32) }
            default: break
            }
        }
        return Self.collapseSpaces(out)
    }

    private static func append(_ c: UnsafePointer<CChar>, to out: inout [UInt8]) {
        c.withMemoryRebound(to: UInt8.self, capacity: 1) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(c))) }
    }

    /// Words joined by single spaces: `split` on the Characters " " and "\n", then `joined`.
    /// On bytes: a space or newline byte is such a Character unless it joins its neighbour
    /// into a larger one (`ASCIICharacter`), which only a few scalars beside a space do; only
    /// invalid UTF-8 beside one is left to Characters. One pass: it runs on every field's text.
    static func collapseSpaces(_ b: [UInt8]) -> String {
        // An empty array is Swift's one shared empty storage, which `unsafeUninitializedCapacity: 0`
        // writes a count into: harmless, but a race ThreadSanitizer rightly reports when two
        // fields with no text are rendered at once.
        guard !b.isEmpty else { return "" }
        var undecided = false
        let out = [UInt8](unsafeUninitializedCapacity: b.count) { out, written in
            b.withUnsafeBufferPointer { b in
                let count = b.count
                var n = 0
                var pending = false
                var i = 0
                blocks: while i < count {
                    // Most text is already single-spaced: sixteen bytes after a word's byte, with
                    // no newline and no space before a space or a newline, come out as they are.
                    // (A single space between words stays one whether or not it joins a Character.)
                    if i > 0, i + 17 <= count, b[i - 1] != 32, b[i - 1] != 10,
                       let base = b.baseAddress, let target = out.baseAddress {
                        let raw = UnsafeRawPointer(base)
                        let v = raw.loadUnaligned(fromByteOffset: i, as: ByteSkip.Vector.self)
                        if !any(Self.needsCare(v, after: raw.loadUnaligned(fromByteOffset: i + 1, as: ByteSkip.Vector.self))) {
                            UnsafeMutableRawPointer(target + n).storeBytes(of: v, as: ByteSkip.Vector.self)
                            n += 16
                            i += 16
                            continue
                        }
                    }
                    for i in i..<min(i + 16, count) {
                        let c = b[i]
                        if c == 32 || c == 10 {
                            guard let separator = ASCIICharacter.standsAlone(b, at: i) else {
                                undecided = true
                                break blocks
                            }
                            if separator {
                                pending = n > 0
                                continue
                            }
                        }
                        if pending { out[n] = 32; n += 1; pending = false }
                        out[n] = c
                        n += 1
                    }
                    i = min(i + 16, count)
                }
                written = undecided ? 0 : n
            }
        }
        if undecided {
            return String(decoding: b, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lanes `collapseSpaces` cannot copy as they are: a newline, or a space before a space
    /// or a newline (the last lane's `after` is the byte past the block).
    @inline(__always)
    static func needsCare(_ v: ByteSkip.Vector, after: ByteSkip.Vector) -> ByteSkip.Mask {
        let space = ByteSkip.splat(32), newline = ByteSkip.splat(10)
        return v .== newline .| (v .== space .& (after .== space .| after .== newline))
    }

    /// Moves headings down so the snippet's highest heading lands at `top`
    /// (`##` in a body under the page's `<h1>`), keeping their relative levels,
    /// so the page's heading outline has no gaps.
    func placeHeadings(top: Int) {
        var headings: [OpaquePointer] = []
        walk { node, type, entering in
            if entering && type == CMARK_NODE_HEADING { headings.append(node) }
        }
        guard let highest = headings.map({ Int(cmark_node_get_heading_level($0)) }).min(), highest < top else { return }
        let shift = top - highest
        for h in headings {
            cmark_node_set_heading_level(h, Int32(min(6, Int(cmark_node_get_heading_level(h)) + shift)))
        }
    }

    /// The bytes of line `n` (1-based) of the snippet, without its line end.
    func sourceLine(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 1, n <= lines.starts.count else { return nil }
        let start = lines.starts[n - 1]
        let end = n < lines.starts.count ? lines.starts[n] - 1 : lines.bytes.count
        return lines.bytes[start..<end]
    }

    /// The snippet's bytes and where each line starts, found once: the link stage asks
    /// for a line per text node with a bracket, and walking from the top every time
    /// made a 5 MB body take minutes.
    private lazy var lines: (bytes: [UInt8], starts: [Int]) = {
        let bytes = Array(source.text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        return (bytes, starts)
    }()

    func location(of node: OpaquePointer) -> SourceLocation {
        source.location(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }
}
