/// The site after the Link stage: content, rendered Markdown and the
/// cross-reference graph. The Render stage reads only this.
public struct LinkedSite: Sendable {
    public var content: SiteContent
    public var fragments: [FieldKey: Fragment]
    public var references: CrossReferences
    public var urls: SiteURLs
    /// Set by the build when the theme lets pages share rendered questions.
    var questionPartials: QuestionPartials?
    /// Set by `briefing serve`'s builds: export pieces kept from the last build.
    var exportMemory: ExportMemory?
    /// Set by the build: the question records the exports share, made ahead (`QuestionRecords`).
    var questionRecords: Prepared<QuestionRecords>?

    /// Content in display order.
    public var recommendations: [Recommendation]
    public var briefings: [Briefing]
    public var meetings: [Meeting]
    public var pages: [Page]
    /// Positions in `recommendations` and `content.meetings` by number and slug: pages that
    /// list every recommendation or question look them up thousands of times.
    private var recommendationAt: [Int: Int] = [:]
    /// Read, not only through `meeting`, by a question's view: a method called on a site a class
    /// holds (a page's frame) copies the whole site first.
    private(set) var meetingAt: [String: Int] = [:]
    /// Each question's place, in display order, the first of a repeated id: where pages
    /// share its rendering (`QuestionPartials`).
    private(set) var questionPlaces: [String: Int] = [:]

    init(content: SiteContent, fragments: [FieldKey: Fragment], references: CrossReferences, urls: SiteURLs) {
        self.content = content
        self.fragments = fragments
        self.references = references
        self.urls = urls
        recommendations = content.recommendations.sorted { $0.number < $1.number }
        // Teams in their `order`, then by title: the order the briefings were given.
        briefings = content.briefings.sorted { ($0.order ?? Int.max, $0.title, $0.slug) < ($1.order ?? Int.max, $1.title, $1.slug) }
        // Newest meeting first; undated ones after, by number then slug.
        meetings = content.meetings.sorted {
            let a = ($0.date?.iso ?? "", $0.number ?? 0, $0.slug)
            let b = ($1.date?.iso ?? "", $1.number ?? 0, $1.slug)
            return a > b
        }
        pages = content.pages.sorted { $0.slug < $1.slug }
        for (i, r) in recommendations.enumerated() where recommendationAt[r.number] == nil { recommendationAt[r.number] = i }
        for (i, m) in content.meetings.enumerated() where meetingAt[m.slug] == nil { meetingAt[m.slug] = i }
        questionPlaces.reserveCapacity(recommendations.reduce(0) { $0 + $1.questions.count })
        for r in recommendations {
            for q in r.questions where questionPlaces[q.id] == nil { questionPlaces[q.id] = questionPlaces.count }
        }
    }

    public func briefing(_ slug: String) -> Briefing? { briefings.first { $0.slug == slug } }
    public func meeting(_ slug: String) -> Meeting? { meetingAt[slug].map { content.meetings[$0] } }
    /// A meeting's date, read where it lies: a question's record needs only that, and `meeting`
    /// copies the whole meeting (its decisions and action items with it), per question.
    func meetingDate(_ slug: String) -> Day? { meetingAt[slug].flatMap { content.meetings[$0].date } }
    public func recommendation(_ number: Int) -> Recommendation? { recommendationAt[number].map { recommendations[$0] } }
    public func html(_ key: FieldKey) -> String { fragments[key]?.html ?? "" }
    public func text(_ key: FieldKey) -> String { fragments[key]?.text ?? "" }
}
