/// A question as one page shows it, as plain values: everything its template
/// fields are made of, and nothing else. The fields are a function of this
/// value alone (`fields` reads no site), so two equal views give equal fields,
/// and `briefing serve` can reuse a question's rendering from its last build by
/// comparing views, without building the fields again.
struct QuestionView: Hashable, Sendable {
    struct Team: Hashable, Sendable {
        var slug: String
        /// Short name and title of the briefing team, when it exists.
        var name: String?
        var title: String?
    }

    struct Meeting: Hashable, Sendable {
        var slug: String
        var title: String
    }

    var id: String
    var status: QuestionStatus
    /// The text's and answer's HTML as rendered once for the site, before localizing to the page.
    var textHTML: String
    var answerHTML: String?
    var answered: Day?
    var recommendation: Int
    var recommendationTitle: String
    var showRecommendation: Bool
    var team: Team
    var asked: Meeting?
    /// Questions with the same text.
    var same: [String]
    var backlinks: [Backlink]
    /// The page's way back to the site root.
    var root: String
    var baseURL: String
    var prettyLinks: Bool
    /// The heading level of the question's id (`PageFrame.questionLevel`); its answer's is one more.
    var level: Int

    /// `root` and `level`: the way back to the site root its links take and its heading
    /// level, the page's unless said.
    ///
    /// The site is read where the frame holds it, through stored properties only: a copy of it
    /// (retaining each of its tables, then releasing them) cost a fifth of making a view, and
    /// one is made for a local, for an argument, and for a method called on `frame.site`.
    init(_ q: Question, of r: Recommendation, showRecommendation: Bool, frame: PageFrame, root: String? = nil, level: Int? = nil) {
        id = q.id
        status = q.status
        textHTML = frame.site.fragments[.questionText(q.id)]?.html ?? ""
        answerHTML = q.answer == nil ? nil : frame.site.fragments[.questionAnswer(q.id)]?.html ?? ""
        answered = q.answered
        recommendation = r.number
        recommendationTitle = r.title
        self.showRecommendation = showRecommendation
        let briefings = frame.site.briefings
        let b = briefings.indices.first { briefings[$0].slug == r.briefing }
        team = Team(slug: r.briefing, name: b.map { briefings[$0].team }, title: b.map { briefings[$0].title })
        asked = q.asked.flatMap { m in frame.site.meetingAt[m].map { Meeting(slug: m, title: frame.site.content.meetings[$0].title) } }
        same = frame.site.references.sameAs[q.id] ?? []
        backlinks = frame.site.references.backlinks[.question(q.id)] ?? []
        self.root = root ?? frame.root
        baseURL = frame.site.content.config.baseURL
        prettyLinks = frame.site.urls.pretty
        self.level = level ?? frame.questionLevel
    }

    /// What the question's fields follow from, as `PageFingerprint` puts it in a page:
    /// the fields are a function of this value alone, so hashing the view stands for
    /// hashing them, without localizing the text, building the dictionaries or
    /// rendering the partial (a build that renders few pages fingerprints every one).
    var fingerprint: ContentHash {
        var w = PageFingerprint.Writer(questions: nil)
        w.string(id)
        w.string(status.rawValue)
        w.string(textHTML)
        w.optional(answerHTML)
        w.optional(answered?.iso)
        w.int(recommendation)
        w.string(recommendationTitle)
        w.bool(showRecommendation)
        w.string(team.slug)
        w.optional(team.name)
        w.optional(team.title)
        w.optional(asked?.slug)
        w.optional(asked?.title)
        w.word(UInt64(same.count))
        for s in same { w.string(s) }
        w.word(UInt64(backlinks.count))
        for b in backlinks { w.string(b.label); w.string(b.path) }
        w.string(root)
        w.string(baseURL)
        w.bool(prettyLinks)
        w.int(level)
        return w.hash
    }

    /// Roughly the bytes of the rendered partial, to size page buffers before rendering.
    var expectedSize: Int {
        textHTML.utf8.count + (answerHTML?.utf8.count ?? 0) + 900 + 120 * (same.count + backlinks.count)
    }

    /// The `question` partial's context as named fields: every field `QuestionFields` has,
    /// for pages whose templates read a question's fields themselves.
    var fields: ContextFields {
        let read = QuestionFields(self)
        var v = ContextFields(minimumCapacity: QuestionFields.Field.allCases.count)
        for field in QuestionFields.Field.allCases {
            if let value = read.child(field) { v[field.rawValue] = value }
        }
        return v
    }
}
