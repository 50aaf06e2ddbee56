/// `pack/index.html` (every team) and `pack/<team>/index.html`: the briefing
/// pack, one page meant for printing, each recommendation on a page of its own.
struct PackPages {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        var jobs = [PageJob(path: SiteURLs.file("pack"), template: "pack") {
            Self.context(site, team: nil)
        }]
        for b in site.briefings {
            jobs.append(PageJob(path: SiteURLs.file("pack/\(b.slug)"), template: "pack") {
                Self.context(site, team: b)
            })
        }
        return jobs
    }

    static func context(_ site: LinkedSite, team: Briefing?) -> ContextFields {
        let dir = team.map { "pack/\($0.slug)" } ?? "pack"
        // Team h2, recommendation h3: the questions come under them, and so do the texts' headings.
        let frame = PageFrame(site: site, dir: dir, questionLevel: 4)
        let views = Views(frame: frame)
        let title = team.map { "\($0.title): briefing pack" } ?? "Briefing pack"
        let crumbs: [PageFrame.Crumb] = team.map { [.init(label: "Briefing pack", dir: "pack"), .init(label: $0.title)] }
            ?? [.init(label: "Briefing pack")]
        var ctx = frame.context(title: title, section: "", crumbs: crumbs)
        var all = Views.Counts()
        var recCount = 0
        ctx["teams"] = site.briefings.filter { team == nil || $0.slug == team?.slug }.map { b -> ContextFields in
            let recs = (site.references.recommendationsOf[b.slug] ?? []).compactMap(site.recommendation)
            recCount += recs.count
            let counts = Views.Counts(recs.flatMap(\.questions))
            all += counts
            var v: ContextFields = [
                "title": b.title, "team": b.team, "slug": b.slug, "url": frame.url(site.urls.briefing(b.slug)),
                "counts": counts.context, "body": frame.html(.briefingBody(b.slug), headingsDown: 1),
                "recommendations": recs.map { r -> ContextFields in
                    var row = views.recommendationRow(r)
                    row["body"] = frame.html(.recommendationBody(r.number), headingsDown: 2)
                    if let f = r.focusArea { row["focusArea"] = f }
                    row["questions"] = r.questions.map { views.question($0, of: r) }
                    return row
                },
            ]
            if let d = b.date { v["date"] = d.iso }
            if let m = b.meeting, let meeting = site.meeting(m) { v["meeting"] = meeting.title }
            return v
        }
        ctx["counts"] = all.context
        ctx["recommendationCount"] = recCount
        ctx["recommendationsNoun"] = Views.noun(recCount, "recommendation")
        ctx["single"] = team != nil
        // The whole pack offers each team's own; a team's pack points back to the whole.
        if team == nil {
            ctx["teamPacks"] = site.briefings.map { ["title": $0.title, "url": frame.url(site.urls.pack($0.slug))] }
        } else {
            ctx["wholePackURL"] = frame.url(site.urls.pack(nil))
        }
        return ctx
    }
}
