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
        return pretty ? dir + "/" : dir + "/index.html"
    }

    public func recommendation(_ n: Int) -> String { page(dir: "recommendations/\(n)") }
    public func question(_ id: String, recommendation n: Int) -> String { recommendation(n) + "#" + Self.questionAnchor(id) }
    public func briefing(_ slug: String) -> String { page(dir: "briefings/\(slug)") }
    public func meeting(_ slug: String) -> String { page(dir: "meetings/\(slug)") }
    public func page(_ slug: String) -> String { page(dir: slug) }
    public func pack(_ slug: String?) -> String { page(dir: slug.map { "pack/\($0)" } ?? "pack") }

    public static func questionAnchor(_ id: String) -> String { "q" + id }
    public static func actionAnchor(_ id: String) -> String { "a" + id }

    /// Relative prefix from a page at `dir` back to the site root.
    public static func rootPrefix(forDir dir: String) -> String {
        guard !dir.isEmpty else { return "" }
        return String(repeating: "../", count: dir.split(separator: "/").count)
    }

    /// Built-in sections a free page may not shadow.
    public static let reserved: Set<String> = [
        "recommendations", "questions", "briefings", "meetings", "action-items", "search", "pack", "assets", "index",
    ]
}
