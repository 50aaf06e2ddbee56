/// `briefings/<slug>/index.html`: a team, its materials, its recommendations and their questions.
struct BriefingPages {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        site.briefings.map { b in
            PageJob(path: SiteURLs.file("briefings/\(b.slug)"), template: "briefing") {
                let frame = PageFrame(site: site, dir: "briefings/\(b.slug)")
                let views = Views(frame: frame)
                var ctx = frame.context(title: b.title, section: "", crumbs: [.init(label: b.title)])
                ctx["team"] = b.team
                ctx["packURL"] = frame.url(site.urls.pack(b.slug))
                ctx["body"] = frame.html(.briefingBody(b.slug))
                if let d = b.date { ctx["date"] = d.iso }
                if let m = b.meeting, let meeting = site.meeting(m) {
                    ctx["meeting"] = ["title": meeting.title, "url": frame.url(site.urls.meeting(m))]
                }
                ctx["materials"] = views.materials(b.materials)
                let recs = (site.references.recommendationsOf[b.slug] ?? []).compactMap(site.recommendation)
                ctx["recommendations"] = recs.map { r -> ContextFields in
                    var row = views.recommendationRow(r)
                    // Under the recommendation's h2 here, not the page's h1.
                    row["body"] = frame.html(.recommendationBody(r.number), headingsDown: 1)
                    row["questions"] = r.questions.map { views.question($0, of: r) }
                    return row
                }
                ctx["counts"] = Views.Counts(recs.flatMap(\.questions)).context
                let refs = views.backlinks(.briefing(b.slug))
                ctx["backlinks"] = refs
                return ctx
            }
        }
    }
}
