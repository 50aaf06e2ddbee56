/// What every page shares: the site, the navigation, the breadcrumbs and the
/// way back to the site root. Page builders add their own fields on top.
///
/// A class: every question listed on a page holds the page's frame, and copying
/// a struct that holds the whole `LinkedSite` retains each of its arrays and
/// dictionaries, atomically, from both cores at once.
final class PageFrame {
    struct Crumb {
        var label: String
        var dir: String?
    }

    let site: LinkedSite
    /// The page's folder from the site root ("" for the home page).
    let dir: String
    /// Relative way back to the site root; stored, as every URL on the page starts with it.
    let root: String
    /// `root` as the question renderings copied into the page need it (`LocalizableHTML`).
    let rootLink: RootLink
    /// Team badges by slug, made once per page: pages that list every recommendation or
    /// every question a meeting asked show the same few teams' badges again and again.
    /// A frame belongs to the one page job that made it, so this needs no lock.
    var badges: [String: ContextFields] = [:]
    /// The heading level of a question's id on this page: `h3` under a recommendation's
    /// `h2` (its page, its team's), `h4` where a team's `h2` and a recommendation's `h3`
    /// come first (the questions pages, the packs).
    let questionLevel: Int

    init(site: LinkedSite, dir: String, questionLevel: Int = 3) {
        self.site = site
        self.dir = dir
        self.root = SiteURLs.rootPrefix(forDir: dir)
        self.rootLink = RootLink(root)
        self.questionLevel = questionLevel
    }

    /// A link from this page to a site path (as `SiteURLs` returns them).
    func url(_ path: String) -> String { root + path }

    static let sections: [(label: String, dir: String)] = [
        ("Overview", ""), ("Recommendations", "recommendations"), ("Questions", "questions"),
        ("Meetings", "meetings"), ("Action items", "action-items"), ("Search", "search"),
    ]

    /// The common context. `title` is the page's own title, `section` the nav entry it belongs to.
    func context(title: String, section: String, crumbs: [Crumb], description: String? = nil) -> ContextFields {
        let config = site.content.config
        let nav: [ContextFields] = Self.sections.map { s in
            var item: ContextFields = ["label": s.label, "url": url(site.urls.page(dir: s.dir))]
            if s.dir == section { item["current"] = true }
            return item
        }
        var trail: [ContextFields] = []
        if !dir.isEmpty {
            trail.append(["label": "Overview", "url": url(site.urls.page(dir: ""))])
            for c in crumbs {
                var item: ContextFields = ["label": c.label]
                if let d = c.dir { item["url"] = url(site.urls.page(dir: d)) }
                trail.append(item)
            }
        }
        var ctx: ContextFields = [
            "site": ["title": config.title, "review": config.review, "language": config.language] as ContextFields,
            "root": root,
            "title": title,
            "pageTitle": dir.isEmpty ? config.title : "\(title) · \(config.title)",
            "nav": nav,
            "homeURL": url(site.urls.page(dir: "")),
            "searchURL": url(site.urls.page(dir: "search")),
            "searchAction": url(SiteURLs.file("search")),
        ]
        if !trail.isEmpty { ctx["crumbs"] = trail; ctx["hasCrumbs"] = true }
        // Free pages are in no section: the footer lists them, or no link would lead to them.
        let pages = freePages(prefix: root)
        if !pages.isEmpty { ctx["pages"] = pages; ctx["hasPages"] = true }
        if let d = description ?? (config.description.isEmpty ? nil : config.description) { ctx["description"] = d }
        if !config.baseURL.isEmpty { ctx["canonical"] = Self.absolute(config.baseURL, SiteURLs(pretty: true).page(dir: dir)) }
        return ctx
    }

    /// The free pages but the home page's introduction, linked with `prefix` (the way to the root).
    func freePages(prefix: String) -> [ContextFields] {
        site.content.pages.filter { $0.slug != "index" }.map { p in
            var item: ContextFields = ["title": p.title, "url": prefix + site.urls.page(p.slug)]
            if p.slug == dir { item["current"] = true }
            return item
        }
    }

    /// base_url joined with a site path.
    static func absolute(_ base: String, _ path: String) -> String {
        let b = trimmingSlash(base)
        return path == "./" ? b + "/" : SiteURLs.joined(b, "/", path)
    }

    /// `base` without a last Character "/": told on bytes when an ASCII byte or nothing comes
    /// before the slash (Characters cost a question's share link a thousand instructions), else
    /// by Characters, where a prepended mark could make the slash part of a larger one.
    private static func trimmingSlash(_ base: String) -> String {
        let u = base.utf8
        guard u.last == UInt8(ascii: "/") else { return base }
        let before = u.dropLast()
        if before.last.map({ $0 < 0x80 }) ?? true { return String(decoding: before, as: UTF8.self) }
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// A field's HTML for this page; `headingsDown`: shown that many levels deeper than rendered.
    func html(_ key: FieldKey, headingsDown: Int = 0) -> String {
        PageLinks.localize(site.html(key), root: root, demotingHeadingsBy: headingsDown)
    }
}
