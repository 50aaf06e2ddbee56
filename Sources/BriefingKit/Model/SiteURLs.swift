/// Where every page of the site lives, as paths from the site root.
///
/// Pages are `DIR/index.html` and links name that file, because a link to a bare
/// folder shows a directory listing from file://. `pretty_links` drops the
/// `index.html` for sites served only over HTTP.
public struct SiteURLs: Hashable, Sendable {
    public var pretty: Bool

    public init(pretty: Bool = false) { self.pretty = pretty }

    /// The file a page is written to.
    public static func file(_ dir: String) -> String { dir.isEmpty ? "index.html" : dir + "/index.html" }

    /// The link to a page folder.
    public func page(dir: String) -> String {
        if dir.isEmpty { return pretty ? "./" : "index.html" }
        return Self.joined(dir, ending)
    }

    /// What follows a page's folder in a link to it.
    private var ending: String { pretty ? "/" : "/index.html" }

    public func recommendation(_ n: Int) -> String { Self.joined("recommendations/", n, ending) }
    public func question(_ id: String, recommendation n: Int) -> String {
        Self.joined("recommendations/", n, ending, "#q", id)  // "#" + questionAnchor(id)
    }
    public func briefing(_ slug: String) -> String { Self.joined("briefings/", slug, ending) }
    public func meeting(_ slug: String) -> String { Self.joined("meetings/", slug, ending) }
    public func page(_ slug: String) -> String { page(dir: slug) }
    public func pack(_ slug: String?) -> String { page(dir: slug.map { "pack/\($0)" } ?? "pack") }

    public static func questionAnchor(_ id: String) -> String { "q" + id }
    public static func actionAnchor(_ id: String) -> String { "a" + id }

    /// Relative prefix from a page at `dir` back to the site root.
    public static func rootPrefix(forDir dir: String) -> String {
        guard !dir.isEmpty else { return "" }
        return String(repeating: "../", count: folders(in: dir))
    }

    /// The non-empty names between slashes, as `split(separator: "/")` counts them: on bytes
    /// when the path is ASCII, where each byte is a Character of its own (splitting by
    /// Characters cost 8,000 instructions a page).
    static func folders(in dir: String) -> Int {
        guard dir.utf8.allSatisfy({ $0 < 0x80 }) else { return dir.split(separator: "/").count }
        var count = 0
        var inName = false
        for b in dir.utf8 {
            if b == UInt8(ascii: "/") { inName = false } else if !inName { inName = true; count += 1 }
        }
        return count
    }

    /// The parts one after another, copied once into one allocation: links are built tens of
    /// thousands of times a build. Each `+` made a string of its own, and even `+=` into a
    /// reserved string cost about 300 instructions a part (capacity, ASCII and small-string checks).
    static func joined(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
        b.readingUTF8 { joined(a, bytes: $0, c, d, e) }
    }

    /// `joined` with `n` second, in decimal as `String(n)` writes it, without making that string
    /// (50,000 question links at 1250x8 each made one, and a small string appended costs more
    /// than its digits).
    static func joined(_ a: String, _ n: Int, _ c: String, _ d: String = "", _ e: String = "") -> String {
        // Twenty places hold `Int.min`: nineteen digits and its sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var m = n.magnitude
            var i = digits.count
            repeat { i -= 1; digits[i] = 48 + UInt8(m % 10); m /= 10 } while m > 0
            if n < 0 { i -= 1; digits[i] = 45 }  // "-"
            return joined(a, bytes: UnsafeBufferPointer(rebasing: digits[i...]), c, d, e)
        }
    }

    /// `a`, `b`'s bytes, `c`, `d` and `e`, in one allocation.
    private static func joined(_ a: String, bytes b: UnsafeBufferPointer<UInt8>, _ c: String, _ d: String, _ e: String) -> String {
        let n = a.utf8.count + b.count + c.utf8.count + d.utf8.count + e.utf8.count
        return String(unsafeUninitializedCapacity: n) { out in
            var at = copy(a, into: out, at: 0)
            if let from = b.baseAddress, let to = out.baseAddress { (to + at).update(from: from, count: b.count) }
            at += b.count
            at = copy(c, into: out, at: at)
            at = copy(d, into: out, at: at)
            return copy(e, into: out, at: at)
        }
    }

    /// `s`'s UTF-8 into `out` from `at`; where it ends.
    private static func copy(_ s: String, into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        s.readingUTF8 { bytes in
            if let from = bytes.baseAddress, let to = out.baseAddress { (to + at).update(from: from, count: bytes.count) }
            return at + bytes.count
        }
    }

    /// Built-in sections a free page may not shadow.
    public static let reserved: Set<String> = [
        "recommendations", "questions", "briefings", "meetings", "action-items", "search", "pack", "assets", "index",
    ]
}
