/// `recommendations/index.html` and one page per recommendation.
struct RecommendationPages {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        var jobs = [PageJob(path: SiteURLs.file("recommendations"), template: "recommendations") {
            let frame = PageFrame(site: site, dir: "recommendations")
            let views = Views(frame: frame)
            var ctx = frame.context(title: "Recommendations", section: "recommendations", crumbs: [.init(label: "Recommendations")])
            ctx["recommendations"] = site.recommendations.map(views.recommendationRow)
            return ctx
        }]
        let recs = site.recommendations
        for (i, r) in recs.enumerated() {
            let prev = i > 0 ? recs[i - 1] : nil
            let next = i + 1 < recs.count ? recs[i + 1] : nil
            jobs.append(PageJob(path: SiteURLs.file("recommendations/\(r.number)"), template: "recommendation") {
                Self.context(r, prev: prev, next: next, site: site)
            })
        }
        return jobs
    }

    static func context(_ r: Recommendation, prev: Recommendation?, next: Recommendation?, site: LinkedSite) -> ContextFields {
        let frame = PageFrame(site: site, dir: "recommendations/\(r.number)")
        let views = Views(frame: frame)
        var ctx = frame.context(title: "Rec \(r.number): \(r.title)", section: "recommendations",
                                crumbs: [.init(label: "Recommendations", dir: "recommendations"), .init(label: "Rec \(r.number)")])
        ctx["number"] = r.number
        ctx["recTitle"] = r.title
        ctx["body"] = frame.html(.recommendationBody(r.number))
        ctx["badge"] = views.badge(r.briefing)
        if let f = r.focusArea { ctx["focusArea"] = f }
        if let i = r.implementation { ctx["implementation"] = i.rawValue }
        ctx["questions"] = r.questions.map { views.question($0, of: r) }
        ctx["counts"] = Views.Counts(r.questions).context
        let refs = views.backlinks(.recommendation(r.number))
        ctx["backlinks"] = refs
        if let p = prev { ctx["prev"] = ["number": p.number, "title": p.title, "url": frame.url(site.urls.recommendation(p.number))] as ContextFields }
        if let n = next { ctx["next"] = ["number": n.number, "title": n.title, "url": frame.url(site.urls.recommendation(n.number))] as ContextFields }
        return ctx
    }
}
