import Foundation

/// Moves every heading of a piece of HTML down by some levels (`h2` → `h3`), at most to
/// `h6`: for a Markdown fragment or a question shown deeper in a page's outline than
/// where it was rendered (a recommendation's text under its `h3` in the pack, a question
/// under its recommendation on the questions page), so that screen readers' heading lists
/// nest as the page does.
///
/// Sound for HTML the pipeline made: cmark's output and the built-in templates', where a
/// `<h` that is not a tag has been escaped as `&lt;h`. The bytes keep their length.
enum HeadingShift {
    static func demote(_ html: String, by levels: Int) -> String {
        guard levels > 0 else { return html }
        var bytes = Array(html.utf8)
        guard demote(&bytes, by: levels) else { return html }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether anything changed.
    @discardableResult
    static func demote(_ bytes: inout [UInt8], by levels: Int) -> Bool {
        bytes.withUnsafeMutableBufferPointer { demote($0, by: levels) }
    }

    /// The same, in place in `b`.
    @discardableResult
    static func demote(_ b: UnsafeMutableBufferPointer<UInt8>, by levels: Int) -> Bool {
        guard levels > 0 else { return false }
        var changed = false
        forEachLevel(in: UnsafeBufferPointer(b)) { at in
            b[at] = demoted(b[at], by: levels)
            changed = true
        }
        return changed
    }

    /// A level digit `levels` lower in the outline, at most `6`.
    @inline(__always)
    static func demoted(_ digit: UInt8, by levels: Int) -> UInt8 { UInt8(min(54, Int(digit) + levels)) }

    /// Where the level digits a demotion changes lie in `b`, in order: found once for a
    /// fragment many pages copy (`LocalizableHTML`).
    static func levels(in b: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var found: [Int32] = []
        forEachLevel(in: b) { found.append(Int32($0)) }
        return found
    }

    /// Each `1`–`5` of an `<hN` or `</hN` tag, followed by `>`, a blank or `/`.
    private static func forEachLevel(in b: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = b.baseAddress else { return }
        let n = b.count
        var i = 0
        while i < n, let hit = memchr(base + i, 60, n - i) {  // "<"
            var j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            i = j
            if j < n, b[j] == 47 { j += 1 }  // "</h3>"
            guard j + 2 < n, b[j] == 104 || b[j] == 72 else { continue }  // "h" or "H"
            let digit = b[j + 1]
            guard digit >= 49 && digit <= 53 else { continue }  // 1…5: h6 stays
            let after = b[j + 2]
            guard after == 62 || after == 32 || after == 9 || after == 10 || after == 47 else { continue }  // ">", space, tab, newline, "/"
            body(j + 1)
            i = j + 2
        }
    }
}
