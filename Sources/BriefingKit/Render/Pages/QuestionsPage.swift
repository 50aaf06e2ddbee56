/// `questions/index.html`: every question, grouped by team then recommendation;
/// and `questions/<status>/index.html`, the same filtered by status, so the
/// filters work without JavaScript (with it, `assets/filters.js` filters in place).
struct QuestionsPage {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        ([nil] + QuestionStatus.allCases).map { status in
            PageJob(path: SiteURLs.file(Self.dir(status)), template: "questions") {
                Self.context(site, status: status)
            }
        }
    }

    static func dir(_ status: QuestionStatus?) -> String {
        status.map { "questions/\($0.rawValue)" } ?? "questions"
    }

    static func context(_ site: LinkedSite, status: QuestionStatus?) -> ContextFields {
        // Team h2, recommendation h3: the questions come under them.
        let frame = PageFrame(site: site, dir: dir(status), questionLevel: 4)
        let label = status.map { Views.statusLabel($0) }
        let title = label.map { "\($0) questions" } ?? "Questions"
        let crumbs: [PageFrame.Crumb] = status == nil
            ? [.init(label: "Questions")] : [.init(label: "Questions", dir: "questions"), .init(label: label!)]
        var ctx = frame.context(title: title, section: "questions", crumbs: crumbs)
        let teams = groups(site, frame: frame, status: status)
        ctx["teams"] = teams
        var all = Views.Counts()
        site.recommendations.forEach { $0.questions.forEach { all.add($0) } }
        ctx["counts"] = all.context
        ctx["shownCount"] = all.count(status)
        ctx["scope"] = status?.rawValue ?? "all"
        if let label { ctx["filterLabel"] = label.lowercased() }
        ctx["statusFilters"] = ([nil] + QuestionStatus.allCases).map { s -> ContextFields in
            var v: ContextFields = ["label": s.map { Views.statusLabel($0) } ?? "All", "status": s?.rawValue ?? "",
                                    "url": frame.url(site.urls.page(dir: dir(s))), "count": all.count(s)]
            if s == status { v["current"] = true }
            return v
        }
        ctx["teamFilters"] = teams.map { ["team": $0["team"] ?? "", "slug": $0["slug"] ?? "", "count": $0["count"] ?? 0] }
        return ctx
    }

    /// Team → recommendation → questions, in the order of the overview.
    static func groups(_ site: LinkedSite, frame: PageFrame, status: QuestionStatus? = nil) -> [ContextFields] {
        let views = Views(frame: frame)
        return site.briefings.compactMap { b -> ContextFields? in
            let recs = (site.references.recommendationsOf[b.slug] ?? []).compactMap(site.recommendation)
            var count = 0
            let groups = recs.compactMap { r -> ContextFields? in
                // Straight to contexts: a filtered array would copy every question first.
                let qs = r.questions.compactMap { q in status == nil || q.status == status ? views.question(q, of: r) : nil }
                guard !qs.isEmpty else { return nil }
                count += qs.count
                return ["number": r.number, "title": r.title, "url": frame.url(site.urls.recommendation(r.number)),
                        "questions": qs]
            }
            guard !groups.isEmpty else { return nil }
            return ["title": b.title, "team": b.team, "slug": b.slug, "url": frame.url(site.urls.briefing(b.slug)),
                    "recommendations": groups, "count": count]
        }
    }
}
