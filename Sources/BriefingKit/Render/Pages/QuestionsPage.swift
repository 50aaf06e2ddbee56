/// `questions/index.html`: every question, grouped by team then recommendation.
struct QuestionsPage {
    func jobs(_ site: LinkedSite, _ theme: Theme) -> [PageJob] {
        [PageJob(path: SiteURLs.file("questions")) {
            let frame = PageFrame(site: site, dir: "questions")
            var ctx = frame.context(title: "Questions", section: "questions", crumbs: [.init(label: "Questions")])
            ctx["teams"] = Self.groups(site, frame: frame)
            var all = Views.Counts()
            site.recommendations.forEach { $0.questions.forEach { all.add($0) } }
            ctx["counts"] = all.context
            return Array(theme.render("questions", ctx).utf8)
        }]
    }

    /// Team → recommendation → questions, in the order of the overview.
    static func groups(_ site: LinkedSite, frame: PageFrame, status: QuestionStatus? = nil) -> [[String: Any]] {
        let views = Views(frame: frame)
        return site.briefings.compactMap { b -> [String: Any]? in
            let recs = (site.references.recommendationsOf[b.slug] ?? []).compactMap { n in site.recommendations.first { $0.number == n } }
            let groups = recs.compactMap { r -> [String: Any]? in
                let qs = r.questions.filter { status == nil || $0.status == status }
                guard !qs.isEmpty else { return nil }
                return ["number": r.number, "title": r.title, "url": frame.url(site.urls.recommendation(r.number)),
                        "questions": qs.map { views.question($0, of: r) }]
            }
            guard !groups.isEmpty else { return nil }
            return ["title": b.title, "team": b.team, "slug": b.slug, "url": frame.url(site.urls.briefing(b.slug)),
                    "recommendations": groups]
        }
    }
}
