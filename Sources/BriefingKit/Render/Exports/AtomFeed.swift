import Foundation

/// `feed.xml`: an Atom feed (RFC 4287) of the newest answers and meetings
/// (`feed_limit`, 100 unless `briefing.yml` says otherwise), newest first.
///
/// Entries are answered questions, dated by `answered`, and meetings, dated by
/// `date`; anything undated is left out, since a feed entry must say when. The
/// feed's `<updated>` is its newest entry's date, never the time of the build,
/// so an unchanged site gives a byte-identical feed.
struct AtomFeed {
    static let path = "feed.xml"
    /// `<updated>` of a feed with no dated entries.
    static let epoch = "1970-01-01T00:00:00Z"

    struct Entry: Sendable {
        enum Kind: Int, Sendable { case meeting, answer }
        var kind: Kind
        var day: Day
        var title: String
        var id: String
        var link: String
        var author: String?
        var summary: String
        var html: String
    }

    func file(_ site: LinkedSite, entries: [Entry]? = nil) -> OutputFile {
        let config = site.content.config
        let base = config.baseURL
        let entries = entries ?? Self.entries(site)
        var x = ByteText()
        /// `<tag>escaped text</tag>` and a newline.
        func element(_ tag: String, _ text: String) {
            x.append("<\(tag)>")
            x.append(xmlEscaped: text)
            x.append("</\(tag)>\n")
        }
        /// `<link rel="REL" type="TYPE" href="escaped"/>` and a newline.
        func link(rel: String, type: String, href: String) {
            x.append("<link rel=\"\(rel)\" type=\"\(type)\" href=\"")
            x.append(xmlEscaped: href)
            x.append("\"/>\n" as StaticString)
        }
        func author(_ name: String) {
            x.append("<author><name>" as StaticString)
            x.append(xmlEscaped: name)
            x.append("</name></author>\n" as StaticString)
        }
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" as StaticString)
        x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" as StaticString)
        x.append(xmlEscaped: config.language)
        x.append("\"" as StaticString)
        if !base.isEmpty {
            x.append(" xml:base=\"" as StaticString)
            x.append(xmlEscaped: PageFrame.absolute(base, "./"))
            x.append("\"" as StaticString)
        }
        x.append(">\n" as StaticString)
        element("title", config.title)
        x.append("<subtitle>Answers and meetings, newest first</subtitle>\n" as StaticString)
        element("id", base.isEmpty ? "urn:briefing:feed" : PageFrame.absolute(base, "./"))
        link(rel: "self", type: "application/atom+xml", href: Self.address(Self.path, Self.path, base: base))
        link(rel: "alternate", type: "text/html", href: Self.address(site.urls.page(dir: ""), "./", base: base))
        x.append("<updated>\(entries.first.map { Self.timestamp($0.day) } ?? Self.epoch)</updated>\n")
        author(config.review.isEmpty ? config.title : "\(config.review) Review Team")
        x.append("<generator>Briefing</generator>\n" as StaticString)
        for e in entries {
            x.append("<entry>\n" as StaticString)
            element("title", e.title)
            element("id", e.id)
            link(rel: "alternate", type: "text/html", href: e.link)
            x.append("<updated>\(Self.timestamp(e.day))</updated>\n")
            if let a = e.author { author(a) }
            x.append(e.kind == .answer ? "<category term=\"answer\"/>\n" : "<category term=\"meeting\"/>\n" as StaticString)
            element("summary", e.summary)
            x.append("<content type=\"html\">" as StaticString)
            x.append(xmlEscaped: e.html)
            x.append("</content>\n" as StaticString)
            x.append("</entry>\n" as StaticString)
        }
        x.append("</feed>\n" as StaticString)
        return OutputFile(path: Self.path, bytes: x.bytes)
    }

