/// Context dictionaries for the pieces several pages share: a question, a
/// recommendation's counts, a team badge, a list of materials or backlinks.
struct Views {
    let frame: PageFrame
    var site: LinkedSite { frame.site }

    func badge(_ slug: String) -> [String: Any] {
        guard let b = site.briefing(slug) else { return ["team": slug, "slug": slug] }
        return ["team": b.team, "slug": b.slug, "url": frame.url(site.urls.briefing(b.slug)), "title": b.title]
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

    func questionFields(_ q: Question, of r: Recommendation, showRecommendation: Bool = false) -> [String: Any] {
        var v: [String: Any] = [
            "id": q.id,
            "anchor": SiteURLs.questionAnchor(q.id),
            "status": q.status.rawValue,
            "statusLabel": Self.statusLabel(q.status),
            "text": frame.html(.questionText(q.id)),
            "permalink": frame.url(site.urls.question(q.id, recommendation: r.number)),
            // What "Copy link" copies: the public address when the site has one.
            "shareURL": site.content.config.baseURL.isEmpty ? ""
                : PageFrame.absolute(site.content.config.baseURL, SiteURLs(pretty: true).question(q.id, recommendation: r.number)),
            "badge": badge(r.briefing),
        ]
        if showRecommendation {
            v["recommendation"] = ["number": r.number, "title": r.title, "url": frame.url(site.urls.recommendation(r.number))] as [String: Any]
        }
        if q.answer != nil { v["answer"] = frame.html(.questionAnswer(q.id)) }
        if let d = q.answered { v["answered"] = d.iso }
        if let m = q.asked, let meeting = site.meeting(m) {
            v["asked"] = ["title": meeting.title, "url": frame.url(site.urls.meeting(m))]
        }
        let same = (site.references.sameAs[q.id] ?? []).compactMap { id -> [String: Any]? in
            guard let t = LinkTargetsLookup.question(id, in: site) else { return nil }
            return ["id": id, "url": frame.url(t)]
        }
        v["same"] = same
        let refs = backlinks(.question(q.id))
        v["backlinks"] = refs
        return v
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

        /// Percentages for the progress bar, rounded so they add up to 100.
        var context: [String: Any] {
            let a = total == 0 ? 0 : answered * 100 / total
            let w = total == 0 ? 0 : withdrawn * 100 / total
            return ["total": total, "open": open, "answered": answered, "withdrawn": withdrawn,
                    "answeredPct": a, "withdrawnPct": w, "openPct": total == 0 ? 0 : 100 - a - w,
                    "hasQuestions": total > 0, "questionsLabel": Views.plural(total, "question")]
        }
    }

    /// "1 question", "2 questions".
    static func plural(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    func recommendationRow(_ r: Recommendation) -> [String: Any] {
        var v: [String: Any] = [
            "number": r.number, "title": r.title, "url": frame.url(site.urls.recommendation(r.number)),
            "badge": badge(r.briefing), "counts": Counts(r.questions).context,
        ]
        if let i = r.implementation { v["implementation"] = i.rawValue }
        return v
    }

    func backlinks(_ key: TargetKey) -> [[String: Any]] {
        (site.references.backlinks[key] ?? []).map { ["label": $0.label, "url": frame.url($0.path)] }
    }

    func materials(_ links: [Link]) -> [[String: Any]] {
        links.map { ["title": $0.title, "url": $0.url] }
    }
}

/// Question paths without a LinkTargets table: the recommendation is the id's prefix.
enum LinkTargetsLookup {
    static func question(_ id: String, in site: LinkedSite) -> String? {
        let n = QuestionOrder.parts(id).0
        return site.urls.question(id, recommendation: n)
    }
}
