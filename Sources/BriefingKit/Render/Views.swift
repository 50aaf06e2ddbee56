/// Context dictionaries for the pieces several pages share: a question, a
/// recommendation's counts, a team badge, a list of materials or backlinks.
struct Views {
    let frame: PageFrame
    var site: LinkedSite { frame.site }

    func badge(_ slug: String) -> ContextFields {
        if let made = frame.badges[slug] { return made }
        let badge: ContextFields
        if let b = site.briefing(slug) {
            badge = ["team": b.team, "slug": b.slug, "url": frame.url(site.urls.briefing(b.slug)), "title": b.title]
        } else {
            badge = ["team": slug, "slug": slug]
        }
        frame.badges[slug] = badge
        return badge
    }

    static func statusLabel(_ s: QuestionStatus) -> String {
        switch s {
        case .open: "Open"
        case .answered: "Answered"
        case .withdrawn: "Withdrawn"
        }
    }

    /// A question for the `question` partial; its fields are built only if a template
    /// reads more than the partial rendered once per build (see `QuestionPartials`).
    func question(_ q: Question, of r: Recommendation, showRecommendation: Bool = false) -> QuestionContext {
        QuestionContext(views: self, question: q, recommendation: r, showRecommendation: showRecommendation)
    }

    func questionFields(_ q: Question, of r: Recommendation, showRecommendation: Bool = false) -> ContextFields {
        QuestionView(q, of: r, showRecommendation: showRecommendation, frame: frame).fields
    }

    struct Counts {
        var total = 0, open = 0, answered = 0, withdrawn = 0
        mutating func add(_ q: Question) {
            total += 1
            switch q.status {
            case .open: open += 1
            case .answered: answered += 1
            case .withdrawn: withdrawn += 1
            }
        }
        init() {}
        init(_ qs: [Question]) { qs.forEach { add($0) } }

        static func += (a: inout Counts, b: Counts) {
            a.total += b.total; a.open += b.open; a.answered += b.answered; a.withdrawn += b.withdrawn
        }

        /// Questions with this status; all of them for nil.
        func count(_ s: QuestionStatus?) -> Int {
            switch s {
            case nil: total
            case .open: open
            case .answered: answered
            case .withdrawn: withdrawn
            }
        }

        /// Percentages for the progress bar, rounded so they add up to 100.
        var context: ContextFields {
            let a = total == 0 ? 0 : answered * 100 / total
            let w = total == 0 ? 0 : withdrawn * 100 / total
            return ["total": total, "open": open, "answered": answered, "withdrawn": withdrawn,
                    "answeredPct": a, "withdrawnPct": w, "openPct": total == 0 ? 0 : 100 - a - w,
                    "hasQuestions": total > 0, "questionsLabel": Views.plural(total, "question"),
                    "questionsNoun": Views.noun(total, "question")]
        }
    }

    /// "1 question", "2 questions".
    static func plural(_ n: Int, _ noun: String) -> String { "\(n) " + Self.noun(n, noun) }

    /// "3 questions asked · 1 decision · 2 action items": the meetings list's and the feed's line.
    static func meetingSummary(asked: Int, _ m: Meeting) -> String {
        [plural(asked, "question") + " asked", plural(m.decisions.count, "decision"), plural(m.actionItems.count, "action item")]
            .joined(separator: " · ")
    }

    /// "question" for one, "questions" for any other count: for templates that style the number apart.
    static func noun(_ n: Int, _ noun: String) -> String { n == 1 ? noun : noun + "s" }

    func recommendationRow(_ r: Recommendation) -> ContextFields {
        var v: ContextFields = [
            "number": r.number, "title": r.title, "url": frame.url(site.urls.recommendation(r.number)),
            "badge": badge(r.briefing), "counts": Counts(r.questions).context,
        ]
        if let i = r.implementation { v["implementation"] = i.rawValue }
        return v
    }

    func backlinks(_ key: TargetKey) -> [ContextFields] {
        (site.references.backlinks[key] ?? []).map { ["label": $0.label, "url": frame.url($0.path)] }
    }

    func materials(_ links: [Link]) -> [ContextFields] {
        links.map { ["title": $0.title, "url": $0.url] }
    }
}
