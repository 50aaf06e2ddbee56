/// `index.html`: the Briefing Materials overview — each team with its
/// recommendations, question counts and progress.
struct HomePage {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        [PageJob(path: SiteURLs.file(""), template: "home") {
            let frame = PageFrame(site: site, dir: "")
            let views = Views(frame: frame)
            var ctx = frame.context(title: site.content.config.title, section: "", crumbs: [])
            if site.content.pages.contains(where: { $0.slug == "index" }) {
                ctx["intro"] = frame.html(.pageBody("index"))
            }
            var all = Views.Counts()
            var teams: [ContextFields] = []
            for b in site.briefings {
                let numbers = site.references.recommendationsOf[b.slug] ?? []
                let recs = numbers.compactMap(site.recommendation)
                let counts = Views.Counts(recs.flatMap(\.questions))
                all += counts
                var team: ContextFields = [
                    "title": b.title, "team": b.team, "slug": b.slug, "url": frame.url(site.urls.briefing(b.slug)),
                    "recommendations": recs.map(views.recommendationRow), "counts": counts.context,
                    "recommendationsLabel": Views.plural(recs.count, "recommendation"),
                ]
                if let d = b.date { team["date"] = d.iso }
                if let m = b.meeting, let meeting = site.meeting(m) {
                    team["meeting"] = ["title": meeting.title, "url": frame.url(site.urls.meeting(m))]
                }
                teams.append(team)
            }
            ctx["teams"] = teams
            ctx["packURL"] = frame.url(site.urls.pack(nil))
            ctx["counts"] = all.context
            ctx["recommendationsLabel"] = Views.plural(site.recommendations.count, "recommendation")
            ctx["meetingsLabel"] = Views.plural(site.meetings.count, "meeting")
            ctx["latestMeetings"] = site.meetings.prefix(3).map { m -> ContextFields in
                var v: ContextFields = ["title": m.title, "url": frame.url(site.urls.meeting(m.slug))]
                if let d = m.date { v["date"] = d.iso }
                return v
            }
            return ctx
        }]
    }
}