    /// The newest `feedLimit` entries, newest first. Every dated item is ordered by
    /// its date alone, and only the ones kept are written out.
    static func entries(_ site: LinkedSite) -> [Entry] {
        let base = site.content.config.baseURL
        let pretty = SiteURLs(pretty: true)
        // Fragments carry a placeholder root; in a feed, links must resolve from anywhere.
        let root = base.isEmpty ? "" : PageFrame.absolute(base, "./")
        func html(_ key: FieldKey) -> String { PageLinks.localize(site.html(key), root: root) }

        // Positions, not copies: every dated item is listed and sorted, few are kept.
        // The tie break orders items of the same day and kind: question order, or meeting slug.
        enum Item { case answer(recommendation: Int, question: Int), meeting(Int) }
        var dated: [(kind: Entry.Kind, day: Day, tieBreak: (Int, Int, String), item: Item)] = []
        for (ri, r) in site.recommendations.enumerated() {
            for (qi, q) in r.questions.enumerated() where q.status == .answered && q.answer != nil {
                guard let day = q.answered else { continue }
                let (n, i) = QuestionOrder.parts(q.id)
                dated.append((.answer, day, (n, i, q.id), .answer(recommendation: ri, question: qi)))
            }
        }
        for (mi, m) in site.meetings.enumerated() {
            guard let day = m.date else { continue }
            dated.append((.meeting, day, (0, 0, m.slug), .meeting(mi)))
        }
        dated.sort {
            if $0.day != $1.day { return $0.day > $1.day }
            if $0.kind != $1.kind { return $0.kind.rawValue < $1.kind.rawValue }
            return $0.tieBreak < $1.tieBreak
        }
        let limit = site.content.config.feedLimit
        return dated.prefix(limit == 0 ? dated.count : limit).map { d in
            switch d.item {
            case .answer(let ri, let qi):
                let r = site.recommendations[ri]
                let q = r.questions[qi]
                let question = site.text(.questionText(q.id))
                return Entry(
                    kind: .answer, day: d.day,
                    title: "Answer to \(q.id): \(Self.shortened(question, to: 90))",
                    id: base.isEmpty ? "urn:briefing:question:\(q.id)" : PageFrame.absolute(base, pretty.question(q.id, recommendation: r.number)),
                    link: address(site.urls.question(q.id, recommendation: r.number), pretty.question(q.id, recommendation: r.number), base: base),
                    author: site.briefing(r.briefing)?.team,
                    summary: site.text(.questionAnswer(q.id)),
                    html: "<blockquote>" + html(.questionText(q.id)) + "</blockquote>\n" + html(.questionAnswer(q.id)))
            case .meeting(let mi):
                let m = site.meetings[mi]
                let asked = site.references.askedAt[m.slug]?.count ?? 0
                return Entry(
                    kind: .meeting, day: d.day,
                    title: m.title,
                    id: base.isEmpty ? "urn:briefing:meeting:\(m.slug)" : PageFrame.absolute(base, pretty.meeting(m.slug)),
                    link: address(site.urls.meeting(m.slug), pretty.meeting(m.slug), base: base),
                    author: nil,
                    summary: Views.meetingSummary(asked: asked, m),
                    html: html(.meetingBody(m.slug)))
            }
        }
    }

    /// Under base_url, the folder form every page names as canonical; without
    /// one, the page's file relative to feed.xml, which sits at the site root.
    static func address(_ path: String, _ prettyPath: String, base: String) -> String {
        base.isEmpty ? path : PageFrame.absolute(base, prettyPath)
    }

    /// A date as an Atom timestamp: midnight UTC, since sources give days only.
    static func timestamp(_ d: Day) -> String { d.iso + "T00:00:00Z" }

    /// At most `limit` characters, cut at a word, for entry titles.
    static func shortened(_ s: String, to limit: Int) -> String {
        guard s.count > limit else { return s }
        let cut = s.prefix(limit)
        let words = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return words.trimmingCharacters(in: .whitespaces) + "…"
    }
}
